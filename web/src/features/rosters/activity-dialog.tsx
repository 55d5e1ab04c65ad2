import { useMutation, useQuery } from '@tanstack/react-query';
import { Form, Input, InputNumber, Select, Skeleton } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_KINDS, type TActivityInput } from '../../../../contracts/rosters.ts';
import { createActivity, fetchActivity, fetchRoster, updateActivity } from '../../api/rosters.api.ts';
import { useApiErrorText } from '../../components/api-error-text.ts';
import { IsoDateInput } from '../../components/fields/iso-date-input.tsx';
import { FormDialog } from '../../components/form-dialog.tsx';
import { todayIso } from '../../lib/format.ts';

interface Values {
  kind: TActivityInput['kind'];
  title: string;
  heldOn: string;
  attendeeIds: number[];
  members: number | null;
  children: number | null;
  note: string | null;
}

/** Record an activity in a minute: kind, date, title, who of the roster attended, how many others came. */
export function ActivityDialog({
  unitId,
  activityId,
  onClose,
  onSaved,
}: {
  unitId: number;
  activityId: number | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const errorText = useApiErrorText();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const existing = useQuery({
    queryKey: ['activities', 'one', activityId],
    queryFn: ({ signal }) => fetchActivity(activityId ?? 0, signal),
    enabled: activityId !== null,
    refetchOnWindowFocus: false,
  });
  const roster = useQuery({
    queryKey: ['rosters', unitId, 'pick'],
    queryFn: ({ signal }) => fetchRoster(unitId, {}, signal),
    refetchOnWindowFocus: false,
  });
  const save = useMutation({
    mutationFn: (values: Values) => {
      const body: TActivityInput = {
        unitId,
        kind: values.kind,
        title: values.title,
        heldOn: values.heldOn,
        planId: existing.data?.planId ?? null,
        taskId: existing.data?.taskId ?? null,
        attendeeIds: values.attendeeIds,
        publicCounts: {
          ...(values.members ? { doan_vien: values.members } : {}),
          ...(values.children ? { thieu_nhi: values.children } : {}),
        },
        note: values.note || null,
      };
      return existing.data
        ? updateActivity(existing.data.id, { ...body, version: existing.data.version })
        : createActivity(body);
    },
    onSuccess: onSaved,
    onError: (e) => setError(errorText(e)),
  });
  const loading = (activityId !== null && existing.isPending) || roster.isPending;
  const a = existing.data;
  const initial: Values = a
    ? {
        kind: a.kind,
        title: a.title,
        heldOn: a.heldOn,
        attendeeIds: a.attendees.map((p) => p.id),
        members: a.publicCounts.doan_vien ?? null,
        children: a.publicCounts.thieu_nhi ?? null,
        note: a.note,
      }
    : {
        kind: 'tap_huan',
        title: '',
        heldOn: todayIso(),
        attendeeIds: [],
        members: null,
        children: null,
        note: null,
      };
  const required = (field: string) => [{ required: true, message: t('common.required', { field }) }];
  const people = [...(roster.data?.people ?? []), ...(a?.attendees ?? [])];
  const options = [...new Map(people.map((p) => [p.id, p])).values()].map((p) => ({
    value: p.id,
    label: `${p.fullName} — ${t(`rosters.categories.${p.category}`)}${p.position ? `, ${p.position}` : ''}`,
  }));
  return (
    <FormDialog
      title={activityId ? t('activities.editTitle') : t('activities.addTitle')}
      okText={t('common.save')}
      saving={save.isPending}
      error={error ?? (roster.isError ? errorText(roster.error) : null)}
      onOk={() => void form.validateFields().then((values) => save.mutate(values))}
      onClose={onClose}
    >
      {loading ? (
        <Skeleton active />
      ) : (
        <Form form={form} layout="vertical" initialValues={initial} requiredMark="optional">
          <Form.Item name="kind" label={t('activities.kind')} rules={required(t('activities.kind'))}>
            <Select options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`activities.kinds.${k}`) }))} />
          </Form.Item>
          <Form.Item
            name="title"
            label={t('activities.titleField')}
            rules={required(t('activities.titleField'))}
          >
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item name="heldOn" label={t('activities.heldOn')} rules={required(t('activities.heldOn'))}>
            <IsoDateInput value={null} onChange={() => undefined} />
          </Form.Item>
          <Form.Item
            name="attendeeIds"
            label={t('activities.attendees')}
            extra={t('activities.attendeesHelp')}
          >
            <Select mode="multiple" options={options} optionFilterProp="label" allowClear />
          </Form.Item>
          <Form.Item name="members" label={t('activities.publicMembers')}>
            <InputNumber min={0} precision={0} />
          </Form.Item>
          <Form.Item name="children" label={t('activities.publicChildren')}>
            <InputNumber min={0} precision={0} />
          </Form.Item>
          <Form.Item name="note" label={t('activities.note')}>
            <Input.TextArea maxLength={2000} />
          </Form.Item>
        </Form>
      )}
    </FormDialog>
  );
}
