import { Alert, Form } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { closeOrgUnit } from '../../../api/org.api.ts';
import { fromIsoDate, toIsoDate } from '../../../lib/format.ts';
import type { UnitActionProps } from './action-props.ts';
import { UnitActionModal } from './unit-action-modal.tsx';
import { EffectiveDateField, NoteField } from './unit-fields.tsx';

interface CloseValues {
  effectiveDate: Dayjs;
  note?: string;
}

export function CloseUnitForm({ unit, date, onClose, onDone }: UnitActionProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CloseValues>();
  return (
    <UnitActionModal<CloseValues>
      title={`${t('org.actions.close')}: ${unit.name}`}
      okText={t('org.actions.close')}
      danger
      form={form}
      fieldNames={['effectiveDate', 'note']}
      initialValues={{ effectiveDate: fromIsoDate(date) }}
      onSubmit={(values) =>
        closeOrgUnit(unit.id, {
          effectiveDate: toIsoDate(values.effectiveDate),
          version: unit.version,
          note: values.note?.trim() || undefined,
        })
      }
      onDone={onDone}
      onClose={onClose}
    >
      <Alert type="warning" showIcon title={t('org.form.closeWarning')} className="form-alert" />
      <EffectiveDateField />
      <NoteField />
    </UnitActionModal>
  );
}
