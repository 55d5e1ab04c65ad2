import { Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { TFreshness } from '../../../../contracts/dashboard.ts';
import { DISPLAY_DATE_FORMAT } from '../../lib/format.ts';

/**
 * "Số liệu tính đến …": the moment up to which every approved report is in the figures shown,
 * and where they were read — the primary database, or a streaming replica and how far behind.
 */
export function FreshnessNote({ freshness }: { freshness: TFreshness }) {
  const { t, i18n } = useTranslation();
  const time = dayjs(freshness.asOf).format(`HH:mm:ss ${DISPLAY_DATE_FORMAT}`);
  const lag = (freshness.lagMs / 1000).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'vi-VN', {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  return (
    <Typography.Text type="secondary" className="dash-freshness" data-testid="dash-freshness">
      {freshness.source === 'replica'
        ? t('dashboards.freshness.replica', { time, lag })
        : t('dashboards.freshness.primary', { time })}
    </Typography.Text>
  );
}
