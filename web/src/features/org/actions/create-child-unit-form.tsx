import { Form, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { createOrgUnit } from '../../../api/org.api.ts';
import { fromIsoDate, toIsoDate } from '../../../lib/format.ts';
import type { UnitActionProps } from './action-props.ts';
import { UnitActionModal } from './unit-action-modal.tsx';
import { EffectiveDateField, emptyToNull, NewUnitFields, type NewUnitValues } from './unit-fields.tsx';

type CreateChildValues = NewUnitValues & { effectiveDate: Dayjs };

export function CreateChildUnitForm({ unit, date, onClose, onDone }: UnitActionProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CreateChildValues>();
  return (
    <UnitActionModal<CreateChildValues>
      title={t('org.actions.createChild')}
      form={form}
      fieldNames={['code', 'name', 'shortName', 'type', 'effectiveDate']}
      initialValues={{ effectiveDate: fromIsoDate(date) }}
      onSubmit={(values) =>
        createOrgUnit({
          code: values.code.trim(),
          name: values.name.trim(),
          shortName: emptyToNull(values.shortName),
          type: values.type,
          parentId: unit.id,
          effectiveDate: toIsoDate(values.effectiveDate),
        })
      }
      onDone={onDone}
      onClose={onClose}
    >
      <Typography.Paragraph type="secondary">
        {t('org.form.parentOf', { name: unit.name })}
      </Typography.Paragraph>
      <NewUnitFields date={date} withParent={false} />
      <EffectiveDateField />
    </UnitActionModal>
  );
}
