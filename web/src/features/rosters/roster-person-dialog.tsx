import { useMutation } from '@tanstack/react-query';
import { Form, Input, InputNumber, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ROSTER_CATEGORIES,
  type TRosterPerson,
  type TRosterPersonInput,
} from '../../../../contracts/rosters.ts';
import { createRosterPerson, updateRosterPerson } from '../../api/rosters.api.ts';
import { useApiErrorText } from '../../components/api-error-text.ts';
import { IsoDateInput } from '../../components/fields/iso-date-input.tsx';
import { FormDialog } from '../../components/form-dialog.tsx';
import { todayIso } from '../../lib/format.ts';

type Values = Omit<TRosterPersonInput, 'unitId'>;

/** Add a person to the unit's roster, or change one (post, dates, details). */
export function RosterPersonDialog({
  unitId,
  person,
  onClose,
  onSaved,
}: {
  unitId: number;
  person: TRosterPerson | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const errorText = useApiErrorText();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (values: Values) =>
      person
        ? updateRosterPerson(person.id, { ...values, unitId: person.unitId, version: person.version })
        : createRosterPerson({ ...values, unitId }),
    onSuccess: onSaved,
    onError: (e) => setError(errorText(e)),
  });
  const initial: Values = person
    ? {
        category: person.category,
        fullName: person.fullName,
        sex: person.sex,
        birthYear: person.birthYear,
        position: person.position,
        validFrom: person.validFrom,
        validTo: person.validTo,
      }
    : {
        category: 'can_bo_chu_chot',
        fullName: '',
        sex: 'female',
        birthYear: null,
        position: null,
        validFrom: todayIso(),
        validTo: null,
      };
  const required = (field: string) => [{ required: true, message: t('common.required', { field }) }];
  return (
    <FormDialog
      title={person ? t('rosters.editTitle') : t('rosters.addTitle')}
      okText={t('common.save')}
      saving={save.isPending}
      error={error}
      onOk={() => void form.validateFields().then((values) => save.mutate(values))}
      onClose={onClose}
    >
      <Form form={form} layout="vertical" initialValues={initial} requiredMark="optional">
        <Form.Item name="fullName" label={t('rosters.fullName')} rules={required(t('rosters.fullName'))}>
          <Input maxLength={200} autoComplete="off" />
        </Form.Item>
        <Form.Item name="category" label={t('rosters.category')} rules={required(t('rosters.category'))}>
          <Select
            options={ROSTER_CATEGORIES.map((c) => ({ value: c, label: t(`rosters.categories.${c}`) }))}
          />
        </Form.Item>
        <Form.Item name="sex" label={t('rosters.sex')} rules={required(t('rosters.sex'))}>
          <Select
            options={[
              { value: 'female', label: t('rosters.female') },
              { value: 'male', label: t('rosters.male') },
            ]}
          />
        </Form.Item>
        <Form.Item name="birthYear" label={t('rosters.birthYear')}>
          <InputNumber min={1900} max={2100} precision={0} />
        </Form.Item>
        <Form.Item name="position" label={t('rosters.position')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="validFrom" label={t('rosters.validFrom')} rules={required(t('rosters.validFrom'))}>
          <IsoDateInput value={null} onChange={() => undefined} />
        </Form.Item>
        <Form.Item name="validTo" label={t('rosters.validTo')} extra={t('rosters.validToHelp')}>
          <IsoDateInput value={null} onChange={() => undefined} />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}
