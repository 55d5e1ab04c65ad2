import { Form } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { moveOrgUnit } from '../../../api/org.api.ts';
import { UnitSearchSelect } from '../../../components/unit-search-select.tsx';
import { fromIsoDate, toIsoDate } from '../../../lib/format.ts';
import { lowerFirst } from '../../../lib/text.ts';
import type { UnitActionProps } from './action-props.ts';
import { UnitActionModal } from './unit-action-modal.tsx';
import { EffectiveDateField } from './unit-fields.tsx';

interface MoveValues {
  parentId: number;
  effectiveDate: Dayjs;
}

export function MoveUnitForm({ unit, date, onClose, onDone }: UnitActionProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<MoveValues>();
  return (
    <UnitActionModal<MoveValues>
      title={`${t('org.actions.move')}: ${unit.name}`}
      form={form}
      fieldNames={['parentId', 'effectiveDate']}
      initialValues={{ effectiveDate: fromIsoDate(date) }}
      onSubmit={(values) =>
        moveOrgUnit(unit.id, {
          parentId: values.parentId,
          effectiveDate: toIsoDate(values.effectiveDate),
          version: unit.version,
        })
      }
      onDone={onDone}
      onClose={onClose}
    >
      <Form.Item
        name="parentId"
        label={t('org.form.newParent')}
        rules={[
          {
            required: true,
            message: t('common.requiredChoice', { field: lowerFirst(t('org.form.newParent')) }),
          },
        ]}
      >
        <UnitSearchSelect date={date} excludeIds={[unit.id]} />
      </Form.Item>
      <EffectiveDateField />
    </UnitActionModal>
  );
}
