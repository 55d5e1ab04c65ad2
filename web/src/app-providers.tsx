import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider, type ConfigProviderProps } from 'antd';
import * as enUSModule from 'antd/es/locale/en_US.js';
import * as viVNModule from 'antd/es/locale/vi_VN.js';
import dayjs from 'dayjs';
import 'dayjs/locale/vi.js';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter } from 'react-router';
import { ApiError } from './api/client.ts';
import { appTheme } from './theme.ts';

type AntLocale = NonNullable<ConfigProviderProps['locale']>;

/** antd ships its locales as CommonJS; depending on interop the value sits one or two `default`s deep. */
function unwrapLocale(module: unknown): AntLocale {
  let value = module;
  for (let i = 0; i < 3 && typeof value === 'object' && value !== null && !('locale' in value); i++) {
    value = (value as { default?: unknown }).default;
  }
  return value as AntLocale;
}

const viVN = unwrapLocale(viVNModule);
const enUS = unwrapLocale(enUSModule);

function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // Retrying a refusal or a validation error never helps; a dropped connection might.
        retry: (count, error) => count < 2 && (!(error instanceof ApiError) || error.status === 0),
      },
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
      <ConfigProvider locale={isVietnamese ? viVN : enUS} theme={appTheme}>
        <BrowserRouter>{children}</BrowserRouter>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
