import { ArrowLeftOutlined, DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Checkbox, Empty, Select, Skeleton, Table, Tag, Typography } from 'antd';
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { TReportStatus } from '../../../../contracts/reporting.ts';
import { fetchPlans } from '../../api/plans.api.ts';
import {
  fetchPeriodStatus,
  fetchPlanSchedules,
  type TPeriodStatusRow,
  type TSchedule,
} from '../../api/reports.api.ts';
import { ErrorResult } from '../../components/error-result.tsx';
import { PageHelp } from '../../components/page-help.tsx';
import { useWorkingUnit } from '../../components/working-unit.tsx';
import { formatIsoDate, formatTimestamp } from '../../lib/format.ts';
import { fromMenu } from '../../lib/menu-selection.ts';
import { foldedSelectSearch, includesFolded } from '../../lib/text.ts';
import { planPath, ROUTES, reportPath } from '../../routes.ts';
import { canManage, useSession } from '../auth/session.ts';
import { ExcelExchange, useTemplateDownload } from './excel-exchange.tsx';
import { ReportStatusTag, useToday } from './report-tags.tsx';
import { ScheduleDialog } from './schedule-dialog.tsx';
import './reports.css';
import { ChoiceFilter, FilterField, SearchFilter } from '../../components/filter-field.tsx';

const STATUSES: TReportStatus[] = ['not_started', 'draft', 'submitted', 'returned', 'approved'];

/** The period to show first: the next one due, else the last one. */
function defaultPeriod(schedule: TSchedule, today: string): number | undefined {
  const upcoming = schedule.periods
    .filter((p) => p.dueOn >= today)
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  return (upcoming[0] ?? schedule.periods[schedule.periods.length - 1])?.id;
}

function StatusNumbers({
  status,
}: {
  status: { expected: number; submitted: number; onTime: number; approved: number; late: number };
}) {
  const { t } = useTranslation();
  const items = [
    { key: 'expected', value: status.expected },
    { key: 'submitted', value: status.submitted },
    { key: 'onTime', value: status.onTime },
    { key: 'approved', value: status.approved },
    { key: 'late', value: status.late },
  ] as const;
  return (
    <dl className="status-numbers" data-testid="status-numbers">
      {items.map((item) => (
        <div key={item.key} className={`status-number status-number--${item.key}`}>
          <dt>{t(`reports.status.count.${item.key}`)}</dt>
          <dd>
            {item.value}
            {item.key !== 'expected' && status.expected > 0 && (
              <span className="status-number__share">
                {' '}
                ({Math.round((item.value / status.expected) * 100)}%)
              </span>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function UnitsTable({ rows, periodId }: { rows: TPeriodStatusRow[]; periodId: number }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<TReportStatus | undefined>();
  const [lateOnly, setLateOnly] = useState(false);
  const template = useTemplateDownload(periodId);
  const shown = useMemo(
    () =>
      rows
        .filter(
          (r) =>
            (!status || r.status === status) &&
            (!lateOnly || r.late) &&
            (!q.trim() || includesFolded(r.unitName, q)),
        )
        .sort((a, b) => a.unitName.localeCompare(b.unitName, 'vi')),
    [rows, q, status, lateOnly],
  );
  return (
    <Card size="small" className="units-status">
      <div className="filters">
        <SearchFilter label={t('reports.statusPage.search')} value={q} onChange={setQ} />
        <ChoiceFilter
          label={t('reports.statusPage.statusFilter')}
          value={status}
          onChange={setStatus}
          placeholder={t('reports.statusPage.allStatuses')}
          options={STATUSES.map((s) => ({ value: s, label: t(`reports.status.${s}`) }))}
        />
        <div className="filters__item filters__item--check">
          <Checkbox checked={lateOnly} onChange={(e) => setLateOnly(e.target.checked)}>
            {t('reports.statusPage.lateOnly')}
          </Checkbox>
        </div>
      </div>
      <Table
        size="small"
        rowKey="unitId"
        dataSource={shown}
        scroll={{ x: 780 }}
        pagination={shown.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        locale={{ emptyText: t('reports.statusPage.noUnits') }}
        columns={[
          {
            title: t('reports.statusPage.unit'),
            dataIndex: 'unitName',
            width: 260,
            render: (name: string, row) =>
              row.reportId ? (
                <Link to={reportPath(row.reportId)} state={fromMenu(ROUTES.reportingStatus)}>
                  {name}
                </Link>
              ) : (
                name
              ),
          },
          {
            title: t('reports.statusPage.status'),
            dataIndex: 'status',
            width: 180,
            render: (s: TReportStatus, row) => (
              <span className="status-cell">
                <ReportStatusTag status={s} />
                {row.late && <Tag className="report-late-tag">{t('reports.statusPage.late')}</Tag>}
              </span>
            ),
          },
          {
            title: t('reports.mine.dueOn'),
            dataIndex: 'dueOn',
            width: 110,
            render: (d: string) => formatIsoDate(d),
          },
          {
            title: t('reports.form.submittedAt'),
            dataIndex: 'submittedAt',
            width: 140,
            render: (d: string | null) => (d ? formatTimestamp(d) : t('common.none')),
          },
          {
            title: t('common.actions'),
            key: 'excel',
            width: 90,
            render: (_: unknown, row) => (
              <Button
                size="small"
                icon={<DownloadOutlined aria-hidden />}
                aria-label={t('reports.excel.downloadFor', { unit: row.unitName })}
                onClick={() => template.mutate({ unitId: row.unitId })}
              >
                Excel
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}

/**
 * "Tình hình báo cáo": for a plan's schedule and one period, how many units were expected, sent,
 * on time, approved, late — and each unit's status, with Excel in and out.
 * Reached from the menu (choose the plan) or as `/ke-hoach/:planId/bao-cao`.
 */
export default function ReportingStatusPage() {
  const { t } = useTranslation();
  const params = useParams();
  const [search, setSearch] = useSearchParams();
  const session = useSession();
  const { unit } = useWorkingUnit();
  const today = useToday();
  const planFromRoute = params.planId ? Number(params.planId) : undefined;
  const planId = planFromRoute ?? (search.get('plan') ? Number(search.get('plan')) : undefined);
  const planSelectId = useId();
  const scheduleSelectId = useId();
  const periodSelectId = useId();
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    document.title = `${t('reports.statusPage.title')} · ${t('app.name')}`;
  }, [t]);

  const plans = useQuery({
    queryKey: ['plans', 'list', unit.id],
    queryFn: ({ signal }) => fetchPlans(unit.id, signal),
  });
  const schedules = useQuery({
    queryKey: ['reports', 'schedules', planId],
    queryFn: ({ signal }) => fetchPlanSchedules(planId!, signal),
    enabled: planId !== undefined,
  });
  const scheduleId = search.get('lich') ? Number(search.get('lich')) : schedules.data?.[0]?.id;
  const schedule = schedules.data?.find((s) => s.id === scheduleId) ?? schedules.data?.[0];
  const periodId = search.get('ky')
    ? Number(search.get('ky'))
    : schedule
      ? defaultPeriod(schedule, today)
      : undefined;
  const status = useQuery({
    queryKey: ['reports', 'period-status', periodId],
    queryFn: ({ signal }) => fetchPeriodStatus(periodId!, signal),
    enabled: periodId !== undefined,
  });

  const choose = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(search);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) next.delete(key);
      else next.set(key, value);
    }
    setSearch(next, { replace: true });
  };

  const plan = plans.data?.find((p) => p.id === planId);
  const planLabel = (p: { symbol: string | null; title: string; unitName: string }) =>
    `${p.symbol ? `${p.symbol} — ` : ''}${p.title.slice(0, 90)} (${p.unitName})`;
  const manager = canManage(session.data?.user.role);

  return (
    <div className="reporting-status-page reports-page">
      {planFromRoute && (
        <Link to={planPath(planFromRoute)} className="report-header__back">
          <ArrowLeftOutlined aria-hidden /> {t('reports.statusPage.backToPlan')}
        </Link>
      )}
      <div className="page-header">
        <div className="page-title">
          <Typography.Title level={1}>{t('reports.statusPage.title')}</Typography.Title>
          <PageHelp topic="reportingStatus" />
        </div>
        {manager && planId !== undefined && (
          <Button icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
            {t('reports.schedule.create')}
          </Button>
        )}
      </div>
      <Card size="small" className="status-pickers">
        <div className="filters">
          {!planFromRoute && (
            <FilterField label={t('reports.statusPage.plan')} htmlFor={planSelectId} grow>
              <Select
                id={planSelectId}
                className="status-pickers__plan"
                showSearch={foldedSelectSearch}
                loading={plans.isPending}
                value={planId}
                placeholder={t('reports.statusPage.choosePlan')}
                onChange={(value: number) => choose({ plan: String(value), lich: undefined, ky: undefined })}
                options={(plans.data ?? []).map((p) => ({ value: p.id, label: planLabel(p) }))}
              />
            </FilterField>
          )}
          {planFromRoute && plan && <Typography.Text strong>{planLabel(plan)}</Typography.Text>}
          {schedules.data && schedules.data.length > 0 && (
            <>
              <FilterField label={t('reports.statusPage.schedule')} htmlFor={scheduleSelectId} grow>
                <Select
                  id={scheduleSelectId}
                  className="filters__select"
                  value={schedule?.id}
                  onChange={(value: number) => choose({ lich: String(value), ky: undefined })}
                  options={schedules.data.map((s) => ({ value: s.id, label: s.name }))}
                />
              </FilterField>
              <FilterField label={t('reports.statusPage.period')} htmlFor={periodSelectId}>
                <Select
                  id={periodSelectId}
                  className="filters__select"
                  value={periodId}
                  onChange={(value: number) => choose({ ky: String(value) })}
                  options={(schedule?.periods ?? []).map((p) => ({
                    value: p.id,
                    label: `${p.label} (${t('reports.statusPage.dueShort', { date: formatIsoDate(p.dueOn) })})`,
                  }))}
                />
              </FilterField>
            </>
          )}
        </div>
      </Card>

      {planId === undefined ? (
        <Card>
          <Empty description={t('reports.statusPage.choosePlanHint')} />
        </Card>
      ) : schedules.isPending ? (
        <Skeleton active />
      ) : schedules.isError ? (
        <ErrorResult error={schedules.error} onRetry={() => void schedules.refetch()} />
      ) : schedules.data.length === 0 ? (
        <Card>
          <Empty description={t('reports.statusPage.noSchedules')}>
            {manager && (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
                {t('reports.schedule.create')}
              </Button>
            )}
          </Empty>
        </Card>
      ) : status.isPending ? (
        <Skeleton active />
      ) : status.isError ? (
        <ErrorResult error={status.error} onRetry={() => void status.refetch()} />
      ) : (
        <>
          <Typography.Paragraph className="status-period-line">
            {t('reports.statusPage.periodLine', {
              period: status.data.period.label,
              from: formatIsoDate(status.data.period.cutoffFrom),
              to: formatIsoDate(status.data.period.cutoffTo),
              due: formatIsoDate(status.data.period.dueOn),
            })}
          </Typography.Paragraph>
          <StatusNumbers status={status.data} />
          {session.data?.user.role !== 'viewer' && (
            <ExcelExchange
              periodId={status.data.period.id}
              scope={{ parentId: unit.id }}
              unitName={unit.name}
            />
          )}
          <UnitsTable rows={status.data.rows} periodId={status.data.period.id} />
        </>
      )}
      {creating && planId !== undefined && (
        <ScheduleDialog
          planId={planId}
          onClose={() => setCreating(false)}
          onCreated={(created) => {
            setCreating(false);
            choose({ lich: String(created.id), ky: undefined });
          }}
        />
      )}
    </div>
  );
}
