import { Checkbox, Form, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mergeOrgUnits } from '../../../api/org.api.ts';
import { type UnitOption, UnitSearchSelect } from '../../../components/unit-search-select.tsx';
import { fromIsoDate, toIsoDate } from '../../../lib/format.ts';
import { lowerFirst } from '../../../lib/text.ts';
import { currentParent, type UnitActionProps } from './action-props.ts';
import { UnitActionModal } from './unit-action-modal.tsx';
import {
  EffectiveDateField,
  emptyToNull,
  NewUnitFields,
  type NewUnitValues,
  NoteField,
} from './unit-fields.tsx';

interface MergeValues {
  sourceIds: number[];
  mode: 'new' | 'continue';
  intoId?: number;
  into?: NewUnitValues;
  effectiveDate: Dayjs;
  moveChildren: boolean;
  note?: string;
}

function ContinuingUnitField({ sources }: { sources: readonly UnitOption[] }) {
  const { t } = useTranslation();
  const sourceIds: number[] = Form.useWatch('sourceIds') ?? [];
  const options = sources
    .filter((s) => sourceIds.includes(s.id))
    .map((s) => ({ value: s.id, label: s.name }));
  return (
    <Form.Item
      name="intoId"
      label={t('org.form.mergeInto')}
      rules={[
        {
          required: true,
          message: t('common.requiredChoice', { field: lowerFirst(t('org.form.mergeInto')) }),
        },
      ]}
    >
      <Select options={options} />
    </Form.Item>
  );
}

export function MergeUnitsForm({ unit, date, onClose, onDone }: UnitActionProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<MergeValues>();
  const mode = Form.useWatch('mode', form) ?? 'new';
  const parent = currentParent(unit);
  const self: UnitOption = { id: unit.id, name: unit.name, code: unit.code };
  const knownParents = parent ? [parent] : [];
  const [seenUnits, setSeenUnits] = useState<UnitOption[]>([self]);
  const rememberUnits = useCallback((units: UnitOption[]) => {
    setSeenUnits((current) => [...current, ...units.filter((u) => !current.some((c) => c.id === u.id))]);
  }, []);

  return (
    <UnitActionModal<MergeValues>
      title={t('org.actions.merge')}
      form={form}
      fieldNames={['sourceIds', 'into', 'intoId', 'effectiveDate', 'moveChildren', 'note']}
      initialValues={{
        sourceIds: [unit.id],
        mode: 'new',
        into: { type: unit.type, parentId: parent?.id } as NewUnitValues,
        effectiveDate: fromIsoDate(date),
        moveChildren: true,
      }}
      onSubmit={(values) =>
        mergeOrgUnits({
          sourceIds: values.sourceIds,
          effectiveDate: toIsoDate(values.effectiveDate),
          moveChildren: values.moveChildren,
          note: values.note?.trim() || undefined,
          ...(values.mode === 'continue'
            ? { intoId: values.intoId }
            : {
                into: {
                  code: values.into?.code.trim() ?? '',
                  name: values.into?.name.trim() ?? '',
                  shortName: emptyToNull(values.into?.shortName),
                  type: values.into?.type ?? unit.type,
                  parentId: values.into?.parentId ?? null,
                },
              }),
        })
      }
      onDone={onDone}
      onClose={onClose}
    >
      <Form.Item
        name="sourceIds"
        label={t('org.form.mergeSources')}
        rules={[
          { required: true, message: t('org.form.mergeSourcesMin') },
          {
            validator: (_rule, value: number[] | undefined) =>
              (value?.length ?? 0) >= 2
                ? Promise.resolve()
                : Promise.reject(new Error(t('org.form.mergeSourcesMin'))),
          },
        ]}
      >
        <UnitSearchSelect multiple date={date} knownUnits={[self]} onUnitsSeen={rememberUnits} />
      </Form.Item>
      <Form.Item name="mode" label={t('org.form.mergeMode')} required>
        <Radio.Group
          options={[
            { value: 'new', label: t('org.form.mergeModeNew') },
            { value: 'continue', label: t('org.form.mergeModeContinue') },
          ]}
        />
      </Form.Item>
      {mode === 'continue' ? (
        <ContinuingUnitField sources={seenUnits} />
      ) : (
        <NewUnitFields prefix={['into']} date={date} knownParents={knownParents} />
      )}
      <EffectiveDateField />
      <Form.Item name="moveChildren" valuePropName="checked">
        <Checkbox>{t('org.form.moveChildren')}</Checkbox>
      </Form.Item>
      <NoteField />
    </UnitActionModal>
  );
}
