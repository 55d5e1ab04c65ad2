import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
import dayjs from 'dayjs';
import 'dayjs/locale/vi.js';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter } from 'react-router';
import { ApiError } from './api/client.ts';
import { antdLocaleOf } from './i18n/i18n.ts';
import { appTheme } from './theme.ts';

function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // Retrying a refusal or a validation error never helps; a dropped connection might.
        retry: (count, error) => count < 2 && (!(error instanceof ApiError) || error.status === 0),
        // With no connection a query still asks once: the service worker may answer from its copy
        // (issue 21). TanStack's default would wait for the browser to say it is online.
        networkMode: 'offlineFirst',
      },
      // A mutation made offline runs and fails at once (or is queued by its view), never waits unseen.
      mutations: { networkMode: 'offlineFirst' },
    },
  });
}

/** Query cache, router, antd theme and locale following the UI language. */
export function AppProviders({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  const { i18n } = useTranslation();
  const isVietnamese = i18n.language !== 'en';

  useEffect(() => {
    dayjs.locale(isVietnamese ? 'vi' : 'en');
  }, [isVietnamese]);

  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={antdLocaleOf(isVietnamese ? 'vi' : 'en')} theme={appTheme}>
        <BrowserRouter>{children}</BrowserRouter>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
