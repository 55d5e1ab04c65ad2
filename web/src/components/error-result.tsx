import { lazy, Suspense } from 'react';

export interface ErrorResultProps {
  error: unknown;
  onRetry?: () => void;
}

// Every page shows this on a failed request, so it stays out of the first download.
const ErrorResultView = lazy(() => import('./error-result-view.tsx'));

export function ErrorResult(props: ErrorResultProps) {
  return (
    <Suspense fallback={null}>
      <ErrorResultView {...props} />
    </Suspense>
  );
}
