import { DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { TUnitType } from '../../../../../contracts/org.ts';
import { type UnitOption, UnitSearchSelect } from '../../../components/unit-search-select.tsx';
import { UNIT_TYPES } from '../../../lib/domain-lists.ts';
import { DISPLAY_DATE_FORMAT } from '../../../lib/format.ts';
import { lowerFirst } from '../../../lib/text.ts';

export const CODE_PATTERN = /^[\p{L}\p{N}._-]+$/u;

/** The fields of a new unit, as in `ZNewUnit`: code, name, short name, type, parent. */
export interface NewUnitValues {
  code: string;
  name: string;
  shortName?: string;
  type: TUnitType;
  parentId?: number | null;
}

export function useUnitTypeOptions(exclude: readonly TUnitType[] = ['national']) {
  const { t } = useTranslation();
  return UNIT_TYPES.filter((type) => !exclude.includes(type)).map((type) => ({
    value: type,
    label: t(`org.type.${type}`),
  }));
}

/** `prefix` places the fields inside a list or object, e.g. `['successors', 0]` or `['into']`. */
export function NewUnitFields({
  prefix = [],
  date,
  knownParents = [],
  withParent = true,
}: {
  prefix?: (string | number)[];
  date: string;
  knownParents?: readonly UnitOption[];
  withParent?: boolean;
}) {
  const { t } = useTranslation();
  const typeOptions = useUnitTypeOptions();
  const name = (field: string) => [...prefix, field];
  return (
    <>
      <Form.Item
        name={name('code')}
        label={t('org.form.code')}
        extra={t('org.form.codeHelp')}
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('common.required', { field: lowerFirst(t('org.form.code')) }),
          },
          { max: 50, message: t('common.tooLong', { field: t('org.form.code'), max: 50 }) },
          { pattern: CODE_PATTERN, message: t('org.form.codeInvalid') },
        ]}
      >
        <Input autoComplete="off" spellCheck={false} />
      </Form.Item>
      <Form.Item
        name={name('name')}
        label={t('org.form.name')}
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('common.required', { field: lowerFirst(t('org.form.name')) }),
          },
          { max: 300, message: t('common.tooLong', { field: t('org.form.name'), max: 300 }) },
        ]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item
        name={name('shortName')}
        label={t('org.form.shortName')}
        rules={[{ max: 100, message: t('common.tooLong', { field: t('org.form.shortName'), max: 100 }) }]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item
        name={name('type')}
        label={t('org.form.type')}
        rules={[
          { required: true, message: t('common.requiredChoice', { field: lowerFirst(t('org.form.type')) }) },
        ]}
      >
        <Select options={typeOptions} />
      </Form.Item>
      {withParent && (
        <Form.Item name={name('parentId')} label={t('org.form.parent')}>
          <UnitSearchSelect date={date} knownUnits={knownParents} />
        </Form.Item>
      )}
    </>
  );
}

export function EffectiveDateField() {
  const { t } = useTranslation();
  return (
    <Form.Item
      name="effectiveDate"
      label={t('org.form.effectiveDate')}
      rules={[
        {
          required: true,
          message: t('common.requiredChoice', { field: lowerFirst(t('org.form.effectiveDate')) }),
        },
      ]}
    >
      <DatePicker format={DISPLAY_DATE_FORMAT} allowClear={false} />
    </Form.Item>
  );
}

export function NoteField() {
  const { t } = useTranslation();
  return (
    <Form.Item
      name="note"
      label={t('org.form.note')}
      rules={[{ max: 500, message: t('common.tooLong', { field: t('org.form.note'), max: 500 }) }]}
    >
      <Input.TextArea rows={2} />
    </Form.Item>
  );
}

export const emptyToNull = (value: string | undefined | null): string | null => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

export type EffectiveDate = Dayjs;
