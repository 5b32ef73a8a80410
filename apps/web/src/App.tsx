import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import type { ReactNode } from 'react';
import { REVIEWER_ROLES, type Role } from '@domain/enums';
import { STATISTICS_ROLES } from '@domain/stats-scope';
import { useSession } from './auth/session';
import { safeReturnPath, signInPathFor } from './auth/return-path';
import { Layout } from './components/Layout';
import { Loading } from './components/Loading';
import { page } from './lazy-page';
import { HomeRedirect } from './pages/HomeRedirect';
import { NotFoundPage } from './pages/NotFoundPage';
import { ForbiddenPage } from './pages/ForbiddenPage';

// Each page is its own chunk, fetched on first visit (Layout shows the loading state meanwhile).
const SignInPage = page(() => import('./pages/SignInPage'), 'SignInPage');
const OidcCallbackPage = page(() => import('./pages/OidcCallbackPage'), 'OidcCallbackPage');
const NewRequestPage = page(() => import('./pages/NewRequestPage'), 'NewRequestPage');
const MyRequestsPage = page(() => import('./pages/MyRequestsPage'), 'MyRequestsPage');
const RequestPage = page(() => import('./pages/RequestPage'), 'RequestPage');
const InboxPage = page(() => import('./pages/InboxPage'), 'InboxPage');
const ReviewPage = page(() => import('./pages/ReviewPage'), 'ReviewPage');
const ReviewPeriodsPage = page(() => import('./pages/ReviewPeriodsPage'), 'ReviewPeriodsPage');
const RouteVersionsPage = page(() => import('./pages/RouteVersionsPage'), 'RouteVersionsPage');
const OrganisationPage = page(() => import('./pages/OrganisationPage'), 'OrganisationPage');
const ExemptionsPage = page(() => import('./pages/ExemptionsPage'), 'ExemptionsPage');
const OutOfOfficePage = page(() => import('./pages/OutOfOfficePage'), 'OutOfOfficePage');
const OrgImportPage = page(() => import('./pages/OrgImportPage'), 'OrgImportPage');
const ActualsImportPage = page(() => import('./pages/ActualsImportPage'), 'ActualsImportPage');
const CostTargetsPage = page(() => import('./pages/CostTargetsPage'), 'CostTargetsPage');
const StatsPage = page(() => import('./pages/StatsPage'), 'StatsPage');
const WithoutRequesterPage = page(() => import('./pages/WithoutRequesterPage'), 'WithoutRequesterPage');
const AdminAuditPage = page(() => import('./pages/AdminAuditPage'), 'AdminAuditPage');
const PeopleAdminPage = page(() => import('./pages/PeopleAdminPage'), 'PeopleAdminPage');
const PersonPage = page(() => import('./pages/people/PersonPage'), 'PersonPage');

/** Signed-out users go to sign-in and come back; a page for other roles says so instead of failing later. */
function Guard({ roles, children }: { roles?: readonly Role[]; children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.loading) return <Loading />;
  // The page asked for travels in the query, so it survives a reload and the identity provider's round trip.
  if (!session.signedIn)
    return <Navigate to={signInPathFor(`${location.pathname}${location.search}${location.hash}`)} replace />;
  if (roles && !session.has(...roles)) return <ForbiddenPage />;
  return <>{children}</>;
}

function SignInRoute() {
  const session = useSession();
  const location = useLocation();
  if (session.signedIn) {
    const returnTo = new URLSearchParams(location.search).get('returnTo');
    return <Navigate to={safeReturnPath(returnTo, window.location.origin) ?? '/'} replace />;
  }
  return <SignInPage />;
}

export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route path="/signin" element={<SignInRoute />} />
        <Route path="/auth/callback" element={<OidcCallbackPage />} />
        <Route
          path="/"
          element={
            <Guard>
              <HomeRedirect />
            </Guard>
          }
        />
        <Route
          path="/requests/new"
          element={
            <Guard roles={['requester']}>
              <NewRequestPage />
            </Guard>
          }
        />
        <Route
          path="/requests"
          element={
            <Guard>
              <MyRequestsPage />
            </Guard>
          }
        />
        <Route
          path="/requests/:id"
          element={
            <Guard>
              <RequestPage />
            </Guard>
          }
        />
        <Route
          path="/inbox"
          element={
            <Guard roles={REVIEWER_ROLES}>
              <InboxPage />
            </Guard>
          }
        />
        <Route
          path="/review/:id"
          element={
            <Guard roles={REVIEWER_ROLES}>
              <ReviewPage />
            </Guard>
          }
        />
        <Route
          path="/stats"
          element={
            <Guard roles={STATISTICS_ROLES}>
              <StatsPage />
            </Guard>
          }
        />
        <Route
          path="/periods"
          element={
            <Guard>
              <ReviewPeriodsPage />
            </Guard>
          }
        />
        <Route
          path="/exemptions"
          element={
            <Guard roles={['director', 'executive', 'admin']}>
              <ExemptionsPage />
            </Guard>
          }
        />
        <Route
          path="/admin/routes"
          element={
            <Guard roles={['admin']}>
              <RouteVersionsPage />
            </Guard>
          }
        />
        <Route
          path="/out-of-office"
          element={
            <Guard roles={REVIEWER_ROLES}>
              <OutOfOfficePage />
            </Guard>
          }
        />
        <Route
          path="/without-requester"
          element={
            <Guard roles={['hr_lead']}>
              <WithoutRequesterPage />
            </Guard>
          }
        />
        <Route
          path="/admin/import"
          element={
            <Guard roles={['admin']}>
              <OrgImportPage />
            </Guard>
          }
        />
        <Route
          path="/actuals/import"
          element={
            <Guard roles={['admin', 'follow_up']}>
              <ActualsImportPage />
            </Guard>
          }
        />
        <Route
          path="/targets"
          element={
            <Guard roles={[...STATISTICS_ROLES, 'admin']}>
              <CostTargetsPage />
            </Guard>
          }
        />
        {(
          [
            ['/admin/people', <PeopleAdminPage />],
            ['/admin/people/:id', <PersonPage />],
            ['/admin/audit', <AdminAuditPage />],
            ['/admin/organisation', <OrganisationPage />],
          ] as const
        ).map(([path, page]) => (
          <Route key={path} path={path} element={<Guard roles={['admin']}>{page}</Guard>} />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
