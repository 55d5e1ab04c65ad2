import { CloudUploadOutlined, FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Input, Skeleton, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TConsolidatedReport } from '../../../../contracts/dashboard.ts';
import {
  downloadConsolidated,
  fetchConsolidated,
  fetchPlanDashboard,
  submitConsolidated,
  type TNarrative,
} from '../../api/dashboards.api.ts';
import { useApiErrorText } from '../../components/api-error-text.ts';
import { ErrorResult } from '../../components/error-result.tsx';
import { PageHelp } from '../../components/page-help.tsx';
import { useWorkingUnit } from '../../components/working-unit.tsx';
import { usePeriodLabel } from '../../lib/period-label.ts';
import { saveBlob } from '../../lib/save-file.ts';
import { reportPath } from '../../routes.ts';
import { useSession } from '../auth/session.ts';
import { verdictIn } from './assessment-words.ts';
import { formatFigure, formatMilestoneValue } from './dashboard-format.ts';
import { PlanPeriodPickers } from './plan-period-pickers.tsx';
import { StatusBadge } from './status-badge.tsx';
import { usePlanChoice } from './use-plan-choice.ts';
import './dashboards.css';
import { useFeedback } from '../../components/feedback.tsx';

type Value = TConsolidatedReport['values'][number];
type Target = TConsolidatedReport['targets'][number];
type Missing = TConsolidatedReport['notReported'][number];

/** Only the sections the user changed travel (the server compiles the rest). */
function editedSections(report: TConsolidatedReport, texts: TNarrative): TNarrative {
  return Object.fromEntries(
    report.sections
      .filter((s) => (texts[s.key] ?? s.text) !== s.text)
      .map((s) => [s.key, texts[s.key] ?? '']),
  );
}

function NarrativeSections({
  report,
  texts,
  onChange,
}: {
  report: TConsolidatedReport;
  texts: TNarrative;
  onChange: (key: string, text: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="cons-narrative-heading" className="cons-narrative">
      <Typography.Title level={2} id="cons-narrative-heading">
        {t('dashboards.consolidated.narrative')}
      </Typography.Title>
      {report.sections.map((section, index) => {
        const id = `cons-section-${section.key}`;
        return (
          <Card key={section.key} size="small" className="cons-section">
            <label htmlFor={id} className="cons-section__title">
              {index + 1}. {section.title}
            </label>
            <Input.TextArea
              id={id}
              value={texts[section.key] ?? section.text}
              onChange={(e) => onChange(section.key, e.target.value)}
              autoSize={{ minRows: 4, maxRows: 16 }}
            />
            <details className="cons-section__sources" open={section.sources.length <= 6}>
              <summary className="cons-section__sources-label">
                {t('dashboards.consolidated.sources', { count: section.sources.length })}
              </summary>
              {section.sources.map((s) => (
                <Tag key={s.unitId} className="cons-source" title={s.text}>
                  {s.unitName}
                </Tag>
              ))}
            </details>
          </Card>
        );
      })}
    </section>
  );
}

function ReportBody({ report, periodId }: { report: TConsolidatedReport; periodId: number }) {
  const { t, i18n } = useTranslation();
  const periodName = usePeriodLabel();
  const { message, modal } = useFeedback();
  const queryClient = useQueryClient();
  const session = useSession();
  const errorText = useApiErrorText();
  const [texts, setTexts] = useState<TNarrative>(() =>
    Object.fromEntries(report.sections.map((s) => [s.key, s.text])),
  );
  const download = useMutation({
    mutationFn: (format: 'docx' | 'xlsx') =>
      downloadConsolidated(periodId, report.unit.unitId, format, editedSections(report, texts)),
    onSuccess: ({ blob, fileName }) => saveBlob(blob, fileName),
    onError: (error) => void message.error(errorText(error)),
  });
  const submit = useMutation({
    mutationFn: () =>
      submitConsolidated(periodId, { unitId: report.unit.unitId, narrative: texts, submit: true }),
    onSuccess: (sent) => {
      void queryClient.invalidateQueries({ queryKey: ['dashboards'] });
      void queryClient.invalidateQueries({ queryKey: ['reports'] });
      void message.success(t('dashboards.consolidated.submitted', { id: sent.id }));
    },
    onError: (error) => void message.error(errorText(error)),
  });
  const viewer = session.data?.user.role === 'viewer';
  const canSubmit = !viewer && report.upward !== null;

  const confirmSubmit = () =>
    modal.confirm({
      title: t('dashboards.consolidated.submitConfirmTitle'),
      content: t('dashboards.consolidated.submitConfirm', {
        parent: report.parent?.unitName ?? t('common.none'),
        schedule: report.upward?.scheduleName ?? '',
      }),
      okText: t('dashboards.consolidated.submit'),
      cancelText: t('common.cancel'),
      onOk: () => submit.mutateAsync(),
    });

  return (
    <div className="cons-body">
      <Typography.Paragraph className="dash-lead">
        {t('dashboards.consolidated.lead', {
          unit: report.unit.unitName,
          schedule: report.scheduleName,
          period: periodName(report.period),
          parent: report.parent?.unitName ?? t('common.none'),
        })}
      </Typography.Paragraph>
      <div className="cons-actions">
        <Button
          icon={<FileWordOutlined aria-hidden />}
          loading={download.isPending && download.variables === 'docx'}
          onClick={() => download.mutate('docx')}
        >
          {t('dashboards.consolidated.docx')}
        </Button>
        <Button
          icon={<FileExcelOutlined aria-hidden />}
          loading={download.isPending && download.variables === 'xlsx'}
          onClick={() => download.mutate('xlsx')}
        >
          {t('dashboards.consolidated.xlsx')}
        </Button>
        {/* the top of the organisation has no level above to send to */}
        {report.parent !== null && (
          <Button
            type="primary"
            icon={<CloudUploadOutlined aria-hidden />}
            disabled={!canSubmit}
            loading={submit.isPending}
            onClick={confirmSubmit}
          >
            {t('dashboards.consolidated.submit')}
          </Button>
        )}
        {submit.data && (
          <Link to={reportPath(submit.data.id)}>{t('dashboards.consolidated.openSubmitted')}</Link>
        )}
      </div>
      {!viewer && report.upward === null && report.parent !== null && (
        <Alert
          type="info"
          showIcon
          className="cons-alert"
          title={t('dashboards.consolidated.noUpward', {
            parent: report.parent?.unitName ?? t('common.none'),
          })}
        />
      )}

      <section aria-labelledby="cons-numbers-heading">
        <Typography.Title level={2} id="cons-numbers-heading">
          {t('dashboards.consolidated.numbers')}
        </Typography.Title>
        <p className="dash-note">
          {t('dashboards.consolidated.completeness', {
            approved: report.completeness.approved,
            expected: report.completeness.expected,
            completeness: formatFigure(report.completeness.completeness, '%'),
          })}
        </p>
        <Table<Value>
          size="small"
          rowKey={(row) => row.indicator.id}
          dataSource={report.values}
          pagination={false}
          scroll={{ x: 720 }}
          expandable={{
            expandedRowRender: (row) => (
              <ul className="cons-units">
                {row.units.map((u) => (
                  <li key={u.unitId}>
                    {u.unitName}: <strong>{formatFigure(u.figure.value, row.indicator.unit)}</strong>
                  </li>
                ))}
              </ul>
            ),
            rowExpandable: (row) => row.units.length > 0,
          }}
          columns={[
            {
              title: t('dashboards.consolidated.indicator'),
              key: 'indicator',
              width: 360,
              render: (_: unknown, row) => `${row.indicator.code} — ${row.indicator.name}`,
            },
            {
              title: t('dashboards.consolidated.total'),
              key: 'total',
              width: 130,
              align: 'right',
              render: (_: unknown, row) => formatFigure(row.total.value, row.indicator.unit),
            },
            {
              title: t('dashboards.consolidated.parts'),
              key: 'parts',
              width: 150,
              align: 'right',
              render: (_: unknown, row) =>
                row.indicator.kind === 'ratio'
                  ? `${formatFigure(row.total.numerator)} / ${formatFigure(row.total.denominator)}`
                  : t('common.none'),
            },
            {
              title: t('dashboards.consolidated.reporting'),
              key: 'reporting',
              width: 130,
              align: 'right',
              render: (_: unknown, row) => `${row.total.reportingUnits} / ${row.total.expectedUnits ?? '—'}`,
            },
          ]}
        />
      </section>

      {report.targets.length > 0 && (
        <section aria-labelledby="cons-targets-heading">
          <Typography.Title level={2} id="cons-targets-heading">
            {t('dashboards.consolidated.targets')}
          </Typography.Title>
          <Table<Target>
            size="small"
            rowKey="targetId"
            dataSource={report.targets}
            pagination={false}
            scroll={{ x: 720 }}
            columns={[
              {
                title: t('dashboards.consolidated.target'),
                key: 'target',
                width: 340,
                render: (_: unknown, row) => row.indicator?.name ?? row.text,
              },
              {
                title: t('dashboards.consolidated.milestone'),
                key: 'milestone',
                width: 140,
                render: (_: unknown, row) =>
                  row.milestone
                    ? `${formatMilestoneValue(row.milestone)}${row.milestone.year ? ` (${row.milestone.year})` : ''}`
                    : t('common.none'),
              },
              {
                title: t('dashboards.consolidated.value'),
                key: 'value',
                width: 110,
                align: 'right',
                render: (_: unknown, row) => formatFigure(row.value, row.indicator?.unit),
              },
              {
                title: t('dashboards.consolidated.status'),
                key: 'status',
                width: 260,
                render: (_: unknown, row) => (
                  <div>
                    <StatusBadge status={row.status} colour={row.colour} />
                    <div className="dash-note">{verdictIn(i18n.language, row.verdictPhrase)}</div>
                  </div>
                ),
              },
            ]}
          />
        </section>
      )}

      <NarrativeSections
        report={report}
        texts={texts}
        onChange={(key, text) => setTexts((previous) => ({ ...previous, [key]: text }))}
      />

      <section aria-labelledby="cons-missing-heading">
        <Typography.Title level={2} id="cons-missing-heading">
          {t('dashboards.consolidated.notReported', { count: report.notReported.length })}
        </Typography.Title>
        {report.notReported.length === 0 ? (
          <Typography.Paragraph>{t('dashboards.consolidated.allReported')}</Typography.Paragraph>
        ) : (
          <Table<Missing>
            size="small"
            rowKey="unitId"
            dataSource={report.notReported}
            pagination={report.notReported.length > 30 ? { pageSize: 30, showSizeChanger: false } : false}
            columns={[
              { title: t('dashboards.late.unit'), dataIndex: 'unitName' },
              {
                title: t('dashboards.late.status'),
                dataIndex: 'status',
                width: 160,
                render: (s: Missing['status']) => t(`dashboards.reportStatus.${s}`),
              },
            ]}
          />
        )}
      </section>
    </div>
  );
}

/**
 * "Báo cáo tổng hợp": the working unit's consolidated report for a period — its units' numbers and
 * texts (each source named), edited here, exported as DOCX/XLSX and submitted to the level above.
 */
export default function ConsolidatedPage() {
  const { t } = useTranslation();
  const { unit } = useWorkingUnit();
  const choice = usePlanChoice();
  const { planId, periodId, choose } = choice;

  useEffect(() => {
    document.title = `${t('dashboards.consolidated.title')} · ${t('app.name')}`;
  }, [t]);

  const dashboard = useQuery({
    queryKey: ['dashboards', 'plan-periods', planId, periodId],
    queryFn: ({ signal }) => fetchPlanDashboard(planId!, periodId, signal, { completeness: false }),
    enabled: planId !== undefined,
  });
  const period = dashboard.data?.period ?? null;
  const report = useQuery({
    queryKey: ['dashboards', 'consolidated', period?.id, unit.id],
    queryFn: ({ signal }) => fetchConsolidated(period!.id, unit.id, signal),
    enabled: period !== null,
  });

  return (
    <div className="dashboards-page consolidated-page">
      <div className="page-header">
        <div className="page-title">
          <Typography.Title level={1}>{t('dashboards.consolidated.title')}</Typography.Title>
          <PageHelp topic="consolidated" />
        </div>
      </div>
      <PlanPeriodPickers
        plans={choice.plans.data ?? []}
        plansLoading={choice.plans.isPending}
        planId={planId}
        periods={dashboard.data?.periods ?? []}
        periodId={period?.id ?? periodId}
        onPlan={(id) => choose({ 'ke-hoach': String(id), ky: undefined })}
        onPeriod={(id) => choose({ 'ke-hoach': String(planId), ky: String(id) })}
      />
      {choice.plans.isError ? (
        <ErrorResult error={choice.plans.error} onRetry={() => void choice.plans.refetch()} />
      ) : choice.deciding || (planId !== undefined && dashboard.isPending) ? (
        <Skeleton active />
      ) : planId === undefined ? (
        <Card>
          <Empty description={t('dashboards.noPlans')} />
        </Card>
      ) : dashboard.isError ? (
        <ErrorResult error={dashboard.error} onRetry={() => void dashboard.refetch()} />
      ) : period === null ? (
        <Card>
          <Empty description={t('dashboards.noPeriod')} />
        </Card>
      ) : report.isPending ? (
        <Skeleton active />
      ) : report.isError ? (
        <ErrorResult error={report.error} onRetry={() => void report.refetch()} />
      ) : (
        <ReportBody key={`${period.id}-${unit.id}`} report={report.data} periodId={period.id} />
      )}
    </div>
  );
}
