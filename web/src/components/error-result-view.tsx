import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiErrorText } from './api-error-text.ts';

import type { ErrorResultProps } from './error-result.tsx';

/** antd's Result (with its 404/403/500 illustrations) is loaded only when an error is shown. */
export default function ErrorResultView({ error, onRetry }: ErrorResultProps) {
  const { t } = useTranslation();
  const describe = useApiErrorText();
  return (
    <Result
      status="warning"
      title={t('errors.title')}
      subTitle={describe(error)}
      extra={
        onRetry ? (
          <Button type="primary" onClick={onRetry}>
            {t('errors.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
