import { ArrowRightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Button, Card, Select, Skeleton, Table, Typography } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { TDrilldown, TUnitFigures } from '../../../../contracts/dashboard.ts';
import { fetchDrilldown } from '../../api/dashboards.api.ts';
import { ErrorResult } from '../../components/error-result.tsx';
import { formatFigure } from './dashboard-format.ts';
import { FreshnessNote } from './freshness-note.tsx';

function figureOf(unit: TUnitFigures, indicatorId: number | undefined) {
  return unit.figures.find((f) => f.indicatorId === indicatorId) ?? null;
}

/**
 * Drill-down: the figures of a unit's direct units for one indicator; a click goes one level down,
 * the breadcrumb goes back up (not above `topUnitId`, the user's own unit).
 */
export function DrilldownPanel({
  periodId,
  unitId,
  topUnitId,
  indicatorId,
  onUnit,
  onIndicator,
}: {
  periodId: number;
  unitId: number;
  topUnitId: number;
  indicatorId: number | undefined;
  onUnit: (id: number) => void;
  onIndicator: (id: number) => void;
}) {
  const { t } = useTranslation();
  const indicatorSelectId = useId();
  const drill = useQuery({
    queryKey: ['dashboards', 'drilldown', periodId, unitId, indicatorId],
    queryFn: ({ signal }) => fetchDrilldown(periodId, unitId, indicatorId, signal),
    placeholderData: (previous) => previous,
  });

  if (drill.isPending) return <Skeleton active />;
  if (drill.isError) return <ErrorResult error={drill.error} onRetry={() => void drill.refetch()} />;
  const data: TDrilldown = drill.data;
  const indicator = data.indicators.find((i) => i.id === indicatorId) ?? data.indicators[0];
  const topIndex = Math.max(
    0,
    data.path.findIndex((p) => p.unitId === topUnitId),
  );
  const own = figureOf(data.unit, indicator?.id);
  const unitLabel = indicator?.unit ?? null;

  return (
    <section className="dash-drill" aria-labelledby="dash-drill-heading">
      <Typography.Title level={2} id="dash-drill-heading">
        {t('dashboards.drill.title')}
      </Typography.Title>
      <Typography.Paragraph>
        <FreshnessNote freshness={data.freshness} />
      </Typography.Paragraph>
      <Card size="small">
        <div className="dash-pickers__row">
          <div className="dash-pickers__item dash-pickers__item--grow">
            <label htmlFor={indicatorSelectId} className="field-label">
              {t('dashboards.drill.indicator')}
            </label>
            <Select
              id={indicatorSelectId}
              className="dash-pickers__plan"
              value={indicator?.id}
              onChange={onIndicator}
              options={data.indicators.map((i) => ({ value: i.id, label: `${i.code} — ${i.name}` }))}
            />
          </div>
        </div>
        <nav aria-label={t('dashboards.drill.path')} className="dash-drill__path" data-testid="drill-path">
          <Breadcrumb
            items={data.path.map((p, index) => {
              const current = index === data.path.length - 1;
              const clickable = !current && index >= topIndex;
              return {
                key: p.unitId,
                title: clickable ? (
                  <Button
                    type="link"
                    size="small"
                    className="dash-drill__crumb"
                    onClick={() => onUnit(p.unitId)}
                  >
                    {p.unitName}
                  </Button>
                ) : (
                  <span aria-current={current ? 'location' : undefined}>{p.unitName}</span>
                ),
              };
            })}
          />
        </nav>
        <p className="dash-drill__own">
          {t('dashboards.drill.unitValue', {
            unit: data.unit.unitName,
            value: formatFigure(own?.value, unitLabel),
            reporting: own?.reportingUnits ?? 0,
            expected: own?.expectedUnits ?? '—',
          })}
        </p>
      </Card>
      <Table<TUnitFigures>
        size="small"
        rowKey="unitId"
        dataSource={data.children}
        pagination={data.children.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        scroll={{ x: 640 }}
        loading={drill.isFetching}
        locale={{ emptyText: t('dashboards.drill.noUnits') }}
        columns={[
          {
            title: t('dashboards.drill.unit'),
            dataIndex: 'unitName',
            width: 320,
            render: (name: string, row) =>
              row.hasUnits ? (
                <Button
                  type="link"
                  className="dash-drill__down"
                  onClick={() => onUnit(row.unitId)}
                  aria-label={t('dashboards.drill.down', { unit: name })}
                >
                  {name} <ArrowRightOutlined aria-hidden />
                </Button>
              ) : (
                <Button
                  type="link"
                  className="dash-drill__down dash-drill__down--leaf"
                  onClick={() => onUnit(row.unitId)}
                  aria-label={t('dashboards.drill.open', { unit: name })}
                >
                  {name}
                </Button>
              ),
          },
          {
            title: t('dashboards.drill.value'),
            key: 'value',
            width: 140,
            align: 'right',
            render: (_: unknown, row) => formatFigure(figureOf(row, indicator?.id)?.value, unitLabel),
          },
          {
            title: t('dashboards.drill.parts'),
            key: 'parts',
            width: 160,
            align: 'right',
            render: (_: unknown, row) => {
              const f = figureOf(row, indicator?.id);
              if (!f || indicator?.kind !== 'ratio') return t('common.none');
              return `${formatFigure(f.numerator)} / ${formatFigure(f.denominator)}`;
            },
          },
          {
            title: t('dashboards.drill.reporting'),
            key: 'reporting',
            width: 140,
            align: 'right',
            render: (_: unknown, row) => {
              const f = figureOf(row, indicator?.id);
              return `${f?.reportingUnits ?? 0} / ${f?.expectedUnits ?? '—'}`;
            },
          },
        ]}
      />
    </section>
  );
}
