import { Table, Tabs, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { TOrgUnitDetail, ZNameSpan, ZParentSpan } from '../../../../contracts/org.ts';
import { formatIsoDate, formatTimestamp } from '../../lib/format.ts';
import { unitHref } from './org-page-params.ts';

type NameSpan = z.infer<typeof ZNameSpan>;
type ParentSpan = z.infer<typeof ZParentSpan>;

function usePeriodColumns() {
  const { t } = useTranslation();
  return [
    {
      key: 'from',
      title: t('common.from'),
      dataIndex: 'validFrom',
      width: 110,
      render: (value: string) => formatIsoDate(value),
    },
    {
      key: 'to',
      title: t('common.to'),
      dataIndex: 'validTo',
      width: 110,
      render: (value: string | null) => (value ? formatIsoDate(value) : t('common.present')),
    },
  ];
}

function NamesOverTime({ names }: { names: readonly NameSpan[] }) {
  const { t } = useTranslation();
  const periods = usePeriodColumns();
  return (
    <Table<NameSpan>
      size="small"
      pagination={false}
      rowKey={(row) => `${row.validFrom}-${row.name}`}
      dataSource={[...names]}
      columns={[
        {
          key: 'name',
          title: t('org.detail.name'),
          render: (_, row) => (row.shortName ? `${row.name} (${row.shortName})` : row.name),
        },
        ...periods,
      ]}
    />
  );
}

function ParentsOverTime({ parents, date }: { parents: readonly ParentSpan[]; date: string }) {
  const { t } = useTranslation();
  const periods = usePeriodColumns();
  return (
    <Table<ParentSpan>
      size="small"
      pagination={false}
      rowKey={(row) => `${row.validFrom}-${row.parentId ?? 'root'}`}
      dataSource={[...parents]}
      columns={[
        {
          key: 'parent',
          title: t('org.detail.parent'),
          render: (_, row) =>
            row.parentId ? (
              <Link to={unitHref(row.parentId, row.validTo && row.validTo < date ? row.validTo : date)}>
                {row.parentName ?? row.parentId}
              </Link>
            ) : (
              t('org.detail.noParent')
            ),
        },
        ...periods,
      ]}
    />
  );
}

function EventTimeline({ events }: { events: TOrgUnitDetail['events'] }) {
  const { t } = useTranslation();
  if (events.length === 0)
    return <Typography.Text type="secondary">{t('org.detail.noEvents')}</Typography.Text>;
  return (
    <Timeline
      items={events.map((event) => ({
        key: event.id,
        content: (
          <div className="event-item">
            <span>
              <strong>{formatIsoDate(event.effectiveDate)}</strong> ·{' '}
              <strong>{t(`org.event.${event.kind}`)}</strong>
            </span>
            {event.note && <div>{event.note}</div>}
            <Typography.Text type="secondary" className="event-item__time">
              {t('org.event.recorded', { time: formatTimestamp(event.createdAt) })}
            </Typography.Text>
          </div>
        ),
      }))}
    />
  );
}

/** Names, parents and events of a unit over time, one tab each. */
export function UnitHistory({ unit, date }: { unit: TOrgUnitDetail; date: string }) {
  const { t } = useTranslation();
  return (
    <Tabs
      className="unit-history"
      size="small"
      items={[
        { key: 'events', label: t('org.detail.history'), children: <EventTimeline events={unit.events} /> },
        { key: 'names', label: t('org.detail.names'), children: <NamesOverTime names={unit.names} /> },
        {
          key: 'parents',
          label: t('org.detail.parents'),
          children: <ParentsOverTime parents={unit.parents} date={date} />,
        },
      ]}
    />
  );
}
