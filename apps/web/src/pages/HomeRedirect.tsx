import { Navigate } from 'react-router-dom';
import { REVIEWER_ROLES } from '@domain/enums';
import { useSession } from '../auth/session';

/** Each role lands where its work is. */
export function HomeRedirect() {
  const { has } = useSession();
  if (has(...REVIEWER_ROLES)) return <Navigate to="/inbox" replace />;
  if (has('requester')) return <Navigate to="/requests" replace />;
  if (has('admin')) return <Navigate to="/periods" replace />;
  return <Navigate to="/requests" replace />;
}
