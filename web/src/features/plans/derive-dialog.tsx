import { useQuery } from '@tanstack/react-query';
import { InputNumber, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TPlan } from '../../../../contracts/plans.ts';
import { fetchOrgUnit } from '../../api/org.api.ts';
import { derivePlan } from '../../api/plans.api.ts';
import { useApiErrorText } from '../../components/api-error-text.ts';
import { IsoDateInput } from '../../components/fields/iso-date-input.tsx';
import { FormDialog } from '../../components/form-dialog.tsx';
import { UnitTreeSelect } from '../../components/unit-tree-select.tsx';
import type { WorkingUnitRef } from '../../components/working-unit.tsx';
import { todayIso } from '../../lib/format.ts';
import { lowerFirst } from '../../lib/text.ts';
import { useSession } from '../auth/session.ts';

/** "Xây dựng kế hoạch thực hiện": a unit below derives its own draft from this plan. */
export function DeriveDialog({
  plan,
  onClose,
  onDerived,
}: {
  plan: TPlan;
  onClose: () => void;
  onDerived: (plan: TPlan) => void;
}) {
  const { t } = useTranslation();
  const describe = useApiErrorText();
  const user = useSession().data?.user;
  const home = useQuery({
    queryKey: ['org', 'unit', user?.homeUnitId, 'derive'],
    queryFn: ({ signal }) => fetchOrgUnit(user?.homeUnitId ?? 0, todayIso(), signal),
    enabled: !!user && user.homeUnitId > 0,
  });
  const [unit, setUnit] = useState<WorkingUnitRef | null>(null);
  const [touched, setTouched] = useState(false);
  const [leadDays, setLeadDays] = useState<number | null>(10);
  const [deadline, setDeadline] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // The home unit is the natural choice when it sits below the plan's unit.
  useEffect(() => {
    if (touched || !home.data) return;
    if (home.data.ancestors.some((a) => a.id === plan.unitId))
      setUnit({ id: home.data.id, name: home.data.name });
  }, [home.data, plan.unitId, touched]);

  async function save() {
    setTried(true);
    if (!unit) return;
    setSaving(true);
    setError(null);
    try {
      onDerived(
        await derivePlan(plan.id, {
          unitId: unit.id,
          reportLeadDays: leadDays ?? 10,
          implementDeadline: deadline,
        }),
      );
    } catch (caught) {
      setError(describe(caught));
    } finally {
      setSaving(false);
    }
  }

  return (
    <FormDialog
      title={t('plans.derive.title')}
      okText={t('plans.derive.ok')}
      saving={saving}
      error={error}
      onOk={() => void save()}
      onClose={onClose}
    >
      <Typography.Paragraph type="secondary">
        {t('plans.derive.help', { symbol: plan.symbol ?? plan.title })}
      </Typography.Paragraph>
      <div className="dialog-form">
        <label htmlFor="derive-unit" className="field-label">
          {t('plans.derive.unit')}
        </label>
        <UnitTreeSelect
          id="derive-unit"
          value={unit}
          onChange={(next) => {
            setTouched(true);
            setUnit(next);
          }}
          rootId={plan.unitId}
          disabledIds={[plan.unitId]}
          status={tried && !unit ? 'error' : undefined}
        />
        {tried && !unit && (
          <div className="login-field__error" role="alert">
            {t('common.requiredChoice', { field: lowerFirst(t('plans.derive.unit')) })}
          </div>
        )}
        <label htmlFor="derive-lead" className="field-label">
          {t('plans.derive.leadDays')}
        </label>
        <InputNumber
          id="derive-lead"
          min={0}
          max={60}
          value={leadDays}
          onChange={setLeadDays}
          className="fld__year"
        />
        <Typography.Text type="secondary" className="field-help">
          {t('plans.derive.leadDaysHelp')}
        </Typography.Text>
        <label htmlFor="derive-deadline" className="field-label">
          {t('plans.derive.deadline')}
        </label>
        <IsoDateInput id="derive-deadline" value={deadline} onChange={setDeadline} />
        <Typography.Text type="secondary" className="field-help">
          {t('plans.derive.deadlineHelp')}
        </Typography.Text>
      </div>
    </FormDialog>
  );
}
