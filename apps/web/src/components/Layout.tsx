import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router-dom';
import { REVIEWER_ROLES, type Role } from '@domain/enums';
import { STATISTICS_ROLES } from '@domain/stats-scope';
import { useSession } from '../auth/session';
import { LanguageToggle } from './LanguageToggle';
import { NotificationBell } from './NotificationBell';

interface NavItem {
  to: string;
  label: string;
  roles: readonly Role[];
}

const NAV: NavItem[] = [
  { to: '/requests/new', label: 'nav.newRequest', roles: ['requester'] },
  { to: '/requests', label: 'nav.myRequests', roles: ['requester'] },
  // The register (the requests of one's scope, read only); a requester's own list is the same page.
  { to: '/requests', label: 'nav.register', roles: ['follow_up'] },
  { to: '/inbox', label: 'nav.inbox', roles: REVIEWER_ROLES },
  { to: '/without-requester', label: 'nav.withoutRequester', roles: ['hr_lead'] },
  { to: '/stats', label: 'nav.stats', roles: STATISTICS_ROLES },
  { to: '/periods', label: 'nav.periods', roles: ['admin', 'executive', 'follow_up'] },
  { to: '/admin/organisation', label: 'nav.organisation', roles: ['admin'] },
  { to: '/exemptions', label: 'nav.exemptions', roles: ['director', 'executive', 'admin'] },
  { to: '/out-of-office', label: 'nav.outOfOffice', roles: REVIEWER_ROLES },
  { to: '/admin/routes', label: 'nav.routes', roles: ['admin'] },
  { to: '/admin/people', label: 'nav.people', roles: ['admin'] },
  { to: '/admin/audit', label: 'nav.audit', roles: ['admin'] },
  { to: '/admin/import', label: 'nav.orgImport', roles: ['admin'] },
  { to: '/actuals/import', label: 'nav.actualsImport', roles: ['admin', 'follow_up'] },
  { to: '/targets', label: 'nav.targets', roles: [...STATISTICS_ROLES, 'admin'] },
];

export function Layout() {
  const { t } = useTranslation();
  const session = useSession();
  const items = NAV.filter((i) => session.has(...i.roles)).filter(
    (item, at, shown) => shown.findIndex((other) => other.to === item.to) === at,
  );
  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      <header className="topbar">
        <div className="brand">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </div>
        <div className="topbar-tools">
          {session.signedIn && <NotificationBell />}
          <LanguageToggle />
          {session.me && (
            <>
              <span className="whoami">{session.me.displayName}</span>
              <button type="button" className="link-button" onClick={session.signOut}>
                {t('nav.signOut')}
              </button>
            </>
          )}
        </div>
      </header>
      {items.length > 0 && (
        <nav className="mainnav" aria-label={t('nav.label')}>
          <ul>
            {items.map((i) => (
              <li key={i.to}>
                <NavLink to={i.to} end>
                  {t(i.label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
