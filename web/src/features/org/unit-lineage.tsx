import { ArrowLeftOutlined, ArrowRightOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { TOrgUnitDetail, ZLineageLink } from '../../../../contracts/org.ts';
import { formatIsoDate, ISO_DATE_FORMAT } from '../../lib/format.ts';
import { unitHref } from './org-page-params.ts';

type LineageLink = z.infer<typeof ZLineageLink>;

function LineageList({
  links,
  direction,
  empty,
}: {
  links: readonly LineageLink[];
  direction: 'back' | 'forward';
  empty: string;
}) {
  const { t } = useTranslation();
  if (links.length === 0) return <Typography.Text type="secondary">{empty}</Typography.Text>;
  return (
    <ul className="lineage-list">
      {links.map((link) => {
        // A predecessor is shown on the day before the change, when it still existed.
        const date =
          direction === 'back'
            ? dayjs(link.effectiveDate).subtract(1, 'day').format(ISO_DATE_FORMAT)
            : link.effectiveDate;
        return (
          <li key={`${link.unitId}-${link.effectiveDate}`} data-testid={`lineage-${direction}`}>
            {direction === 'back' ? <ArrowLeftOutlined aria-hidden /> : <ArrowRightOutlined aria-hidden />}
            <Link to={unitHref(link.unitId, date)} className="lineage-list__name">
              {link.name}
            </Link>
            <Typography.Text type="secondary" className="lineage-list__meta">
              {link.code} ·{' '}
              {t('org.detail.lineageOn', {
                kind: t(`org.detail.lineageKind.${link.kind}`),
                date: formatIsoDate(link.effectiveDate),
              })}
            </Typography.Text>
          </li>
        );
      })}
    </ul>
  );
}

/** Where the unit came from (merged or split from) and what it became. */
export function UnitLineage({ unit }: { unit: TOrgUnitDetail }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="lineage-heading" className="detail-section" data-testid="unit-lineage">
      <Typography.Title level={3} id="lineage-heading" className="detail-section__title">
        {t('org.detail.lineage')}
      </Typography.Title>
      <div className="lineage-grid">
        <div>
          <Typography.Title level={4} className="detail-section__subtitle">
            {t('org.detail.predecessors')}
          </Typography.Title>
          <LineageList links={unit.predecessors} direction="back" empty={t('org.detail.noPredecessors')} />
        </div>
        <div>
          <Typography.Title level={4} className="detail-section__subtitle">
            {t('org.detail.successors')}
          </Typography.Title>
          <LineageList links={unit.successors} direction="forward" empty={t('org.detail.noSuccessors')} />
        </div>
      </div>
    </section>
  );
}
