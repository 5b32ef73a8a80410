import { Navigate } from 'react-router-dom';
import { useSession } from '../auth/session';

/** Each role lands where its work is. */
export function HomeRedirect() {
  const { has } = useSession();
  if (has('hr_reviewer', 'hr_lead', 'director', 'executive')) return <Navigate to="/inbox" replace />;
  if (has('requester')) return <Navigate to="/requests" replace />;
  if (has('admin')) return <Navigate to="/periods" replace />;
  return <Navigate to="/requests" replace />;
}
