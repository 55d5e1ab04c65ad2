import {
  ApartmentOutlined,
  AuditOutlined,
  CarryOutOutlined,
  DashboardOutlined,
  FileDoneOutlined,
  FileSyncOutlined,
  FileTextOutlined,
  FundOutlined,
  GlobalOutlined,
  HistoryOutlined,
  HomeOutlined,
  MenuOutlined,
  NumberOutlined,
  ProjectOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Grid } from 'antd';
import { type ReactNode, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import type { TSessionUser } from '../../../contracts/auth.ts';
import { type PageKey, pagesFor } from '../../../domain/access/pages.ts';
import { fetchMenu, MENU_QUERY_KEY } from '../api/home.api.ts';
import { useSession } from '../features/auth/session.ts';
import { NotificationsBell } from '../features/reports/notifications-bell.tsx';
import { selectedMenuKey } from '../lib/menu-selection.ts';
import { ROUTES } from '../routes.ts';
import { AppBrand } from './app-brand.tsx';
import { DemoDataTag } from './demo-data-tag.tsx';
import { ErrorResult } from './error-result.tsx';
import { FeedbackSlot } from './feedback.tsx';
import { LanguageSwitch } from './language-switch.tsx';
import { LazyDrawer } from './lazy-overlay.tsx';
import { PageSpinner } from './page-spinner.tsx';
import { UnitSwitcher } from './unit-switcher.tsx';
import { UserMenu } from './user-menu.tsx';
import { WorkingUnitProvider } from './working-unit.tsx';

interface NavItem {
  key: string;
  icon: ReactNode;
  label: string;
}

/** Each page of the menu, in its order: where it lives, its icon and its name. */
const MENU: readonly { page: PageKey; key: string; icon: ReactNode; label: string }[] = [
  { page: 'home', key: ROUTES.home, icon: <HomeOutlined aria-hidden />, label: 'home.nav' },
  {
    page: 'myReports',
    key: ROUTES.myReports,
    icon: <FileDoneOutlined aria-hidden />,
    label: 'reports.nav.myReports',
  },
  {
    page: 'reviewQueue',
    key: ROUTES.reviewQueue,
    icon: <AuditOutlined aria-hidden />,
    label: 'reports.nav.reviewQueue',
  },
  {
    page: 'reportingStatus',
    key: ROUTES.reportingStatus,
    icon: <FundOutlined aria-hidden />,
    label: 'reports.nav.status',
  },
  {
    page: 'dashboard',
    key: ROUTES.dashboard,
    icon: <DashboardOutlined aria-hidden />,
    label: 'dashboards.nav.dashboard',
  },
  {
    page: 'consolidated',
    key: ROUTES.consolidated,
    icon: <FileSyncOutlined aria-hidden />,
    label: 'dashboards.nav.consolidated',
  },
  {
    page: 'organisation',
    key: ROUTES.organisation,
    icon: <ApartmentOutlined aria-hidden />,
    label: 'nav.organisation',
  },
  { page: 'plans', key: ROUTES.plans, icon: <ProjectOutlined aria-hidden />, label: 'nav.plans' },
  {
    page: 'taskBoard',
    key: ROUTES.taskBoard,
    icon: <CarryOutOutlined aria-hidden />,
    label: 'taskBoard.nav',
  },
  {
    page: 'documents',
    key: ROUTES.documents,
    icon: <FileTextOutlined aria-hidden />,
    label: 'nav.documents',
  },
  {
    page: 'indicators',
    key: ROUTES.indicators,
    icon: <NumberOutlined aria-hidden />,
    label: 'indicators.nav',
  },
  { page: 'users', key: ROUTES.users, icon: <TeamOutlined aria-hidden />, label: 'nav.users' },
  { page: 'exchange', key: ROUTES.exchange, icon: <GlobalOutlined aria-hidden />, label: 'exchange.nav' },
  { page: 'audit', key: ROUTES.audit, icon: <HistoryOutlined aria-hidden />, label: 'audit.nav' },
];

/** The menu's pages from the server's access policy (`/api/home/menu`), asked once per session. */
function useMenuPages() {
  return useQuery({
    queryKey: MENU_QUERY_KEY,
    queryFn: ({ signal }) => fetchMenu(signal),
    staleTime: 5 * 60_000,
  });
}

/**
 * The pages the user can use, as the server's access policy says; until it answers (or if it
 * cannot), the same rule read from the role alone for a unit with no units below — the fewer pages,
 * never one the user cannot use (the API refuses on its own what a role may not do).
 */
function useMenuItems(user: TSessionUser): { items: NavItem[]; ready: boolean } {
  const { t } = useTranslation();
  const menu = useMenuPages();
  const pages = new Set(menu.data?.pages ?? pagesFor(user.role, false));
  const items = MENU.filter((item) => pages.has(item.page)).map((item) => ({
    key: item.key,
    icon: item.icon,
    label: t(item.label),
  }));
  return { items, ready: menu.data !== undefined };
}

/**
 * The main menu: plain links (open in a new tab, read as links by screen readers) drawn like
 * antd's inline Menu, which with its overflow and keyboard machinery weighed ~12 KB gzip on
 * every signed-in page.
 */
function SideMenu({ user, onNavigate }: { user: TSessionUser; onNavigate?: () => void }) {
  const { t } = useTranslation();
  const location = useLocation();
  const { items, ready } = useMenuItems(user);
  const selected = selectedMenuKey(
    items.map((item) => item.key),
    location.pathname,
    location.state,
  );
  return (
    <nav aria-label={t('nav.mainMenu')} className="side-nav" data-ready={ready}>
      <ul className="side-nav__list">
        {items.map((item) => (
          <li key={item.key}>
            <Link
              to={item.key}
              className={item.key === selected ? 'side-nav__item side-nav__item--selected' : 'side-nav__item'}
              aria-current={item.key === selected ? 'page' : undefined}
              onClick={onNavigate}
            >
              <span className="side-nav__icon">{item.icon}</span>
              <span className="side-nav__label">{item.label}</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function ShellLayout({ user }: { user: TSessionUser }) {
  const { t } = useTranslation();
  // asked as the shell opens, so the phone's drawer has it when first opened
  useMenuPages();
  const screens = Grid.useBreakpoint();
  const isWide = screens.lg === true;
  const [drawerOpen, setDrawerOpen] = useState(false);

  return (
    <div className="app-layout">
      <a className="skip-link" href="#main-content">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <div className="app-header__start">
          {!isWide && (
            <Button
              type="text"
              icon={<MenuOutlined aria-hidden />}
              aria-label={t('nav.openMenu')}
              aria-expanded={drawerOpen}
              onClick={() => setDrawerOpen(true)}
            />
          )}
          <AppBrand />
          <DemoDataTag />
        </div>
        <div className="app-header__unit">
          <UnitSwitcher />
        </div>
        <div className="app-header__end">
          <NotificationsBell />
          <LanguageSwitch />
          <UserMenu user={user} />
        </div>
      </header>
      <div className="app-body">
        {isWide ? (
          <aside className="app-sider">
            <SideMenu user={user} />
          </aside>
        ) : (
          <LazyDrawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            size={260}
            title={t('app.name')}
            styles={{ body: { padding: 0 } }}
          >
            <SideMenu user={user} onNavigate={() => setDrawerOpen(false)} />
          </LazyDrawer>
        )}
        <main id="main-content" className="app-content" tabIndex={-1}>
          <Suspense fallback={<PageSpinner />}>
            <Outlet />
          </Suspense>
        </main>
      </div>
    </div>
  );
}

/** Everything behind sign-in: the session check, header, menu and the page. */
export default function AppShell() {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <PageSpinner />;
  if (session.isError) return <ErrorResult error={session.error} onRetry={() => void session.refetch()} />;
  if (!session.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`${ROUTES.login}?next=${encodeURIComponent(next)}`} replace />;
  }
  const { user } = session.data;
  return (
    <WorkingUnitProvider
      key={user.id}
      userId={user.id}
      homeUnit={{ id: user.homeUnitId, name: user.homeUnitName }}
    >
      {/* Toasts and confirmations (components/feedback.tsx), inside the theme and language. */}
      <ShellLayout user={user} />
      <FeedbackSlot />
    </WorkingUnitProvider>
  );
}
