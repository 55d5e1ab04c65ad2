import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TScheduleCreate } from '../../../../contracts/reporting.ts';
import { CHILD_LABOUR_SURVEY } from '../../../../domain/reporting/ready-forms.ts';
import { DEFAULT_SECTIONS } from '../../../../domain/reporting/report-sections.ts';
import {
  createIndicator,
  createSchedule,
  fetchIndicators,
  type TFrequency,
  type TSchedule,
} from '../../api/reports.api.ts';
import { useApiErrorText } from '../../components/api-error-text.ts';
import { useFeedback } from '../../components/feedback.tsx';
import { UNIT_TYPES } from '../../lib/domain-lists.ts';
import { placeApiErrorOnField } from '../../lib/form-errors.ts';
import { foldedSelectSearch } from '../../lib/text.ts';
import { IndicatorDialog } from '../indicators/indicator-dialog.tsx';
import { materialiseReadyForm } from './ready-form.ts';

const FREQUENCIES: TFrequency[] = ['annual', 'semiannual', 'quarterly', 'monthly', 'once'];

/** "10/11" → "11-10" (annual, half-year); "20" → "20" (day of the next month); "10/11/2026" → ISO. */
export function toDueRule(frequency: TFrequency, text: string): string | null | undefined {
  const value = text.trim();
  if (value === '') return null;
  const full = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  if (full) return `${full[3]}-${full[2]!.padStart(2, '0')}-${full[1]!.padStart(2, '0')}`;
  const dayMonth = /^(\d{1,2})\/(\d{1,2})$/.exec(value);
  if (dayMonth && (frequency === 'annual' || frequency === 'semiannual'))
    return `${dayMonth[2]!.padStart(2, '0')}-${dayMonth[1]!.padStart(2, '0')}`;
  if (/^\d{1,2}$/.test(value) && (frequency === 'quarterly' || frequency === 'monthly'))
    return value.padStart(2, '0');
  return undefined;
}

interface ScheduleValues {
  name: string;
  frequency: TFrequency;
  due: string;
  fromYear: number;
  toYear: number;
  leadDays: number;
  unitTypes: TScheduleCreate['unitTypes'];
  indicatorIds: number[];
  requiredIndicatorIds: number[];
  requiredSections: string[];
  sections: string[];
  allowAttachments: boolean;
}

/** A manager makes a plan's reporting duty a schedule: periods, due dates and the form (indicators, sections). */
export function ScheduleDialog({
  planId,
  onClose,
  onCreated,
}: {
  planId: number;
  onClose: () => void;
  onCreated: (schedule: TSchedule) => void;
}) {
  const { t } = useTranslation();
  const { message } = useFeedback();
  const describe = useApiErrorText();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ScheduleValues>();
  const [error, setError] = useState<string | null>(null);
  const [addingIndicator, setAddingIndicator] = useState(false);
  const frequency = Form.useWatch('frequency', form) ?? 'annual';
  const chosen = Form.useWatch('indicatorIds', form) ?? [];
  const indicators = useQuery({
    queryKey: ['reports', 'indicators'],
    queryFn: ({ signal }) => fetchIndicators(signal),
  });
  const year = new Date().getFullYear();
  // The child-labour survey (seed 001's appendix): its indicators made or reused, the form filled.
  const readyForm = useMutation({
    mutationFn: async () =>
      materialiseReadyForm(
        CHILD_LABOUR_SURVEY,
        indicators.data ?? (await fetchIndicators()),
        createIndicator,
      ),
    onSuccess: (ids) => {
      void queryClient.invalidateQueries({ queryKey: ['reports', 'indicators'] });
      form.setFieldsValue({
        name: form.getFieldValue('name') || CHILD_LABOUR_SURVEY.name,
        frequency: CHILD_LABOUR_SURVEY.frequency,
        due: CHILD_LABOUR_SURVEY.dueRule.split('-').reverse().join('/'),
        unitTypes:
          (form.getFieldValue('unitTypes') ?? []).length > 0 ? form.getFieldValue('unitTypes') : ['province'],
        indicatorIds: ids.indicatorIds,
        requiredIndicatorIds: ids.requiredIndicatorIds,
        sections: [...CHILD_LABOUR_SURVEY.sections],
        requiredSections: [...CHILD_LABOUR_SURVEY.requiredSections],
      });
    },
    onError: (e) => setError(describe(e)),
  });
  const create = useMutation({
    mutationFn: (body: TScheduleCreate) => createSchedule(body),
    onSuccess: (schedule) => {
      message.success(
        schedule.upward.length > 0
          ? t('reports.schedule.createdUpward', { units: schedule.upward.map((u) => u.unitName).join(', ') })
          : t('reports.schedule.created'),
      );
      void queryClient.invalidateQueries({ queryKey: ['reports', 'schedules', planId] });
      onCreated(schedule);
    },
    onError: (e) => {
      if (!placeApiErrorOnField(form, e, ['name', 'fromYear', 'toYear', 'leadDays'])) setError(describe(e));
    },
  });

  const submit = (values: ScheduleValues) => {
    setError(null);
    const dueRule = toDueRule(values.frequency, values.due ?? '');
    if (dueRule === undefined) {
      form.setFields([{ name: 'due', errors: [t('reports.schedule.dueInvalid')] }]);
      return;
    }
    create.mutate({
      planId,
      dutyIndex: null,
      name: values.name,
      frequency: values.frequency,
      dueRule,
      fromYear: values.fromYear,
      toYear: values.toYear,
      leadDays: values.leadDays,
      unitTypes: values.unitTypes,
      form: {
        name: values.name,
        indicators: values.indicatorIds.map((id) => ({
          indicatorId: id,
          required: (values.requiredIndicatorIds ?? []).includes(id),
        })),
        sections: DEFAULT_SECTIONS.filter((s) => values.sections.includes(s.key)).map((s) => ({
          ...s,
          required: values.requiredSections.includes(s.key),
        })),
        allowAttachments: values.allowAttachments,
      },
    });
  };

  return (
    <Modal
      open
      width={640}
      title={t('reports.schedule.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          frequency: 'annual',
          due: CHILD_LABOUR_SURVEY.dueRule.split('-').reverse().join('/'),
          fromYear: year,
          toYear: year + 4,
          leadDays: 5,
          unitTypes: ['grassroots'],
          indicatorIds: [],
          requiredIndicatorIds: [],
          sections: DEFAULT_SECTIONS.map((s) => s.key),
          requiredSections: DEFAULT_SECTIONS.filter((s) => s.required).map((s) => s.key),
          allowAttachments: true,
        }}
      >
        <Form.Item
          name="name"
          label={t('reports.schedule.name')}
          rules={[{ required: true, message: t('common.required', { field: t('reports.schedule.name') }) }]}
        >
          <Input maxLength={300} placeholder={t('reports.schedule.namePlaceholder')} />
        </Form.Item>
        <div className="form-row">
          <Form.Item name="frequency" label={t('reports.schedule.frequency')}>
            <Select
              options={FREQUENCIES.map((f) => ({ value: f, label: t(`reports.schedule.frequencies.${f}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="due"
            label={t('reports.schedule.due')}
            extra={t(`reports.schedule.dueHint.${frequency}`)}
          >
            <Input />
          </Form.Item>
        </div>
        <div className="form-row">
          <Form.Item name="fromYear" label={t('reports.schedule.fromYear')}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Form.Item name="toYear" label={t('reports.schedule.toYear')}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Form.Item
            name="leadDays"
            label={t('reports.schedule.leadDays')}
            tooltip={t('reports.schedule.leadDaysHint')}
          >
            <InputNumber min={0} max={60} />
          </Form.Item>
        </div>
        <Form.Item name="unitTypes" label={t('reports.schedule.unitTypes')}>
          <Select
            mode="multiple"
            options={UNIT_TYPES.map((u) => ({ value: u, label: t(`org.type.${u}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('reports.schedule.indicators')} required>
          <div className="schedule-indicators">
            <Form.Item name="indicatorIds" noStyle>
              <Select
                mode="multiple"
                aria-label={t('reports.schedule.indicators')}
                loading={indicators.isPending}
                showSearch={foldedSelectSearch}
                options={(indicators.data ?? [])
                  .filter((i) => !i.retiredAt || chosen.includes(i.id))
                  .map((i) => ({
                    value: i.id,
                    label: `${i.code} — ${i.name}`,
                  }))}
              />
            </Form.Item>
            <Button icon={<PlusOutlined aria-hidden />} onClick={() => setAddingIndicator(true)}>
              {t('reports.indicator.create')}
            </Button>
          </div>
          <Button
            type="link"
            className="schedule-ready-form"
            loading={readyForm.isPending}
            onClick={() => readyForm.mutate()}
          >
            {t('reports.schedule.useReadyForm', { name: CHILD_LABOUR_SURVEY.name })}
          </Button>
        </Form.Item>
        {chosen.length > 0 && (
          <Form.Item name="requiredIndicatorIds" label={t('reports.schedule.requiredIndicators')}>
            <Checkbox.Group
              className="checkbox-column"
              options={chosen.map((id) => ({
                value: id,
                label: indicators.data?.find((i) => i.id === id)?.name ?? String(id),
              }))}
            />
          </Form.Item>
        )}
        <Form.Item name="sections" label={t('reports.schedule.sections')}>
          <Checkbox.Group
            className="checkbox-column"
            options={DEFAULT_SECTIONS.map((s) => ({ value: s.key, label: s.title }))}
          />
        </Form.Item>
        <Form.Item name="requiredSections" label={t('reports.schedule.requiredSections')}>
          <Checkbox.Group
            className="checkbox-column"
            options={DEFAULT_SECTIONS.map((s) => ({ value: s.key, label: s.title }))}
          />
        </Form.Item>
        <Form.Item name="allowAttachments" valuePropName="checked">
          <Checkbox>{t('reports.schedule.allowAttachments')}</Checkbox>
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary">{t('reports.schedule.note')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon role="alert" title={error} />}
      {addingIndicator && (
        <IndicatorDialog
          onClose={() => setAddingIndicator(false)}
          onSaved={(indicator) => {
            setAddingIndicator(false);
            void queryClient.invalidateQueries({ queryKey: ['reports', 'indicators'] });
            form.setFieldValue('indicatorIds', [...(form.getFieldValue('indicatorIds') ?? []), indicator.id]);
          }}
        />
      )}
    </Modal>
  );
}
