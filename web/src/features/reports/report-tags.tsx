import { Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { TReportStatus } from '../../../../contracts/reporting.ts';
import { isSent } from '../../../../domain/reporting/report-states.ts';
import { todayIso } from '../../lib/format.ts';
import { useMeta } from '../auth/session.ts';

export function ReportStatusTag({ status }: { status: TReportStatus }) {
  const { t } = useTranslation();
  return (
    <Tag className={`report-status report-status--${status}`} data-status={status}>
      {t(`reports.status.${status}`)}
    </Tag>
  );
}

/** The server's "today" (the demo can run on a fixed date), else the device's. */
export function useToday(): string {
  const meta = useMeta();
  return meta.data?.today ?? todayIso();
}

/** Days from `today` to `dueOn`: negative when the date has passed. */
export const daysUntil = (dueOn: string, today: string): number => dayjs(dueOn).diff(dayjs(today), 'day');

/** "Còn 5 ngày", "Hạn hôm nay", or "Trễ 3 ngày" in red. Nothing once the report has been sent. */
export function DueCountdown({
  dueOn,
  status,
  late,
}: {
  dueOn: string;
  status: TReportStatus;
  late: boolean;
}) {
  const { t } = useTranslation();
  const today = useToday();
  const days = daysUntil(dueOn, today);
  if (isSent(status)) {
    return late ? (
      <span className="due-countdown due-countdown--late-sent">{t('reports.due.sentLate')}</span>
    ) : null;
  }
  if (days < 0 || late) {
    return (
      <span className="due-countdown due-countdown--late">
        {t('reports.due.late', { count: Math.max(1, -days) })}
      </span>
    );
  }
  if (days === 0) return <span className="due-countdown due-countdown--today">{t('reports.due.today')}</span>;
  return (
    <span className={`due-countdown${days <= 3 ? ' due-countdown--soon' : ''}`}>
      {t('reports.due.left', { count: days })}
    </span>
  );
}
