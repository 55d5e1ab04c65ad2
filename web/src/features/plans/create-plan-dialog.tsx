import { AutoComplete, Input, InputNumber } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TPlan } from '../../../../contracts/plans.ts';
import { emptyPlanContent } from '../../../../domain/plans/empty-plan.ts';
import { createPlan } from '../../api/plans.api.ts';
import { useApiErrorText } from '../../components/api-error-text.ts';
import { FormDialog } from '../../components/form-dialog.tsx';
import { UnitTreeSelect } from '../../components/unit-tree-select.tsx';
import { useWorkingUnit, type WorkingUnitRef } from '../../components/working-unit.tsx';
import { DOCUMENT_KINDS } from '../../lib/domain-lists.ts';
import { lowerFirst } from '../../lib/text.ts';

/** "Tạo kế hoạch": a plan written by hand, a draft of the chosen unit. */
export function CreatePlanDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (plan: TPlan) => void;
}) {
  const { t } = useTranslation();
  const describe = useApiErrorText();
  const { unit: workingUnit } = useWorkingUnit();
  const [unit, setUnit] = useState<WorkingUnitRef | null>(workingUnit);
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState('KH');
  const year = new Date().getFullYear();
  const [yearFrom, setYearFrom] = useState<number | null>(year);
  const [yearTo, setYearTo] = useState<number | null>(year);
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function save() {
    setTried(true);
    if (!unit || title.trim() === '') return;
    setSaving(true);
    setError(null);
    try {
      onCreated(
        await createPlan(unit.id, {
          ...emptyPlanContent(title.trim()),
          kind: kind.trim() || 'KH',
          yearFrom,
          yearTo,
          issuerName: unit.name,
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
      title={t('plans.createTitle')}
      okText={t('plans.createOk')}
      saving={saving}
      error={error}
      onOk={() => void save()}
      onClose={onClose}
    >
      <div className="dialog-form">
        <label htmlFor="create-plan-unit" className="field-label">
          {t('plans.col.unit')}
        </label>
        <UnitTreeSelect
          id="create-plan-unit"
          value={unit}
          onChange={setUnit}
          status={tried && !unit ? 'error' : undefined}
        />
        {tried && !unit && (
          <div className="login-field__error" role="alert">
            {t('common.requiredChoice', { field: lowerFirst(t('plans.col.unit')) })}
          </div>
        )}
        <label htmlFor="create-plan-title" className="field-label">
          {t('plans.field.title')}
        </label>
        <Input.TextArea
          id="create-plan-title"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          autoSize={{ minRows: 2, maxRows: 5 }}
          status={tried && !title.trim() ? 'error' : undefined}
        />
        {tried && !title.trim() && (
          <div className="login-field__error" role="alert">
            {t('common.required', { field: lowerFirst(t('plans.field.title')) })}
          </div>
        )}
        <div className="fld-grid">
          <div className="fld">
            <label htmlFor="create-plan-kind" className="fld__label">
              {t('review.field.kind')}
            </label>
            <AutoComplete
              id="create-plan-kind"
              value={kind}
              onChange={setKind}
              options={DOCUMENT_KINDS.map((k) => ({ value: k }))}
            />
          </div>
          <div className="fld">
            <label htmlFor="create-plan-from" className="fld__label">
              {t('plans.field.yearFrom')}
            </label>
            <InputNumber
              id="create-plan-from"
              min={1945}
              max={2100}
              value={yearFrom}
              onChange={setYearFrom}
              className="fld__year"
            />
          </div>
          <div className="fld">
            <label htmlFor="create-plan-to" className="fld__label">
              {t('plans.field.yearTo')}
            </label>
            <InputNumber
              id="create-plan-to"
              min={1945}
              max={2100}
              value={yearTo}
              onChange={setYearTo}
              className="fld__year"
            />
          </div>
        </div>
      </div>
    </FormDialog>
  );
}
