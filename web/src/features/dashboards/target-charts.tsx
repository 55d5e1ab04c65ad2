import { PictureOutlined } from '@ant-design/icons';
import { Button, Card, Select, Typography } from 'antd';
import type { EChartsOption } from 'echarts';
import { useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TPlanDashboard, TTargetProgress } from '../../../../contracts/dashboard.ts';
import { saveBlob } from '../../lib/save-file.ts';
import {
  dataUrlToBlob,
  formatFigure,
  formatMilestoneValue,
  milestoneComparable,
  slug,
} from './dashboard-format.ts';
import { EChart, type EChartHandle } from './echart.tsx';
import { CHART_COLOURS } from './status-badge.tsx';

const short = (text: string, max = 70) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** A round axis top above the milestone (a percentage stops at 100 when it can). */
function niceCeiling(value: number, unit: string | null): number {
  const step = value > 200 ? 10 ** Math.floor(Math.log10(value)) / 2 : 10;
  const top = Math.ceil(value / step) * step;
  return unit === '%' && value <= 100 ? Math.min(top, 100) : top;
}

function trendOption(target: TTargetProgress, milestoneLabel: string): EChartsOption {
  const unit = target.indicator?.unit ?? null;
  const milestone = target.nextMilestone;
  const drawMilestone = milestone && milestoneComparable(milestone, unit);
  return {
    animation: false,
    grid: { left: 56, right: 110, top: 32, bottom: 40 },
    tooltip: { trigger: 'axis', valueFormatter: (v) => formatFigure(typeof v === 'number' ? v : null, unit) },
    xAxis: { type: 'category', data: target.series.map((p) => p.periodLabel) },
    yAxis: {
      type: 'value',
      name: unit ?? '',
      axisLabel: { formatter: (v: number) => formatFigure(v) },
      ...(drawMilestone
        ? { max: (range: { max: number }) => niceCeiling(Math.max(range.max, milestone.value) * 1.05, unit) }
        : {}),
    },
    series: [
      {
        type: 'line',
        name: target.indicator?.name ?? target.text,
        data: target.series.map((p) => p.value),
        connectNulls: false,
        symbolSize: 8,
        lineStyle: { width: 3, color: CHART_COLOURS[target.colour] },
        itemStyle: { color: CHART_COLOURS[target.colour] },
        label: {
          show: true,
          formatter: (p) => formatFigure(typeof p.value === 'number' ? p.value : null, unit),
        },
        ...(drawMilestone
          ? {
              markLine: {
                symbol: 'none',
                lineStyle: { type: 'dashed', color: '#595959', width: 2 },
                label: { formatter: milestoneLabel, position: 'end' },
                data: [{ yAxis: milestone.value }],
              },
            }
          : {}),
      },
    ],
  };
}

function unitsOption(target: TTargetProgress): EChartsOption {
  const unit = target.indicator?.unit ?? null;
  const ranked = [...target.units].filter((u) => u.value !== null).reverse();
  return {
    animation: false,
    grid: { left: 8, right: 72, top: 16, bottom: 24, containLabel: true },
    tooltip: { trigger: 'axis', valueFormatter: (v) => formatFigure(typeof v === 'number' ? v : null, unit) },
    xAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatFigure(v) } },
    yAxis: {
      type: 'category',
      data: ranked.map((u) => `${u.rank ?? ''}. ${short(u.unitName, 40)}`),
      axisLabel: { width: 260, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        data: ranked.map((u) => u.value),
        itemStyle: { color: '#1d4ed8' },
        label: {
          show: true,
          position: 'right',
          formatter: (p) => formatFigure(typeof p.value === 'number' ? p.value : null, unit),
        },
      },
    ],
  };
}

/** The trend of one target over the periods (milestone drawn) and its direct units ranked. */
export function TargetCharts({ dashboard }: { dashboard: TPlanDashboard }) {
  const { t } = useTranslation();
  const selectId = useId();
  const measured = dashboard.targets.filter((target) => target.indicator);
  const [targetId, setTargetId] = useState<number | undefined>(measured[0]?.targetId);
  const target = measured.find((x) => x.targetId === targetId) ?? measured[0];
  const trendRef = useRef<EChartHandle>(null);
  const unitsRef = useRef<EChartHandle>(null);

  const milestoneLabel = target?.nextMilestone
    ? t('dashboards.chart.milestone', {
        year: target.nextMilestone.year ?? '',
        value: formatMilestoneValue(target.nextMilestone),
      })
    : '';
  const trend = useMemo(
    () => (target ? trendOption(target, milestoneLabel) : null),
    [target, milestoneLabel],
  );
  const units = useMemo(() => (target ? unitsOption(target) : null), [target]);

  if (!target || !trend || !units) return null;

  const download = (handle: EChartHandle | null, kind: string) => {
    const url = handle?.toPng();
    if (!url) return;
    const name = `${slug(dashboard.plan.symbol ?? 'ke-hoach')}-${slug(target.indicator?.code ?? kind)}-${kind}.png`;
    saveBlob(dataUrlToBlob(url), name);
  };
  const unitsHeight = Math.max(160, target.units.length * 36 + 48);

  return (
    <section className="dash-charts" aria-labelledby={`${selectId}-heading`}>
      <div className="dash-section-head">
        <Typography.Title level={2} id={`${selectId}-heading`}>
          {t('dashboards.chart.title')}
        </Typography.Title>
        <div className="dash-charts__pick">
          <label htmlFor={selectId} className="field-label">
            {t('dashboards.chart.target')}
          </label>
          <Select
            id={selectId}
            className="dash-charts__select"
            value={target.targetId}
            onChange={setTargetId}
            options={measured.map((x) => ({
              value: x.targetId,
              label: short(x.indicator?.name ?? x.text, 90),
            }))}
          />
        </div>
      </div>
      <div className="dash-charts__grid">
        <Card
          size="small"
          title={t('dashboards.chart.trend')}
          extra={
            <Button
              size="small"
              icon={<PictureOutlined aria-hidden />}
              onClick={() => download(trendRef.current, 'xu-huong')}
            >
              {t('dashboards.chart.png')}
            </Button>
          }
        >
          <EChart
            ref={trendRef}
            option={trend}
            label={t('dashboards.chart.trendLabel', {
              indicator: target.indicator?.name ?? target.text,
              values: target.series
                .map((p) => `${p.periodLabel}: ${formatFigure(p.value, target.indicator?.unit)}`)
                .join('; '),
            })}
          />
          {target.nextMilestone && !milestoneComparable(target.nextMilestone, target.indicator?.unit) && (
            <Typography.Paragraph type="secondary" className="dash-note">
              {t('dashboards.chart.milestoneOtherUnit', { milestone: milestoneLabel })}
            </Typography.Paragraph>
          )}
        </Card>
        <Card
          size="small"
          title={t('dashboards.chart.units', { period: dashboard.period?.label ?? '' })}
          extra={
            <Button
              size="small"
              icon={<PictureOutlined aria-hidden />}
              onClick={() => download(unitsRef.current, 'xep-hang')}
            >
              {t('dashboards.chart.png')}
            </Button>
          }
        >
          <EChart
            ref={unitsRef}
            option={units}
            height={unitsHeight}
            label={t('dashboards.chart.unitsLabel', {
              values: target.units
                .map(
                  (u) => `${u.rank ?? '—'}. ${u.unitName}: ${formatFigure(u.value, target.indicator?.unit)}`,
                )
                .join('; '),
            })}
          />
        </Card>
      </div>
    </section>
  );
}
