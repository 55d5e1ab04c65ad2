import { Alert, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFieldCheck } from '../../../../../contracts/document-parse.ts';

interface ExtractChecksProps {
  checks: readonly TFieldCheck[];
  /** go to the field (its key in the editor: `issuer`, `signer`, `tasks`…) */
  onPick: (field: string) => void;
}

const percent = new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 0 });

/** The reader's least certain fields, least sure first, each with the reason and a link to it. */
export function ExtractChecks({ checks, onPick }: ExtractChecksProps) {
  const { t } = useTranslation();
  if (checks.length === 0) return null;
  const fieldName = (field: string): string =>
    field === 'text'
      ? t('review.checks.text')
      : t(`review.field.${field}`, { defaultValue: t(`review.section.${field}`, { defaultValue: field }) });
  return (
    <Alert
      className="review__checks"
      type="warning"
      showIcon
      data-testid="extract-checks"
      message={t('review.checks.title', { count: checks.length })}
      description={
        <>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
            {t('review.checks.hint')}
          </Typography.Paragraph>
          <ol className="review__checks-list">
            {checks.map((c) => (
              <li key={`${c.field}:${c.reason}`}>
                <Typography.Link onClick={() => onPick(c.field)}>{fieldName(c.field)}</Typography.Link>
                {' — '}
                {t(`review.checks.reason.${c.reason}`, { defaultValue: c.reason })}{' '}
                <Typography.Text type="secondary">
                  ({t('review.checks.confidence', { percent: percent.format(c.confidence) })})
                </Typography.Text>
              </li>
            ))}
          </ol>
        </>
      }
    />
  );
}
