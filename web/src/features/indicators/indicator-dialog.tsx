import { useMutation } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TIndicator, TIndicatorInput } from '../../../../contracts/reporting.ts';
import { DISAGGREGATIONS, disaggregationLabel } from '../../../../domain/reporting/breakdowns.ts';
import { updateIndicator } from '../../api/indicators.api.ts';
import { createIndicator } from '../../api/reports.api.ts';
import { useApiErrorText } from '../../components/api-error-text.ts';
import { placeApiErrorOnField } from '../../lib/form-errors.ts';

const FIELDS = ['code', 'name', 'kind', 'unit', 'numeratorLabel', 'denominatorLabel'] as const;
const KINDS = ['ratio', 'count', 'sum', 'boolean'] as const;

interface IndicatorValues {
  name: string;
  code: string | null;
  kind: TIndicatorInput['kind'];
  unit: string | null;
  numeratorLabel: string | null;
  denominatorLabel: string | null;
  disaggregation: TIndicatorInput['disaggregation'];
}

/**
 * Makes a new indicator (chỉ số) or edits one: the name, an optional code (left blank, the server
 * makes one), its kind — a ratio is always in %, so it asks its two labels and no unit. The form is
 * named, so its fields' ids never clash with those of a dialog beneath it.
 */
export function IndicatorDialog({
  indicator,
  inUse = false,
  initialName,
  onClose,
  onSaved,
}: {
  /** The indicator edited; none: a new one. */
  indicator?: TIndicator;
  /** Something uses it: its kind and breakdown stay. */
  inUse?: boolean;
  /** A new indicator's name to start from (a target's text). */
  initialName?: string;
  onClose: () => void;
  onSaved: (indicator: TIndicator) => void;
}) {
  const { t, i18n } = useTranslation();
  const describe = useApiErrorText();
  const [form] = Form.useForm<IndicatorValues>();
  const kind = Form.useWatch('kind', form) ?? indicator?.kind ?? 'ratio';
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (values: IndicatorValues) => {
      const body = {
        ...values,
        code: values.code?.trim() || null,
        unit: values.kind === 'ratio' ? '%' : values.unit?.trim() || null,
        numeratorLabel: values.kind === 'ratio' ? values.numeratorLabel : null,
        denominatorLabel: values.kind === 'ratio' ? values.denominatorLabel : null,
        aggregation: indicator?.aggregation ?? (values.kind === 'boolean' ? 'count_units_meeting' : 'sum'),
        threshold: indicator?.threshold ?? 1,
      };
      return indicator
        ? updateIndicator(indicator.id, { ...body, version: indicator.version })
        : createIndicator(body);
    },
    onSuccess: onSaved,
    onError: (e) => {
      if (!placeApiErrorOnField(form, e, FIELDS)) setError(describe(e));
    },
  });
  const required = (field: string) => ({ required: true, message: t('common.required', { field }) });
  const language = i18n.language?.startsWith('en') ? 'en' : 'vi';
  return (
    <Modal
      open
      title={indicator ? t('indicators.dialog.editTitle') : t('indicators.dialog.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {error && <Alert type="error" showIcon role="alert" title={error} className="form-alert" />}
      <Form<IndicatorValues>
        form={form}
        name={indicator ? `indicator-${indicator.id}` : 'new-indicator'}
        layout="vertical"
        initialValues={{
          name: indicator?.name ?? initialName ?? '',
          code: indicator?.code ?? null,
          kind: indicator?.kind ?? 'ratio',
          unit: indicator?.kind === 'ratio' ? null : (indicator?.unit ?? null),
          numeratorLabel: indicator?.numeratorLabel ?? null,
          denominatorLabel: indicator?.denominatorLabel ?? null,
          disaggregation: indicator?.disaggregation ?? 'none',
        }}
        onFinish={(values) => {
          setError(null);
          save.mutate(values);
        }}
      >
        <Form.Item
          name="name"
          label={t('indicators.field.name')}
          rules={[required(t('indicators.field.name'))]}
        >
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
        </Form.Item>
        <Form.Item name="code" label={t('indicators.field.code')} extra={t('indicators.field.codeHint')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="kind"
          label={t('indicators.field.kind')}
          extra={inUse ? t('indicators.dialog.kindLocked') : undefined}
        >
          <Radio.Group
            optionType="button"
            disabled={inUse}
            options={KINDS.map((k) => ({ value: k, label: t(`reports.indicator.kinds.${k}`) }))}
          />
        </Form.Item>
        {kind === 'ratio' ? (
          <>
            <Form.Item
              name="numeratorLabel"
              label={t('indicators.field.numeratorLabel')}
              rules={[required(t('indicators.field.numeratorLabel'))]}
            >
              <Input maxLength={300} />
            </Form.Item>
            <Form.Item
              name="denominatorLabel"
              label={t('indicators.field.denominatorLabel')}
              rules={[required(t('indicators.field.denominatorLabel'))]}
            >
              <Input maxLength={300} />
            </Form.Item>
            <Typography.Paragraph type="secondary">{t('indicators.field.ratioUnit')}</Typography.Paragraph>
          </>
        ) : (
          kind !== 'boolean' && (
            <Form.Item name="unit" label={t('indicators.field.unit')} extra={t('indicators.field.unitHint')}>
              <Input maxLength={50} />
            </Form.Item>
          )
        )}
        <Form.Item name="disaggregation" label={t('indicators.field.disaggregation')}>
          <Select
            disabled={inUse}
            options={DISAGGREGATIONS.map((value) => ({ value, label: disaggregationLabel(value, language) }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
