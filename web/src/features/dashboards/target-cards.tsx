import { Empty, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TTargetProgress } from '../../../../contracts/dashboard.ts';
import { formatIsoDate } from '../../lib/format.ts';
import { basisIn, verdictIn } from './assessment-words.ts';
import { BreakdownBars } from './breakdown-bars.tsx';
import { formatFigure, formatMilestoneValue } from './dashboard-format.ts';
import { StatusBadge } from './status-badge.tsx';

function TargetCard({ target }: { target: TTargetProgress }) {
  const { t, i18n } = useTranslation();
  const unit = target.indicator?.unit ?? null;
  return (
    <li className={`dash-target dash-target--${target.colour}`} data-testid="target-card">
      <div className="dash-target__head">
        <StatusBadge status={target.status} colour={target.colour} />
        {target.indicator && <span className="dash-target__code">{target.indicator.code}</span>}
      </div>
      <p className="dash-target__text">{target.indicator?.name ?? target.text}</p>
      {target.indicator && (
        <p className="dash-target__source" title={target.text}>
          {t('dashboards.target.planText', { text: target.text })}
        </p>
      )}
      <dl className="dash-target__facts">
        <div>
          <dt>{t('dashboards.target.current')}</dt>
          <dd className="dash-target__value">
            {formatFigure(target.current, unit)}
            {target.currentPeriodEnd && (
              <span className="dash-target__asof">
                {' '}
                {t(
                  target.currentProvisional ? 'dashboards.target.asOfProvisional' : 'dashboards.target.asOf',
                  {
                    date: formatIsoDate(target.currentPeriodEnd),
                  },
                )}
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('dashboards.target.nextMilestone')}</dt>
          <dd>
            {target.nextMilestone
              ? t('dashboards.target.milestone', {
                  value: formatMilestoneValue(target.nextMilestone),
                  year: target.nextMilestone.year ?? '',
                })
              : t('common.none')}
          </dd>
        </div>
        <div>
          <dt>{t('dashboards.target.projection')}</dt>
          <dd>
            {target.projection
              ? t('dashboards.target.projected', {
                  value: formatFigure(target.projection.value, unit),
                  year: target.projection.year,
                })
              : t('common.none')}
          </dd>
        </div>
      </dl>
      {target.indicator && target.breakdown && (
        <BreakdownBars indicator={target.indicator} breakdown={target.breakdown} />
      )}
      <p className="dash-target__verdict">{verdictIn(i18n.language, target.verdictPhrase)}</p>
      <p className="dash-target__basis">{basisIn(i18n.language, target.basisPhrases)}</p>
    </li>
  );
}

export function TargetCards({ targets }: { targets: TTargetProgress[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="dash-targets-heading">
      <Typography.Title level={2} id="dash-targets-heading">
        {t('dashboards.targets')}
      </Typography.Title>
      {targets.length === 0 ? (
        <Empty description={t('dashboards.noTargets')} />
      ) : (
        <ul className="dash-targets">
          {targets.map((target) => (
            <TargetCard key={target.targetId} target={target} />
          ))}
        </ul>
      )}
    </section>
  );
}
