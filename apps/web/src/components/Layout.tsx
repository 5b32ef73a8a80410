import { Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation } from 'react-router-dom';
import { REVIEWER_ROLES, type Role } from '@domain/enums';
import { STATISTICS_ROLES } from '@domain/stats-scope';
import { useSession } from '../auth/session';
import { LanguageToggle } from './LanguageToggle';
import { Loading } from './Loading';
import { NotificationBell } from './NotificationBell';
import { useScrollableTables } from './scrollable-tables';

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
  const { pathname } = useLocation();
  const items = NAV.filter((i) => session.has(...i.roles)).filter(
    (item, at, shown) => shown.findIndex((other) => other.to === item.to) === at,
  );
  // On a phone the navigation and the account tools fold behind one button (styles.css shows it below 760 px);
  // on a wide screen the button is not displayed and the menu is always open.
  // The menu is open for the page it was opened on: choosing a page closes it, as the page is what was asked for.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const menuOpen = openOn === pathname;
  const setMenuOpen = (open: boolean) => setOpenOn(open ? pathname : null);
  const menuButton = useRef<HTMLButtonElement>(null);
  const main = useRef<HTMLElement>(null);
  useScrollableTables(main);
  const collapsible = Boolean(session.me);
  useEffect(() => {
    if (!menuOpen) return;
    const close = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpenOn(null);
      menuButton.current?.focus();
    };
    window.addEventListener('keydown', close);
    return () => window.removeEventListener('keydown', close);
  }, [menuOpen]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      <header className={`site-header${collapsible ? ' collapsible' : ''}${menuOpen ? ' menu-open' : ''}`}>
        <div className="topbar">
          <div className="brand">
            <span className="brand-name">{t('app.name')}</span>
            <span className="brand-tagline">{t('app.tagline')}</span>
          </div>
          <div className="topbar-quick">
            {session.signedIn && <NotificationBell />}
            {collapsible && (
              <button
                type="button"
                ref={menuButton}
                className="menu-button"
                aria-expanded={menuOpen}
                aria-controls="site-menu-tools site-menu-nav"
                onClick={() => setMenuOpen(!menuOpen)}
              >
                <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="currentColor">
                  <path d="M3 5h18v2H3zm0 6h18v2H3zm0 6h18v2H3z" />
                </svg>{' '}
                {t('nav.menu')}
              </button>
            )}
          </div>
          <div className="topbar-tools" id="site-menu-tools">
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
        </div>
        {items.length > 0 && (
          <nav className="mainnav" id="site-menu-nav" aria-label={t('nav.label')}>
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
      </header>
      <main id="main" tabIndex={-1} ref={main}>
        {/* A page's chunk is fetched on its first visit; meanwhile the header stays and the wait is announced. */}
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}
