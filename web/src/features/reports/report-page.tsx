import { ArrowLeftOutlined, LockOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Tag } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { TRole } from '../../../../contracts/auth.ts';
import type { TReport } from '../../../../contracts/reporting.ts';
import {
  isEditable,
  isSent,
  type ReportAction,
  refusalOf,
} from '../../../../domain/reporting/report-states.ts';
import { fetchReport } from '../../api/reports.api.ts';
import { fetchComputedValues } from '../../api/rosters.api.ts';
import { ErrorResult } from '../../components/error-result.tsx';
import { PageHelp } from '../../components/page-help.tsx';
import { TextSkeleton } from '../../components/text-skeleton.tsx';
import { formatIsoDate, formatTimestamp } from '../../lib/format.ts';
import { useReportOutbox } from '../../offline/use-outbox.ts';
import { ROUTES } from '../../routes.ts';
import { useSession } from '../auth/session.ts';
import { AttachmentsCard } from './attachments-card.tsx';
import { ExcelExchange } from './excel-exchange.tsx';
import { IndicatorCard } from './indicator-card.tsx';
import { NarrativeSections } from './narrative-sections.tsx';
import { cellsOf, draftFromReport } from './report-draft.ts';
import { ReportEntryForm } from './report-entry-form.tsx';
import { DueCountdown, ReportStatusTag } from './report-tags.tsx';
import { ReviewActions } from './review-actions.tsx';
import './reports.css';

const NotFoundPage = lazy(() => import('../../components/not-found-page.tsx'));
// Shown only when this device queued something offline (issue 21).
const OfflineSubmitPanel = lazy(() =>
  import('../../offline/offline-submit-panel.tsx').then((m) => ({ default: m.OfflineSubmitPanel })),
);
const OfflineSentNote = lazy(() =>
  import('../../offline/offline-submit-panel.tsx').then((m) => ({ default: m.OfflineSentNote })),
);

// Loaded only for a report with computed indicators (issue 20): the form stays small on a phone.
const ComputedValuesCard = lazy(() =>
  import('../rosters/computed-values-card.tsx').then((m) => ({ default: m.ComputedValuesCard })),
);

export const reportQueryKey = (id: number) => ['reports', 'one', id] as const;

/** The computed values' card, fetched only when the report has some (same query as the card's). */
function ComputedValues(props: { report: TReport; editable: boolean; onChanged: (report: TReport) => void }) {
  const values = useQuery({
    queryKey: ['computed', props.report.id, props.report.version],
    queryFn: ({ signal }) => fetchComputedValues(props.report.id, signal),
    refetchOnWindowFocus: false,
  });
  if (!values.data || values.data.length === 0) return null;
  return (
    <Suspense fallback={null}>
      <ComputedValuesCard {...props} />
    </Suspense>
  );
}

/** Whether the report's state and the user's role allow a move, as the server's state machine says. */
const allows = (action: ReportAction, status: string, role: TRole | undefined) =>
  role !== undefined && refusalOf(action, status, role) === null;

function ReportHeader({ report, backTo }: { report: TReport; backTo: { path: string; label: string } }) {
  const { t } = useTranslation();
  const locked = isSent(report.status);
  return (
    <header className="report-header">
      <Link to={backTo.path} className="report-header__back">
        <ArrowLeftOutlined aria-hidden /> {backTo.label}
      </Link>
      <div className="report-header__title-row">
        <div className="page-title">
          <h1 className="report-header__title">
            {report.scheduleName} — {report.period.label}
          </h1>
          <PageHelp topic="report" />
        </div>
      </div>
      <div className="report-header__tags">
        <ReportStatusTag status={report.status} />
        {locked && (
          <Tag icon={<LockOutlined aria-hidden />} className="report-locked-tag" data-testid="locked-tag">
            {t('reports.form.locked')}
          </Tag>
        )}
      </div>
      <dl className="report-header__facts">
        <div>
          <dt>{t('reports.form.unitName')}</dt>
          <dd>{report.unitName}</dd>
        </div>
        <div>
          <dt>{t('reports.form.dueOn')}</dt>
          <dd>
            {formatIsoDate(report.dueOn)}{' '}
            <DueCountdown dueOn={report.dueOn} status={report.status} late={report.late} />
          </dd>
        </div>
        {report.submittedAt && (
          <div>
            <dt>{t('reports.form.submittedAt')}</dt>
            <dd>{formatTimestamp(report.submittedAt)}</dd>
          </div>
        )}
        <div className="report-header__plan">
          <dt>{t('reports.form.plan')}</dt>
          <dd>{report.planTitle}</dd>
        </div>
      </dl>
      {report.status === 'returned' && report.returnReason && (
        <Alert
          type="error"
          showIcon
          className="report-alert"
          data-testid="return-reason"
          title={t('reports.form.returnedTitle')}
          description={report.returnReason}
        />
      )}
      {report.status === 'submitted' && (
        <Alert type="info" showIcon className="report-alert" title={t('reports.form.submittedNote')} />
      )}
      {report.status === 'approved' && (
        <Alert type="success" showIcon className="report-alert" title={t('reports.form.approvedNote')} />
      )}
    </header>
  );
}

function ReportReadOnly({ report }: { report: TReport }) {
  const { t } = useTranslation();
  const draft = draftFromReport(report);
  const none = () => [];
  return (
    <div className="report-readonly">
      {report.form.indicators.length > 0 && (
        <section className="report-block" aria-labelledby="report-indicators-title">
          <h2 className="report-block__title" id="report-indicators-title">
            {t('reports.form.indicatorsTitle')}
          </h2>
          {report.form.indicators.map((indicator) => (
            <IndicatorCard
              key={indicator.id}
              indicator={indicator}
              cells={cellsOf(draft, indicator)}
              previous={report.previousValues.filter((v) => v.indicatorId === indicator.id)}
              issuesOf={none}
              onCell={() => undefined}
              onBlur={() => undefined}
              readOnly
            />
          ))}
        </section>
      )}
      <NarrativeSections
        sections={report.form.sections}
        narrative={report.narrative}
        issuesOf={none}
        onChange={() => undefined}
        onBlur={() => undefined}
        readOnly
      />
      <AttachmentsCard reportId={report.id} attachments={report.attachments} readOnly />
    </div>
  );
}

/** One report: the entry form for its own unit while it is a draft or returned, otherwise read-only with review. */
export default function ReportPage() {
  const { t } = useTranslation();
  const params = useParams();
  const id = Number(params.id);
  const queryClient = useQueryClient();
  const session = useSession();
  const user = session.data?.user;
  // a report sent offline waits in this device's queue (issue 21)
  const outbox = useReportOutbox(id);
  const report = useQuery({
    queryKey: reportQueryKey(id),
    queryFn: ({ signal }) => fetchReport(id, signal),
    enabled: Number.isInteger(id) && id > 0,
    // Always fresh when the page opens (someone above may have returned or approved it since);
    // while it is open the form owns what is typed and saves bring the server's copy back.
    staleTime: 0,
  });

  const onReportChanged = useCallback(
    (updated: TReport) => {
      queryClient.setQueryData(reportQueryKey(updated.id), updated);
      if (!isEditable(updated.status)) {
        void queryClient.invalidateQueries({ queryKey: ['reports', 'mine'] });
        void queryClient.invalidateQueries({ queryKey: ['reports', 'review-queue'] });
        void queryClient.invalidateQueries({ queryKey: ['reports', 'period-status'] });
      }
    },
    [queryClient],
  );

  // an Excel import rewrote the report: the form starts again from what the server holds
  const [imports, setImports] = useState(0);
  const onImported = useCallback(() => {
    void report.refetch().then(() => setImports((n) => n + 1));
  }, [report.refetch]);

  // computed values filled in on the server: the form starts again from what the server holds
  const [computedFills, setComputedFills] = useState(0);
  const onComputed = useCallback(
    (updated: TReport) => {
      onReportChanged(updated);
      setComputedFills((n) => n + 1);
    },
    [onReportChanged],
  );

  const data = report.data;
  useEffect(() => {
    if (data) document.title = `${data.scheduleName} — ${data.period.label} · ${t('app.name')}`;
  }, [data, t]);

  if (!Number.isInteger(id) || id <= 0)
    return (
      <Suspense fallback={null}>
        <NotFoundPage />
      </Suspense>
    );
  // A cached copy may be old: the form starts only from what the server says now.
  if (report.isPending || (report.isFetching && !report.isFetchedAfterMount)) return <TextSkeleton />;
  if (outbox === null) return <TextSkeleton />;
  if (report.isError || !data)
    return <ErrorResult error={report.error} onRetry={() => void report.refetch()} />;

  const ownUnit = user?.homeUnitId === data.unitId;
  // The unit rule as the page can see it: a unit edits its own report, the levels above review it.
  const editable = ownUnit && allows('save', data.status, user?.role);
  const canReview = !ownUnit && allows('approve', data.status, user?.role);
  const canUnlock = !ownUnit && allows('unlock', data.status, user?.role);
  const backTo = ownUnit
    ? { path: ROUTES.myReports, label: t('reports.mine.title') }
    : { path: ROUTES.reviewQueue, label: t('reports.queue.title') };

  return (
    <div className={`report-page reports-page${editable ? ' report-page--editing' : ''}`}>
      <ReportHeader report={data} backTo={backTo} />
      <ComputedValues report={data} editable={editable} onChanged={onComputed} />
      {outbox.sent && !outbox.waiting && outbox.sent.result?.version === data.version && (
        <Suspense fallback={null}>
          <OfflineSentNote item={outbox.sent} />
        </Suspense>
      )}
      {outbox.waiting && ownUnit ? (
        <Suspense fallback={<TextSkeleton />}>
          <OfflineSubmitPanel item={outbox.waiting} />
        </Suspense>
      ) : editable ? (
        <>
          {/* A new status (submitted elsewhere, unlocked) or an Excel import starts a fresh form. */}
          <ReportEntryForm
            key={`${data.id}:${data.status}:${imports}:${computedFills}`}
            report={data}
            onReportChanged={onReportChanged}
          />
          <ExcelExchange
            periodId={data.period.id}
            scope={{ unitId: data.unitId }}
            unitName={data.unitName}
            onApplied={onImported}
          />
        </>
      ) : (
        <>
          <ReportReadOnly report={data} />
          <ReviewActions
            key={`${data.id}:${data.version}`}
            report={data}
            canReview={canReview}
            canUnlock={canUnlock}
            onReportChanged={onReportChanged}
          />
        </>
      )}
    </div>
  );
}
