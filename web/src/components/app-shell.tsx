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
  MenuOutlined,
  ProjectOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Button, Grid } from 'antd';
import { type ReactNode, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import type { TSessionUser } from '../../../contracts/auth.ts';
import { canManage, useSession } from '../features/auth/session.ts';
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

function useMenuItems(user: TSessionUser): NavItem[] {
  const { t } = useTranslation();
  const items: NavItem[] = [
    { key: ROUTES.myReports, icon: <FileDoneOutlined aria-hidden />, label: t('reports.nav.myReports') },
    ...(user.role === 'viewer'
      ? []
      : [
          {
            key: ROUTES.reviewQueue,
            icon: <AuditOutlined aria-hidden />,
            label: t('reports.nav.reviewQueue'),
          },
        ]),
    { key: ROUTES.reportingStatus, icon: <FundOutlined aria-hidden />, label: t('reports.nav.status') },
    { key: ROUTES.dashboard, icon: <DashboardOutlined aria-hidden />, label: t('dashboards.nav.dashboard') },
    {
      key: ROUTES.consolidated,
      icon: <FileSyncOutlined aria-hidden />,
      label: t('dashboards.nav.consolidated'),
    },
    { key: ROUTES.organisation, icon: <ApartmentOutlined aria-hidden />, label: t('nav.organisation') },
    { key: ROUTES.plans, icon: <ProjectOutlined aria-hidden />, label: t('nav.plans') },
    { key: ROUTES.taskBoard, icon: <CarryOutOutlined aria-hidden />, label: t('taskBoard.nav') },
    { key: ROUTES.documents, icon: <FileTextOutlined aria-hidden />, label: t('nav.documents') },
  ];
  if (canManage(user.role)) {
    items.push({ key: ROUTES.users, icon: <TeamOutlined aria-hidden />, label: t('nav.users') });
    items.push({ key: ROUTES.exchange, icon: <GlobalOutlined aria-hidden />, label: t('exchange.nav') });
  }
  if (user.role === 'admin') {
    items.push({ key: ROUTES.audit, icon: <HistoryOutlined aria-hidden />, label: t('audit.nav') });
  }
  return items;
}

/**
 * The main menu: plain links (open in a new tab, read as links by screen readers) drawn like
 * antd's inline Menu, which with its overflow and keyboard machinery weighed ~12 KB gzip on
 * every signed-in page.
 */
function SideMenu({ user, onNavigate }: { user: TSessionUser; onNavigate?: () => void }) {
  const { t } = useTranslation();
  const location = useLocation();
  const items = useMenuItems(user);
  const selected = selectedMenuKey(
    items.map((item) => item.key),
    location.pathname,
    location.state,
  );
  return (
    <nav aria-label={t('nav.mainMenu')} className="side-nav">
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
