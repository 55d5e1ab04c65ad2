import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';

/** A sentence for the user: the server's localised message, or ours when there is none. */
export function useApiErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error: unknown) => {
    if (error instanceof ApiError) {
      if (error.status === 0) return t('errors.network');
      if (error.message) return error.message;
      if (error.status === 409) return t('errors.conflict');
      if (error.status === 403) return t('errors.forbidden');
      if (error.status === 401) return t('errors.sessionExpired');
      return t('errors.unknown', { status: error.status });
    }
    if (error instanceof Error && error.message) return error.message;
    return t('errors.unknown', { status: '?' });
  };
}
