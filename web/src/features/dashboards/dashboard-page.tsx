import { FileExcelOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Skeleton, Tabs, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchCompleteness, fetchPlanDashboard, planDashboardXlsxUrl } from '../../api/dashboards.api.ts';
import { ErrorResult } from '../../components/error-result.tsx';
import { PageHelp } from '../../components/page-help.tsx';
import { useWorkingUnit } from '../../components/working-unit.tsx';
import { formatIsoDate } from '../../lib/format.ts';
import { CompletenessPanel } from './completeness-panel.tsx';
import { DrilldownPanel } from './drilldown-panel.tsx';
import { FreshnessNote } from './freshness-note.tsx';
import { PlanPeriodPickers } from './plan-period-pickers.tsx';
import { TargetCards } from './target-cards.tsx';
import { TargetCharts } from './target-charts.tsx';
import { usePlanChoice } from './use-plan-choice.ts';
import './dashboards.css';

const VIEWS = ['tong-quan', 'phan-cap'] as const;
type View = (typeof VIEWS)[number];

/**
 * "Bảng điều khiển": a plan's targets against their milestones with the projection, the trend over
 * periods, the direct units ranked, completeness and late units — and the drill-down by unit.
 */
export default function DashboardPage() {
  const { t } = useTranslation();
  const { unit } = useWorkingUnit();
  const choice = usePlanChoice();
  const { planId, periodId, search, choose } = choice;
  const view: View = search.get('xem') === 'phan-cap' ? 'phan-cap' : 'tong-quan';
  const drillUnit = search.get('don-vi') ? Number(search.get('don-vi')) : unit.id;
  const indicatorId = search.get('chi-tieu') ? Number(search.get('chi-tieu')) : undefined;

  useEffect(() => {
    document.title = `${t('dashboards.title')} · ${t('app.name')}`;
  }, [t]);

  // The figures first; completeness scans every report of the subtree (seconds at national scale),
  // so it comes in its own request and its panel fills in when ready.
  const dashboard = useQuery({
    queryKey: ['dashboards', 'plan', planId, periodId],
    queryFn: ({ signal }) => fetchPlanDashboard(planId!, periodId, signal, { completeness: false }),
    enabled: planId !== undefined,
  });
  const data = dashboard.data;
  const shownPeriodId = data?.period?.id;
  const completeness = useQuery({
    queryKey: ['dashboards', 'completeness', shownPeriodId, data?.plan.unitId],
    queryFn: ({ signal }) => fetchCompleteness(shownPeriodId!, data?.plan.unitId, signal),
    enabled: shownPeriodId !== undefined,
  });

  return (
    <div className="dashboards-page">
      <div className="page-header">
        <div className="page-title">
          <Typography.Title level={1}>{t('dashboards.title')}</Typography.Title>
          <PageHelp topic="dashboard" />
        </div>
        {data && planId !== undefined && (
          <Button
            className="dash-export"
            href={planDashboardXlsxUrl(planId, data.period?.id)}
            download
            icon={<FileExcelOutlined aria-hidden />}
          >
            {t('dashboards.exportXlsx')}
          </Button>
        )}
      </div>
      <PlanPeriodPickers
        plans={choice.plans.data ?? []}
        plansLoading={choice.plans.isPending}
        planId={planId}
        periods={data?.periods ?? []}
        periodId={data?.period?.id ?? periodId}
        onPlan={(id) =>
          choose({ 'ke-hoach': String(id), ky: undefined, 'don-vi': undefined, 'chi-tieu': undefined })
        }
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
      ) : data ? (
        <>
          <Typography.Paragraph className="dash-lead">
            {t('dashboards.lead', {
              plan: data.plan.symbol ?? data.plan.title.slice(0, 60),
              unit: data.plan.unitName,
              period: data.period?.label ?? t('common.none'),
              date: formatIsoDate(data.asOf),
            })}{' '}
            <FreshnessNote freshness={data.freshness} />
          </Typography.Paragraph>
          <Tabs
            activeKey={view}
            onChange={(key) =>
              choose({ 'ke-hoach': String(planId), xem: key === 'tong-quan' ? undefined : key })
            }
            items={[
              {
                key: 'tong-quan',
                label: t('dashboards.tabs.overview'),
                children: (
                  <div className="dash-overview">
                    <TargetCards targets={data.targets} />
                    <TargetCharts key={`${data.plan.id}-${data.period?.id}`} dashboard={data} />
                    {completeness.data ? (
                      <CompletenessPanel view={completeness.data} />
                    ) : completeness.isError ? (
                      <ErrorResult error={completeness.error} onRetry={() => void completeness.refetch()} />
                    ) : data.period ? (
                      <Skeleton active paragraph={{ rows: 3 }} />
                    ) : null}
                  </div>
                ),
              },
              {
                key: 'phan-cap',
                label: t('dashboards.tabs.drill'),
                children: data.period ? (
                  <DrilldownPanel
                    periodId={data.period.id}
                    unitId={drillUnit}
                    topUnitId={unit.id}
                    indicatorId={indicatorId}
                    onUnit={(id) => choose({ 'ke-hoach': String(planId), 'don-vi': String(id) })}
                    onIndicator={(id) => choose({ 'ke-hoach': String(planId), 'chi-tieu': String(id) })}
                  />
                ) : (
                  <Empty description={t('dashboards.noPeriod')} />
                ),
              },
            ]}
          />
        </>
      ) : null}
    </div>
  );
}
