import { Card, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TCompletenessView } from '../../../../contracts/dashboard.ts';
import { formatIsoDate } from '../../lib/format.ts';
import { usePeriodLabel } from '../../lib/period-label.ts';
import { formatFigure } from './dashboard-format.ts';
import { FreshnessNote } from './freshness-note.tsx';

type Late = TCompletenessView['lateUnits'][number];

/** Expected, submitted, on time, approved — and the late units. */
export function CompletenessPanel({ view }: { view: TCompletenessView }) {
  const { t } = useTranslation();
  const periodName = usePeriodLabel();
  const { total } = view;
  const items = [
    { key: 'expected', value: total.expected },
    { key: 'submitted', value: total.submitted },
    { key: 'onTime', value: total.onTime },
    { key: 'approved', value: total.approved },
    { key: 'late', value: total.late },
  ] as const;
  return (
    <section className="dash-completeness" aria-labelledby="dash-completeness-heading">
      <Typography.Title level={2} id="dash-completeness-heading">
        {t('dashboards.completeness.title', { period: periodName(view.period) })}
      </Typography.Title>
      <dl className="dash-numbers" data-testid="completeness-numbers">
        {items.map((item) => (
          <div key={item.key} className={`dash-number dash-number--${item.key}`}>
            <dt>{t(`dashboards.completeness.${item.key}`)}</dt>
            <dd>
              {formatFigure(item.value)}
              {item.key !== 'expected' && total.expected > 0 && (
                <span className="dash-number__share">
                  {' '}
                  ({formatFigure((item.value / total.expected) * 100, '%')})
                </span>
              )}
            </dd>
          </div>
        ))}
      </dl>
      <Typography.Paragraph type="secondary">
        {t('dashboards.completeness.rates', {
          completeness: formatFigure(total.completeness, '%'),
          timeliness: formatFigure(total.timeliness, '%'),
        })}
        {view.freshness && (
          <>
            {' '}
            <FreshnessNote freshness={view.freshness} />
          </>
        )}
      </Typography.Paragraph>
      <Card size="small" title={t('dashboards.late.title', { count: view.lateCount })}>
        <Table<Late>
          size="small"
          rowKey="unitId"
          dataSource={view.lateUnits}
          pagination={view.lateUnits.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          scroll={{ x: 640 }}
          locale={{ emptyText: t('dashboards.late.none') }}
          columns={[
            { title: t('dashboards.late.unit'), dataIndex: 'unitName', width: 280 },
            {
              title: t('dashboards.late.parent'),
              dataIndex: 'parentName',
              width: 220,
              render: (name: string | null) => name ?? t('common.none'),
            },
            {
              title: t('dashboards.late.status'),
              dataIndex: 'status',
              width: 130,
              render: (s: Late['status']) => t(`dashboards.reportStatus.${s}`),
            },
            {
              title: t('dashboards.late.due'),
              dataIndex: 'dueOn',
              width: 110,
              render: (d: string) => formatIsoDate(d),
            },
            {
              title: t('dashboards.late.days'),
              dataIndex: 'daysLate',
              width: 100,
              align: 'right',
              render: (n: number) => t('dashboards.late.daysValue', { count: n }),
            },
          ]}
        />
      </Card>
    </section>
  );
}
