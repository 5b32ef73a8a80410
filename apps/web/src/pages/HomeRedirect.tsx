import { Navigate } from 'react-router-dom';
import { REVIEWER_ROLES } from '@domain/enums';
import { useSession } from '../auth/session';
import { NoAccessPage } from './NoAccessPage';

/** Each role lands where its work is. */
export function HomeRedirect() {
  const { has, me } = useSession();
  // A person the provider knows but Prövning has granted nothing yet (created at their first sign-in).
  if (me && me.grants.length === 0) return <NoAccessPage />;
  if (has(...REVIEWER_ROLES)) return <Navigate to="/inbox" replace />;
  if (has('requester')) return <Navigate to="/requests" replace />;
  if (has('admin')) return <Navigate to="/periods" replace />;
  // The steering group and finance follow the work up: the figures first, the register one click away.
  if (has('follow_up')) return <Navigate to="/stats" replace />;
  return <Navigate to="/requests" replace />;
}
