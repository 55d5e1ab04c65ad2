import { Form, Input } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { renameOrgUnit } from '../../../api/org.api.ts';
import { fromIsoDate, toIsoDate } from '../../../lib/format.ts';
import { lowerFirst } from '../../../lib/text.ts';
import type { UnitActionProps } from './action-props.ts';
import { UnitActionModal } from './unit-action-modal.tsx';
import { EffectiveDateField, emptyToNull } from './unit-fields.tsx';

interface RenameValues {
  name: string;
  shortName?: string;
  effectiveDate: Dayjs;
}

export function RenameUnitForm({ unit, date, onClose, onDone }: UnitActionProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RenameValues>();
  return (
    <UnitActionModal<RenameValues>
      title={`${t('org.actions.rename')}: ${unit.name}`}
      form={form}
      fieldNames={['name', 'shortName', 'effectiveDate']}
      initialValues={{
        name: unit.name,
        shortName: unit.shortName ?? undefined,
        effectiveDate: fromIsoDate(date),
      }}
      onSubmit={(values) =>
        renameOrgUnit(unit.id, {
          name: values.name.trim(),
          shortName: emptyToNull(values.shortName),
          effectiveDate: toIsoDate(values.effectiveDate),
          version: unit.version,
        })
      }
      onDone={onDone}
      onClose={onClose}
    >
      <Form.Item
        name="name"
        label={t('org.form.newName')}
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('common.required', { field: lowerFirst(t('org.form.newName')) }),
          },
          { max: 300, message: t('common.tooLong', { field: t('org.form.newName'), max: 300 }) },
        ]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="shortName"
        label={t('org.form.shortName')}
        rules={[{ max: 100, message: t('common.tooLong', { field: t('org.form.shortName'), max: 100 }) }]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      <EffectiveDateField />
    </UnitActionModal>
  );
}
