import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import type { ReactNode } from 'react';
import { REVIEWER_ROLES, type Role } from '@domain/enums';
import { STATISTICS_ROLES } from '@domain/stats-scope';
import { useSession } from './auth/session';
import { safeReturnPath, signInPathFor } from './auth/return-path';
import { Layout } from './components/Layout';
import { Loading } from './components/Loading';
import { SignInPage } from './pages/SignInPage';
import { OidcCallbackPage } from './pages/OidcCallbackPage';
import { HomeRedirect } from './pages/HomeRedirect';
import { NewRequestPage } from './pages/NewRequestPage';
import { MyRequestsPage } from './pages/MyRequestsPage';
import { RequestPage } from './pages/RequestPage';
import { InboxPage } from './pages/InboxPage';
import { ReviewPage } from './pages/ReviewPage';
import { ReviewPeriodsPage } from './pages/ReviewPeriodsPage';
import { RouteVersionsPage } from './pages/RouteVersionsPage';
import { OrganisationPage } from './pages/OrganisationPage';
import { ExemptionsPage } from './pages/ExemptionsPage';
import { OutOfOfficePage } from './pages/OutOfOfficePage';
import { OrgImportPage } from './pages/OrgImportPage';
import { StatsPage } from './pages/StatsPage';
import { WithoutRequesterPage } from './pages/WithoutRequesterPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { AdminAuditPage } from './pages/AdminAuditPage';
import { PeopleAdminPage } from './pages/PeopleAdminPage';
import { PersonPage } from './pages/people/PersonPage';
import { ForbiddenPage } from './pages/ForbiddenPage';

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
