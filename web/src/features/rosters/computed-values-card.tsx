import { CalculatorOutlined, EditOutlined, TeamOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, InputNumber, List, Modal, Space, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TReport } from '../../../../contracts/reporting.ts';
import type { TComputedValue } from '../../../../contracts/rosters.ts';
import {
  applyComputedValues,
  fetchComputedPeople,
  fetchComputedValues,
  overrideComputedValue,
} from '../../api/rosters.api.ts';
import { useApiErrorText } from '../../components/api-error-text.ts';
import { FormDialog } from '../../components/form-dialog.tsx';
import { formatIsoDate, formatNumber } from '../../lib/format.ts';

const percent = (n: number, d: number) => (d > 0 ? `${formatNumber(Math.round((n / d) * 1000) / 10)}%` : '—');

/** The people behind a computed value (a roster read, audited by the server), each marked attended or not. */
function PeopleDialog({
  reportId,
  value,
  onClose,
}: {
  reportId: number;
  value: TComputedValue;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const errorText = useApiErrorText();
  const people = useQuery({
    queryKey: ['computed', reportId, value.indicatorId, 'people'],
    queryFn: ({ signal }) => fetchComputedPeople(reportId, value.indicatorId, signal),
    refetchOnWindowFocus: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  return (
    <Modal open title={t('computed.peopleTitle')} footer={null} onCancel={onClose} destroyOnHidden>
      {people.isError && <Alert type="error" showIcon role="alert" title={errorText(people.error)} />}
      <List
        size="small"
        loading={people.isPending}
        dataSource={people.data?.people ?? []}
        renderItem={(p) => (
          <List.Item>
            <span>
              {p.fullName}
              {p.position ? ` — ${p.position}` : ''}
            </span>
            {p.attended ? (
              <Tag className="status-tag--active">{t('computed.attended', { count: p.sessions })}</Tag>
            ) : (
              <Tag>{t('computed.notAttended')}</Tag>
            )}
          </List.Item>
        )}
      />
    </Modal>
  );
}

function OverrideDialog({
  report,
  value,
  onClose,
  onDone,
}: {
  report: TReport;
  value: TComputedValue;
  onClose: () => void;
  onDone: (report: TReport) => void;
}) {
  const { t } = useTranslation();
  const errorText = useApiErrorText();
  const [form] = Form.useForm<{ numerator: number; denominator: number; reason: string }>();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: { numerator: number; denominator: number; reason: string }) =>
      overrideComputedValue(report.id, value.indicatorId, { ...v, version: report.version }),
    onSuccess: onDone,
    onError: (e) => setError(errorText(e)),
  });
  const required = (field: string) => [{ required: true, message: t('common.required', { field }) }];
  return (
    <FormDialog
      title={t('computed.overrideTitle')}
      okText={t('common.save')}
      saving={save.isPending}
      error={error}
      onOk={() => void form.validateFields().then((v) => save.mutate(v))}
      onClose={onClose}
    >
      <Typography.Paragraph>
        {t('computed.overrideText', { numerator: value.numerator, denominator: value.denominator })}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          numerator: value.stored?.numerator ?? value.numerator,
          denominator: value.stored?.denominator ?? value.denominator,
          reason: '',
        }}
      >
        <Form.Item name="numerator" label={t('computed.numerator')} rules={required(t('computed.numerator'))}>
          <InputNumber min={0} precision={0} />
        </Form.Item>
        <Form.Item
          name="denominator"
          label={t('computed.denominator')}
          rules={required(t('computed.denominator'))}
        >
          <InputNumber min={0} precision={0} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('computed.reason')}
          rules={[...required(t('computed.reason')), { min: 3, message: t('computed.reasonShort') }]}
        >
          <Input.TextArea maxLength={1000} />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}

/**
 * The report's computed indicators: what the rosters and activities give (pre-filled into a draft
 * the first time), the list behind each one click away, and the officer's override with a reason.
 */
export function ComputedValuesCard({
  report,
  editable,
  onChanged,
}: {
  report: TReport;
  editable: boolean;
  onChanged: (report: TReport) => void;
}) {
  const { t } = useTranslation();
  const errorText = useApiErrorText();
  const queryClient = useQueryClient();
  const [people, setPeople] = useState<TComputedValue | null>(null);
  const [overriding, setOverriding] = useState<TComputedValue | null>(null);
  const values = useQuery({
    queryKey: ['computed', report.id, report.version],
    queryFn: ({ signal }) => fetchComputedValues(report.id, signal),
    refetchOnWindowFocus: false,
  });
  const changed = (updated: TReport) => {
    void queryClient.invalidateQueries({ queryKey: ['computed', report.id] });
    onChanged(updated);
  };
  const apply = useMutation({
    mutationFn: () => applyComputedValues(report.id, report.version),
    onSuccess: changed,
  });
  // pre-fill: a draft whose computed values are still empty gets them once, when it opens
  const prefilled = useRef(false);
  useEffect(() => {
    if (!editable || prefilled.current || !values.data) return;
    if (values.data.some((v) => v.state === 'empty')) {
      prefilled.current = true;
      apply.mutate();
    }
  }, [editable, values.data, apply]);
  if (!values.data || values.data.length === 0) return null;
  const nameOf = (id: number) => report.form.indicators.find((i) => i.id === id)?.name ?? `#${id}`;
  const stateTag = (v: TComputedValue) => (
    <Tag className={v.state === 'computed' ? 'status-tag--active' : undefined}>
      {t(`computed.states.${v.state}`)}
    </Tag>
  );
  return (
    <Card
      title={
        <>
          <CalculatorOutlined aria-hidden /> {t('computed.title')}
        </>
      }
      className="computed-values-card"
    >
      {apply.isError && <Alert type="error" showIcon role="alert" title={errorText(apply.error)} />}
      <List
        dataSource={values.data}
        renderItem={(v) => (
          <List.Item
            actions={[
              <Button
                key="people"
                size="small"
                icon={<TeamOutlined aria-hidden />}
                onClick={() => setPeople(v)}
              >
                {t('computed.showPeople')}
              </Button>,
              ...(editable
                ? [
                    <Button
                      key="override"
                      size="small"
                      icon={<EditOutlined aria-hidden />}
                      onClick={() => setOverriding(v)}
                    >
                      {t('computed.override')}
                    </Button>,
                  ]
                : []),
            ]}
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  {nameOf(v.indicatorId)}
                  {stateTag(v)}
                </Space>
              }
              description={
                <>
                  {t('computed.value', {
                    numerator: formatNumber(v.numerator),
                    denominator: formatNumber(v.denominator),
                    percent: percent(v.numerator, v.denominator),
                    from: formatIsoDate(v.from),
                    to: formatIsoDate(v.to),
                    category: t(`rosters.categories.${v.definition.rosterCategory}`),
                    kind: t(`activities.kinds.${v.definition.activityKind}`).toLocaleLowerCase(),
                  })}
                  {v.stored && v.state !== 'computed' && v.stored.numerator !== null && (
                    <div>
                      {t('computed.stored', {
                        numerator: v.stored.numerator,
                        denominator: v.stored.denominator ?? '—',
                      })}
                    </div>
                  )}
                  {v.overrideReason && <div>{t('computed.reasonShown', { reason: v.overrideReason })}</div>}
                </>
              }
            />
          </List.Item>
        )}
      />
      {editable && values.data.some((v) => v.state === 'differs' || v.state === 'empty') && (
        <Button type="primary" loading={apply.isPending} onClick={() => apply.mutate()}>
          {t('computed.apply')}
        </Button>
      )}
      {people && <PeopleDialog reportId={report.id} value={people} onClose={() => setPeople(null)} />}
      {overriding && (
        <OverrideDialog
          report={report}
          value={overriding}
          onClose={() => setOverriding(null)}
          onDone={(updated) => {
            setOverriding(null);
            changed(updated);
          }}
        />
      )}
    </Card>
  );
}
