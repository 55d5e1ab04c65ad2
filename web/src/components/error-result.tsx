import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiErrorText } from './api-error-text.ts';

export function ErrorResult({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
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
