import { Navigate } from 'react-router';
import { ROUTES } from '../../routes.ts';
import { canManage, useSession } from '../auth/session.ts';

/**
 * The first page after sign-in: officers and viewers (most of them in grassroots unions, on a
 * phone) land on what they must report; managers on the organisation as before.
 */
export default function HomeRedirect() {
  const session = useSession();
  const role = session.data?.user.role;
  return <Navigate to={canManage(role) ? ROUTES.organisation : ROUTES.myReports} replace />;
}
