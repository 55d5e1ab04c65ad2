import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { PageSpinner } from './components/page-spinner.tsx';
import { ROUTES } from './routes.ts';

const LoginPage = lazy(() => import('./features/auth/login-page.tsx'));
const SetupPage = lazy(() => import('./features/setup/setup-page.tsx'));
const InvitationPage = lazy(() => import('./features/setup/invitation-page.tsx'));
const AuthenticatedShell = lazy(() => import('./components/app-shell.tsx'));
const OrgPage = lazy(() => import('./features/org/org-page.tsx'));
const UsersPage = lazy(() => import('./features/users/users-page.tsx'));
const AuditPage = lazy(() => import('./features/audit/audit-page.tsx'));
const DocumentsPage = lazy(() => import('./features/documents/documents-page.tsx'));
const DocumentReadPage = lazy(() => import('./features/documents/document-read-page.tsx'));
const DocumentPage = lazy(() => import('./features/documents/document-page.tsx'));
const PlansPage = lazy(() => import('./features/plans/plans-page.tsx'));
const PlanPage = lazy(() => import('./features/plans/plan-page.tsx'));
const PlanEditPage = lazy(() => import('./features/plans/plan-edit-page.tsx'));
const TaskBoardPage = lazy(() => import('./features/plans/task-board-page.tsx'));
const MyReportsPage = lazy(() => import('./features/reports/my-reports-page.tsx'));
const ReportPage = lazy(() => import('./features/reports/report-page.tsx'));
const ReviewQueuePage = lazy(() => import('./features/reports/review-queue-page.tsx'));
const ReportingStatusPage = lazy(() => import('./features/reports/reporting-status-page.tsx'));
const DashboardPage = lazy(() => import('./features/dashboards/dashboard-page.tsx'));
const ConsolidatedPage = lazy(() => import('./features/dashboards/consolidated-page.tsx'));
const GuidePage = lazy(() => import('./features/guide/guide-page.tsx'));
const RostersPage = lazy(() => import('./features/rosters/rosters-page.tsx'));
const ActivitiesPage = lazy(() => import('./features/rosters/activities-page.tsx'));
const ExchangePage = lazy(() => import('./features/exchange/exchange-page.tsx'));
const HomePage = lazy(() => import('./features/home/home-page.tsx'));
const IndicatorsPage = lazy(() => import('./features/indicators/indicators-page.tsx'));
const NotFoundPage = lazy(() => import('./components/not-found-page.tsx'));

export function AppRoutes() {
  return (
    <Suspense fallback={<PageSpinner />}>
      <Routes>
        <Route path={ROUTES.login} element={<LoginPage />} />
        <Route path="/login" element={<Navigate to={ROUTES.login} replace />} />
        <Route path={ROUTES.setup} element={<SetupPage />} />
        <Route path={`${ROUTES.invitation}/:token`} element={<InvitationPage />} />
        <Route element={<AuthenticatedShell />}>
          <Route index element={<HomePage />} />
          <Route path={ROUTES.organisation} element={<OrgPage />} />
          <Route path={ROUTES.users} element={<UsersPage />} />
          <Route path={ROUTES.audit} element={<AuditPage />} />
          <Route path={ROUTES.documents} element={<DocumentsPage />} />
          <Route path={ROUTES.documentRead} element={<DocumentReadPage />} />
          <Route path={`${ROUTES.documents}/:id`} element={<DocumentPage />} />
          <Route path={ROUTES.plans} element={<PlansPage />} />
          <Route path={`${ROUTES.plans}/:id`} element={<PlanPage />} />
          <Route path={`${ROUTES.plans}/:id/sua`} element={<PlanEditPage />} />
          <Route path={ROUTES.taskBoard} element={<TaskBoardPage />} />
          <Route path={ROUTES.myReports} element={<MyReportsPage />} />
          <Route path={`${ROUTES.myReports}/:id`} element={<ReportPage />} />
          <Route path={ROUTES.reviewQueue} element={<ReviewQueuePage />} />
          {/* The reminder e-mails and notifications link the review queue as /bao-cao/duyet. */}
          <Route path={`${ROUTES.myReports}/duyet`} element={<Navigate to={ROUTES.reviewQueue} replace />} />
          <Route path={ROUTES.reportingStatus} element={<ReportingStatusPage />} />
          <Route path={`${ROUTES.plans}/:planId/bao-cao`} element={<ReportingStatusPage />} />
          <Route path={ROUTES.dashboard} element={<DashboardPage />} />
          <Route path={ROUTES.consolidated} element={<ConsolidatedPage />} />
          <Route path={ROUTES.guide} element={<GuidePage />} />
          <Route path={ROUTES.rosters} element={<RostersPage />} />
          <Route path={ROUTES.activities} element={<ActivitiesPage />} />
          <Route path={ROUTES.exchange} element={<ExchangePage />} />
          <Route path={ROUTES.indicators} element={<IndicatorsPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
