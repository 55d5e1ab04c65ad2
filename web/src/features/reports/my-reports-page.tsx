import { CalendarOutlined, CopyOutlined, FileDoneOutlined, RightOutlined } from '@ant-design/icons';
import { useMutation, useQueries, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Input, Skeleton, Typography } from 'antd';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { TDueItem } from '../../../../contracts/reporting.ts';
import { isEditable, isSent } from '../../../../domain/reporting/report-states.ts';
import { ApiError } from '../../api/client.ts';
import {
  fetchCalendarLink,
  fetchMyReports,
  fetchReport,
  fetchReviewQueue,
  openReport,
} from '../../api/reports.api.ts';
import { useApiErrorText } from '../../components/api-error-text.ts';
import { ErrorResult } from '../../components/error-result.tsx';
import { PageHelp } from '../../components/page-help.tsx';
import { formatIsoDate } from '../../lib/format.ts';
import { ROUTES, reportPath } from '../../routes.ts';
import { hasRole, useSession } from '../auth/session.ts';
import { DueCountdown, ReportStatusTag } from './report-tags.tsx';
import './reports.css';
import { useFeedback } from '../../components/feedback.tsx';

export const MY_REPORTS_KEY = ['reports', 'mine'] as const;

const isOpenStatus = (item: TDueItem) => !isSent(item.status);

function actionLabelKey(item: TDueItem): string {
  if (item.status === 'not_started') return 'reports.mine.start';
  if (isEditable(item.status)) return 'reports.mine.continue';
  return 'reports.mine.view';
}

function DueCard({
  item,
  returnReason,
  onOpen,
  opening,
}: {
  item: TDueItem;
  returnReason: string | null;
  onOpen: (item: TDueItem) => void;
  opening: boolean;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <li
      className={`due-card due-card--${item.status}${item.late && isOpenStatus(item) ? ' due-card--late' : ''}`}
    >
      <Card size="small">
        <div className="due-card__head">
          <Typography.Title level={2} className="due-card__title" id={titleId}>
            {item.periodLabel} · {item.scheduleName}
          </Typography.Title>
          <ReportStatusTag status={item.status} />
        </div>
        <div className="due-card__unit">{item.unitName}</div>
        <div className="due-card__plan" title={item.planTitle}>
          {t('reports.mine.plan')}: {item.planTitle}
        </div>
        <div className="due-card__due">
          <span>
            {t('reports.mine.dueOn')}: <strong>{formatIsoDate(item.dueOn)}</strong>
          </span>
          <DueCountdown dueOn={item.dueOn} status={item.status} late={item.late} />
        </div>
        {item.status === 'returned' && (
          <Alert
            className="due-card__reason"
            type="error"
            showIcon
            title={t('reports.mine.returnedBecause')}
            description={returnReason ?? '…'}
          />
        )}
        <Button
          className="due-card__open"
          type={isOpenStatus(item) ? 'primary' : 'default'}
          size="large"
          block
          loading={opening}
          onClick={() => onOpen(item)}
          aria-describedby={titleId}
        >
          {t(actionLabelKey(item))}
          <RightOutlined aria-hidden />
        </Button>
      </Card>
    </li>
  );
}

/** Copy the personal ICS feed address into a calendar app (Google, Outlook, the phone's calendar). */
function CalendarLink() {
  const { t } = useTranslation();
  const { message } = useFeedback();
  const describe = useApiErrorText();
  const [url, setUrl] = useState<string | null>(null);
  const inputId = useId();
  const link = useMutation({
    mutationFn: () => fetchCalendarLink(),
    onSuccess: async ({ url: fetched }) => {
      const absolute = new URL(fetched, window.location.origin).toString();
      setUrl(absolute);
      try {
        await navigator.clipboard.writeText(absolute);
        message.success(t('reports.calendar.copied'));
      } catch {
        // No clipboard (an old browser, or not https): the address is shown to copy by hand.
      }
    },
  });
  const unavailable = link.error instanceof ApiError && link.error.status === 404;
  return (
    <div className="calendar-link">
      <Button icon={<CalendarOutlined aria-hidden />} onClick={() => link.mutate()} loading={link.isPending}>
        {t('reports.calendar.copy')}
      </Button>
      {url && (
        <div className="calendar-link__url">
          <label htmlFor={inputId} className="field-label">
            {t('reports.calendar.address')}
          </label>
          <Input
            id={inputId}
            readOnly
            value={url}
            onFocus={(e) => e.currentTarget.select()}
            suffix={<CopyOutlined aria-hidden />}
          />
          <Typography.Text type="secondary">{t('reports.calendar.hint')}</Typography.Text>
        </div>
      )}
      {link.isError && (
        <Typography.Text type="secondary" role="status">
          {unavailable ? t('reports.calendar.unavailable') : describe(link.error)}
        </Typography.Text>
      )}
    </div>
  );
}

/** "Báo cáo của tôi": what the user's unit must report, nearest due date first. */
export default function MyReportsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = useFeedback();
  const describe = useApiErrorText();
  const session = useSession();
  const role = session.data?.user.role;
  const mine = useQuery({ queryKey: MY_REPORTS_KEY, queryFn: ({ signal }) => fetchMyReports(signal) });
  // Only how many wait: the page of one item carries the count.
  const queue = useQuery({
    queryKey: ['reports', 'review-queue', 'count'],
    queryFn: ({ signal }) => fetchReviewQueue(1, signal),
    enabled: hasRole(role, 'officer'),
  });

  useEffect(() => {
    document.title = `${t('reports.mine.title')} · ${t('app.name')}`;
  }, [t]);

  // The reason a report came back is on the report itself: fetch it for the few returned ones.
  const returned = (mine.data ?? []).filter((i) => i.status === 'returned' && i.reportId !== null);
  const reasons = useQueries({
    queries: returned.map((item) => ({
      queryKey: ['reports', 'one', item.reportId],
      queryFn: ({ signal }: { signal: AbortSignal }) => fetchReport(item.reportId!, signal),
      staleTime: 60_000,
    })),
  });
  const reasonOf = (reportId: number | null): string | null => {
    const index = returned.findIndex((i) => i.reportId === reportId);
    return index >= 0 ? (reasons[index]?.data?.returnReason ?? null) : null;
  };

  const [openingKey, setOpeningKey] = useState<string | null>(null);
  const open = useMutation({
    mutationFn: (item: TDueItem) => openReport(item.periodId, item.unitId),
    onSuccess: (report) => navigate(reportPath(report.id)),
    onError: (error) => message.error(describe(error)),
    onSettled: () => setOpeningKey(null),
  });
  const onOpen = (item: TDueItem) => {
    if (item.reportId !== null) {
      navigate(reportPath(item.reportId));
      return;
    }
    setOpeningKey(`${item.periodId}:${item.unitId}`);
    open.mutate(item);
  };

  const items = mine.data ?? [];
  const todo = items.filter(isOpenStatus);
  const done = items.filter((i) => !isOpenStatus(i));
  const waiting = queue.data?.total ?? 0;

  const renderList = (list: TDueItem[]) => (
    <ul className="due-list">
      {list.map((item) => (
        <DueCard
          key={`${item.periodId}:${item.unitId}`}
          item={item}
          returnReason={reasonOf(item.reportId)}
          onOpen={onOpen}
          opening={openingKey === `${item.periodId}:${item.unitId}`}
        />
      ))}
    </ul>
  );

  return (
    <div className="my-reports-page reports-page">
      <div className="page-header">
        <div className="page-title">
          <Typography.Title level={1}>{t('reports.mine.title')}</Typography.Title>
          <PageHelp topic="myReports" />
        </div>
      </div>
      {waiting > 0 && (
        <Alert
          className="my-reports-page__queue"
          type="info"
          showIcon
          icon={<FileDoneOutlined aria-hidden />}
          title={t('reports.mine.waitingReview', { count: waiting })}
          action={<Link to={ROUTES.reviewQueue}>{t('reports.mine.goReview')}</Link>}
        />
      )}
      {mine.isPending ? (
        <Skeleton active />
      ) : mine.isError ? (
        <ErrorResult error={mine.error} onRetry={() => void mine.refetch()} />
      ) : items.length === 0 ? (
        <Card>
          <Empty description={t('reports.mine.empty')} />
        </Card>
      ) : (
        <>
          <section aria-labelledby="my-reports-todo">
            <Typography.Title level={2} className="reports-section-title" id="my-reports-todo">
              {t('reports.mine.todo', { count: todo.length })}
            </Typography.Title>
            {todo.length === 0 ? (
              <p className="reports-muted">{t('reports.mine.allDone')}</p>
            ) : (
              renderList(todo)
            )}
          </section>
          {done.length > 0 && (
            <section aria-labelledby="my-reports-done">
              <Typography.Title level={2} className="reports-section-title" id="my-reports-done">
                {t('reports.mine.done', { count: done.length })}
              </Typography.Title>
              {renderList(done)}
            </section>
          )}
        </>
      )}
      <CalendarLink />
    </div>
  );
}
