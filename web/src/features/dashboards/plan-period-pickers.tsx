import { Card, Select } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { TPlanSummary } from '../../../../contracts/plans.ts';
import type { TPeriod } from '../../../../contracts/reporting.ts';
import { formatIsoDate } from '../../lib/format.ts';
import { usePeriodLabel } from '../../lib/period-label.ts';
import { foldedSelectSearch } from '../../lib/text.ts';
import { planLabel } from './use-plan-choice.ts';

export function PlanPeriodPickers({
  plans,
  plansLoading,
  planId,
  periods,
  periodId,
  onPlan,
  onPeriod,
}: {
  plans: TPlanSummary[];
  plansLoading: boolean;
  planId: number | undefined;
  periods: TPeriod[];
  periodId: number | undefined;
  onPlan: (id: number) => void;
  onPeriod: (id: number) => void;
}) {
  const { t } = useTranslation();
  const periodName = usePeriodLabel();
  const planSelectId = useId();
  const periodSelectId = useId();
  return (
    <Card size="small" className="dash-pickers">
      <div className="dash-pickers__row">
        <div className="dash-pickers__item dash-pickers__item--grow">
          <label htmlFor={planSelectId} className="field-label">
            {t('dashboards.plan')}
          </label>
          <Select
            id={planSelectId}
            className="dash-pickers__plan"
            showSearch={foldedSelectSearch}
            loading={plansLoading}
            value={planId}
            placeholder={t('dashboards.choosePlan')}
            onChange={onPlan}
            options={plans.map((p) => ({ value: p.id, label: planLabel(p) }))}
          />
        </div>
        <div className="dash-pickers__item">
          <label htmlFor={periodSelectId} className="field-label">
            {t('dashboards.period')}
          </label>
          <Select
            id={periodSelectId}
            className="dash-pickers__period"
            value={periodId}
            disabled={periods.length === 0}
            placeholder={t('dashboards.choosePeriod')}
            onChange={onPeriod}
            options={periods.map((p) => ({
              value: p.id,
              label: `${periodName(p)} (${t('dashboards.dueShort', { date: formatIsoDate(p.dueOn) })})`,
            }))}
          />
        </div>
      </div>
    </Card>
  );
}
