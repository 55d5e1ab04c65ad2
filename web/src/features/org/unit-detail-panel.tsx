import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Card, Descriptions, Flex, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TOrgUnitDetail } from '../../../../contracts/org.ts';
import { fetchOrgUnit } from '../../api/org.api.ts';
import { ErrorResult } from '../../components/error-result.tsx';
import { formatIsoDate, formatNumber } from '../../lib/format.ts';
import { activitiesPath, rostersPath } from '../../routes.ts';
import { unitHref } from './org-page-params.ts';
import { UnitActions } from './unit-actions.tsx';
import { UnitHistory } from './unit-history.tsx';
import { UnitLineage } from './unit-lineage.tsx';
import { UnitTypeTag } from './unit-type-tag.tsx';

export const unitQueryKey = (id: number, date: string) => ['org', 'unit', id, date] as const;

export function useUnitDetail(id: number | null, date: string) {
  return useQuery({
    queryKey: unitQueryKey(id ?? 0, date),
    queryFn: ({ signal }) => fetchOrgUnit(id ?? 0, date, signal),
    enabled: id !== null,
  });
}

function UnitPath({ unit, date }: { unit: TOrgUnitDetail; date: string }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('org.detail.path')}>
      <Breadcrumb
        className="unit-path"
        items={[
          ...unit.ancestors.map((ancestor) => ({
            key: ancestor.id,
            title: <Link to={unitHref(ancestor.id, date)}>{ancestor.name}</Link>,
          })),
          { key: unit.id, title: <span aria-current="page">{unit.name}</span> },
        ]}
      />
    </nav>
  );
}

function UnitFacts({ unit }: { unit: TOrgUnitDetail }) {
  const { t } = useTranslation();
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 2 }}
      bordered
      items={[
        { key: 'code', label: t('org.detail.code'), children: unit.code },
        { key: 'type', label: t('org.detail.type'), children: t(`org.type.${unit.type}`) },
        { key: 'short', label: t('org.detail.shortName'), children: unit.shortName ?? t('common.none') },
        { key: 'children', label: t('org.detail.childCount'), children: formatNumber(unit.childCount) },
        { key: 'from', label: t('org.detail.validFrom'), children: formatIsoDate(unit.validFrom) },
        {
          key: 'to',
          label: t('org.detail.validTo'),
          children: unit.validTo ? formatIsoDate(unit.validTo) : t('common.present'),
        },
      ]}
    />
  );
}

/** Everything about one unit on the chosen date: path, facts, lineage, history, and changes. */
export function UnitDetailPanel({
  unitId,
  date,
  canEdit,
  onResult,
}: {
  unitId: number;
  date: string;
  canEdit: boolean;
  onResult: (result: TOrgUnitDetail) => void;
}) {
  const { t } = useTranslation();
  const detail = useUnitDetail(unitId, date);

  if (detail.isPending) {
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  }
  if (detail.isError) return <ErrorResult error={detail.error} onRetry={() => void detail.refetch()} />;
  const unit = detail.data;
  const ended = unit.validTo !== null && unit.validTo < date;
  const notYet = date < unit.validFrom;

  return (
    <Card className="unit-detail" data-testid="unit-detail">
      <UnitPath unit={unit} date={date} />
      <div className="unit-detail__head">
        <Typography.Title level={2} className="unit-detail__title">
          {unit.name}
        </Typography.Title>
        <Space size={4} wrap>
          <UnitTypeTag type={unit.type} />
          {notYet && <Tag>{t('org.detail.notYet', { date: formatIsoDate(unit.validFrom) })}</Tag>}
          {ended && <Tag>{t('org.detail.ended', { date: formatIsoDate(unit.validTo) })}</Tag>}
          {!ended && !notYet && <Tag className="status-tag--active">{t('org.detail.active')}</Tag>}
          {unit.isDemo && <Tag>{t('org.detail.demo')}</Tag>}
        </Space>
        <Typography.Text type="secondary" className="unit-detail__asof">
          {t('org.detail.asOf', { date: formatIsoDate(unit.asOf) })}
        </Typography.Text>
      </div>
      {canEdit && !notYet && <UnitActions unit={unit} date={date} onResult={onResult} />}
      <Flex wrap gap={12} className="unit-detail__links">
        <Link to={rostersPath(unit.id)}>{t('rosters.menu')}</Link>
        <Link to={activitiesPath(unit.id)}>{t('activities.menu')}</Link>
      </Flex>
      <UnitFacts unit={unit} />
      <UnitLineage unit={unit} />
      <UnitHistory unit={unit} date={date} />
    </Card>
  );
}
