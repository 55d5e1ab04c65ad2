import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { splitOrgUnit } from '../../../api/org.api.ts';
import { fromIsoDate, toIsoDate } from '../../../lib/format.ts';
import { currentParent, type UnitActionProps } from './action-props.ts';
import { UnitActionModal } from './unit-action-modal.tsx';
import {
  EffectiveDateField,
  emptyToNull,
  NewUnitFields,
  type NewUnitValues,
  NoteField,
} from './unit-fields.tsx';

interface SplitValues {
  successors: NewUnitValues[];
  effectiveDate: Dayjs;
  note?: string;
}

export function SplitUnitForm({ unit, date, onClose, onDone }: UnitActionProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<SplitValues>();
  const parent = currentParent(unit);
  const blank = { type: unit.type, parentId: parent?.id ?? null } as NewUnitValues;

  return (
    <UnitActionModal<SplitValues>
      title={`${t('org.actions.split')}: ${unit.name}`}
      form={form}
      fieldNames={['successors', 'effectiveDate', 'note']}
      initialValues={{ successors: [blank, blank], effectiveDate: fromIsoDate(date) }}
      // the split answers with its successors: the page goes on with the first
      onSubmit={(values) =>
        splitOrgUnit(unit.id, {
          successors: values.successors.map((s) => ({
            code: s.code.trim(),
            name: s.name.trim(),
            shortName: emptyToNull(s.shortName),
            type: s.type,
            parentId: s.parentId ?? null,
          })),
          effectiveDate: toIsoDate(values.effectiveDate),
          version: unit.version,
          note: values.note?.trim() || undefined,
        }).then(({ successors }) => successors[0]!)
      }
      onDone={onDone}
      onClose={onClose}
    >
      <Form.List
        name="successors"
        rules={[
          {
            validator: (_rule, value: unknown[] | undefined) =>
              (value?.length ?? 0) >= 2
                ? Promise.resolve()
                : Promise.reject(new Error(t('org.form.successorsMin'))),
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <fieldset className="form-fieldset">
            <legend>{t('org.form.successors')}</legend>
            {fields.map((field, index) => (
              <Card
                key={field.key}
                size="small"
                className="successor-card"
                title={t('org.form.successorN', { n: index + 1 })}
                extra={
                  fields.length > 2 ? (
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined aria-hidden />}
                      onClick={() => remove(field.name)}
                      aria-label={`${t('common.remove')} ${t('org.form.successorN', { n: index + 1 })}`}
                    />
                  ) : null
                }
              >
                <NewUnitFields prefix={[field.name]} date={date} knownParents={parent ? [parent] : []} />
              </Card>
            ))}
            <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add(blank)} block>
              {t('org.form.addSuccessor')}
            </Button>
            <Form.ErrorList errors={errors} />
          </fieldset>
        )}
      </Form.List>
      <EffectiveDateField />
      <NoteField />
    </UnitActionModal>
  );
}
