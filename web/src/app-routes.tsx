import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { PageSpinner } from './components/page-spinner.tsx';
import { ROUTES } from './routes.ts';

const LoginPage = lazy(() => import('./features/auth/login-page.tsx'));
const AuthenticatedShell = lazy(() => import('./components/app-shell.tsx'));
const OrgPage = lazy(() => import('./features/org/org-page.tsx'));
const UsersPage = lazy(() => import('./features/users/users-page.tsx'));
const NotFoundPage = lazy(() => import('./components/not-found-page.tsx'));

export function AppRoutes() {
  return (
    <Suspense fallback={<PageSpinner />}>
      <Routes>
        <Route path={ROUTES.login} element={<LoginPage />} />
        <Route path="/login" element={<Navigate to={ROUTES.login} replace />} />
        <Route element={<AuthenticatedShell />}>
          <Route index element={<Navigate to={ROUTES.organisation} replace />} />
          <Route path={ROUTES.organisation} element={<OrgPage />} />
          <Route path={ROUTES.users} element={<UsersPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
