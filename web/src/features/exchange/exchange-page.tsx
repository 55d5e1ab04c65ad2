import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Table,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  TDataElementMapping,
  TExchangeMapping,
  TMappingImportResult,
} from '../../../../contracts/exchange.ts';
import type { TIndicator } from '../../../../contracts/reporting.ts';
import { mappableCells } from '../../../../domain/exchange/mapping.ts';
import {
  fetchExchangeMapping,
  importMappingFile,
  removeDataElementMapping,
  removeDataSetCode,
  removeOrgUnitCode,
  saveDataElementMapping,
  saveDataSetCode,
  saveOrgUnitCode,
} from '../../api/exchange.api.ts';
import { fetchIndicators } from '../../api/reports.api.ts';
import { useApiErrorText } from '../../components/api-error-text.ts';
import { ErrorResult } from '../../components/error-result.tsx';
import { UnitSearchSelect } from '../../components/unit-search-select.tsx';
import { todayIso } from '../../lib/format.ts';
import { canManage, useSession } from '../auth/session.ts';

const MAPPING_KEY = ['exchange', 'mapping'] as const;

interface CellRow {
  key: string;
  indicator: TIndicator;
  category: TDataElementMapping['category'];
  part: TDataElementMapping['part'];
  mapped: TExchangeMapping['dataElements'][number] | undefined;
}

/** One cell's codes: data element, category option combo, ADX breakdown. */
function CellDialog({ row, onClose }: { row: CellRow; onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useApiErrorText();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{
    dataElement: string;
    categoryOptionCombo: string;
    adxCategory: string;
    adxOption: string;
  }>();
  const save = useMutation({
    mutationFn: (values: {
      dataElement: string;
      categoryOptionCombo?: string;
      adxCategory?: string;
      adxOption?: string;
    }) =>
      saveDataElementMapping({
        indicatorId: row.indicator.id,
        category: row.category,
        part: row.part,
        dataElement: values.dataElement,
        categoryOptionCombo: values.categoryOptionCombo ?? '',
        adxCategory: values.adxCategory ?? '',
        adxOption: values.adxOption ?? '',
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: MAPPING_KEY });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('exchange.cell.title', { indicator: row.indicator.name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: save.isPending }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t(`exchange.category.${row.category}`)} · {t(`exchange.part.${row.part}`)}
      </Typography.Paragraph>
      {save.error ? <Alert type="error" showIcon message={errorText(save.error)} /> : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          dataElement: row.mapped?.dataElement ?? '',
          categoryOptionCombo: row.mapped?.categoryOptionCombo ?? '',
          adxCategory: row.mapped?.adxCategory ?? '',
          adxOption: row.mapped?.adxOption ?? '',
        }}
        onFinish={(values) => save.mutate(values)}
      >
        <Form.Item
          name="dataElement"
          label={t('exchange.field.dataElement')}
          rules={[{ required: true, message: t('exchange.field.required') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="categoryOptionCombo"
          label={t('exchange.field.categoryOptionCombo')}
          extra={t('exchange.field.categoryOptionComboHelp')}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item
            name="adxCategory"
            label={t('exchange.field.adxCategory')}
            extra={t('exchange.field.adxCategoryHelp')}
          >
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="adxOption" label={t('exchange.field.adxOption')}>
            <Input maxLength={100} />
          </Form.Item>
        </Flex>
      </Form>
    </Modal>
  );
}

function DataElementsCard({
  mapping,
  indicators,
  editable,
}: {
  mapping: TExchangeMapping;
  indicators: TIndicator[];
  editable: boolean;
}) {
  const { t } = useTranslation();
  const errorText = useApiErrorText();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<CellRow | null>(null);
  const remove = useMutation({
    mutationFn: removeDataElementMapping,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: MAPPING_KEY }),
  });
  const rows: CellRow[] = indicators.flatMap((indicator) =>
    mappableCells(indicator).map(({ category, part }) => ({
      key: `${indicator.id}:${category}:${part}`,
      indicator,
      category: category as CellRow['category'],
      part: part as CellRow['part'],
      mapped: mapping.dataElements.find(
        (m) => m.indicatorId === indicator.id && m.category === category && m.part === part,
      ),
    })),
  );
  return (
    <Card title={t('exchange.dataElements.title')} data-testid="exchange-data-elements">
      <Typography.Paragraph type="secondary">{t('exchange.dataElements.help')}</Typography.Paragraph>
      {remove.error ? <Alert type="error" showIcon message={errorText(remove.error)} /> : null}
      <Table<CellRow>
        size="small"
        rowKey="key"
        dataSource={rows}
        pagination={{ pageSize: 30, hideOnSinglePage: true }}
        columns={[
          {
            title: t('exchange.column.indicator'),
            render: (_, r) => `${r.indicator.code} — ${r.indicator.name}`,
          },
          {
            title: t('exchange.column.cell'),
            render: (_, r) => `${t(`exchange.category.${r.category}`)} · ${t(`exchange.part.${r.part}`)}`,
          },
          {
            title: t('exchange.field.dataElement'),
            render: (_, r) =>
              r.mapped ? (
                <Typography.Text code>{r.mapped.dataElement}</Typography.Text>
              ) : (
                <Typography.Text type="secondary">{t('exchange.notMapped')}</Typography.Text>
              ),
          },
          {
            title: t('exchange.field.categoryOptionCombo'),
            render: (_, r) => r.mapped?.categoryOptionCombo || '',
          },
          {
            title: 'ADX',
            render: (_, r) =>
              r.mapped?.adxCategory ? `${r.mapped.adxCategory}="${r.mapped.adxOption}"` : '',
          },
          ...(editable
            ? [
                {
                  title: t('exchange.column.actions'),
                  render: (_: unknown, r: CellRow) => (
                    <Flex gap={4}>
                      <Button size="small" onClick={() => setEditing(r)}>
                        {r.mapped ? t('exchange.edit') : t('exchange.map')}
                      </Button>
                      {r.mapped ? (
                        <Popconfirm
                          title={t('exchange.removeConfirm')}
                          okText={t('exchange.remove')}
                          cancelText={t('common.cancel')}
                          onConfirm={() =>
                            remove.mutate({ indicatorId: r.indicator.id, category: r.category, part: r.part })
                          }
                        >
                          <Button size="small" danger>
                            {t('exchange.remove')}
                          </Button>
                        </Popconfirm>
                      ) : null}
                    </Flex>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing ? <CellDialog row={editing} onClose={() => setEditing(null)} /> : null}
    </Card>
  );
}

function OrgUnitsCard({ mapping, editable }: { mapping: TExchangeMapping; editable: boolean }) {
  const { t } = useTranslation();
  const errorText = useApiErrorText();
  const queryClient = useQueryClient();
  const [unitId, setUnitId] = useState<number | undefined>();
  const [code, setCode] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: MAPPING_KEY });
  const save = useMutation({
    mutationFn: () => saveOrgUnitCode(unitId!, code.trim()),
    onSuccess: async () => {
      setCode('');
      setUnitId(undefined);
      await refresh();
    },
  });
  const remove = useMutation({ mutationFn: removeOrgUnitCode, onSuccess: refresh });
  return (
    <Card title={t('exchange.orgUnits.title')} data-testid="exchange-org-units">
      <Typography.Paragraph type="secondary">{t('exchange.orgUnits.help')}</Typography.Paragraph>
      {save.error || remove.error ? (
        <Alert type="error" showIcon message={errorText(save.error ?? remove.error)} />
      ) : null}
      {editable ? (
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <div style={{ minWidth: 280 }}>
            <UnitSearchSelect
              date={todayIso()}
              value={unitId}
              onChange={(v) => setUnitId(typeof v === 'number' ? v : undefined)}
              aria-label={t('exchange.orgUnits.unit')}
            />
          </div>
          <Input
            style={{ width: 220 }}
            value={code}
            maxLength={100}
            onChange={(e) => setCode(e.target.value)}
            placeholder={t('exchange.orgUnits.code')}
            aria-label={t('exchange.orgUnits.code')}
          />
          <Button
            type="primary"
            disabled={unitId === undefined || code.trim() === ''}
            loading={save.isPending}
            onClick={() => save.mutate()}
          >
            {t('common.save')}
          </Button>
        </Flex>
      ) : null}
      <Table
        size="small"
        rowKey="unitId"
        dataSource={mapping.orgUnits}
        pagination={{ pageSize: 30, hideOnSinglePage: true }}
        locale={{ emptyText: t('exchange.orgUnits.empty') }}
        columns={[
          { title: t('exchange.orgUnits.ourCode'), dataIndex: 'unitCode' },
          { title: t('exchange.orgUnits.name'), dataIndex: 'unitName' },
          {
            title: t('exchange.orgUnits.code'),
            render: (_, r) => <Typography.Text code>{r.orgUnit}</Typography.Text>,
          },
          ...(editable
            ? [
                {
                  title: t('exchange.column.actions'),
                  render: (_: unknown, r: TExchangeMapping['orgUnits'][number]) => (
                    <Button size="small" danger onClick={() => remove.mutate(r.unitId)}>
                      {t('exchange.remove')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

function DataSetsCard({ mapping, editable }: { mapping: TExchangeMapping; editable: boolean }) {
  const { t } = useTranslation();
  const errorText = useApiErrorText();
  const queryClient = useQueryClient();
  const [scheduleId, setScheduleId] = useState<number | null>(null);
  const [code, setCode] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: MAPPING_KEY });
  const save = useMutation({
    mutationFn: () => saveDataSetCode(scheduleId!, code.trim()),
    onSuccess: async () => {
      setCode('');
      setScheduleId(null);
      await refresh();
    },
  });
  const remove = useMutation({ mutationFn: removeDataSetCode, onSuccess: refresh });
  return (
    <Card title={t('exchange.dataSets.title')} data-testid="exchange-data-sets">
      <Typography.Paragraph type="secondary">{t('exchange.dataSets.help')}</Typography.Paragraph>
      {save.error || remove.error ? (
        <Alert type="error" showIcon message={errorText(save.error ?? remove.error)} />
      ) : null}
      {editable ? (
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <InputNumber
            min={1}
            value={scheduleId}
            onChange={(v) => setScheduleId(v)}
            placeholder={t('exchange.dataSets.schedule')}
            aria-label={t('exchange.dataSets.schedule')}
            style={{ width: 200 }}
          />
          <Input
            style={{ width: 220 }}
            value={code}
            maxLength={100}
            onChange={(e) => setCode(e.target.value)}
            placeholder={t('exchange.dataSets.code')}
            aria-label={t('exchange.dataSets.code')}
          />
          <Button
            type="primary"
            disabled={scheduleId === null || code.trim() === ''}
            loading={save.isPending}
            onClick={() => save.mutate()}
          >
            {t('common.save')}
          </Button>
        </Flex>
      ) : null}
      <Table
        size="small"
        rowKey="scheduleId"
        dataSource={mapping.dataSets}
        pagination={false}
        locale={{ emptyText: t('exchange.dataSets.empty') }}
        columns={[
          { title: t('exchange.dataSets.schedule'), render: (_, r) => `${r.scheduleId} — ${r.scheduleName}` },
          {
            title: t('exchange.dataSets.code'),
            render: (_, r) => <Typography.Text code>{r.dataSet}</Typography.Text>,
          },
          ...(editable
            ? [
                {
                  title: t('exchange.column.actions'),
                  render: (_: unknown, r: TExchangeMapping['dataSets'][number]) => (
                    <Button size="small" danger onClick={() => remove.mutate(r.scheduleId)}>
                      {t('exchange.remove')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

/** The mapping from a CSV: checked first, saved all or nothing. */
function CsvCard() {
  const { t } = useTranslation();
  const errorText = useApiErrorText();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<TMappingImportResult | null>(null);
  const run = useMutation({
    mutationFn: (commit: boolean) => importMappingFile(file!, commit),
    onSuccess: async (answer) => {
      setResult(answer);
      if (answer.applied) await queryClient.invalidateQueries({ queryKey: MAPPING_KEY });
    },
  });
  return (
    <Card title={t('exchange.csv.title')} data-testid="exchange-csv">
      <Typography.Paragraph type="secondary">{t('exchange.csv.help')}</Typography.Paragraph>
      <Typography.Paragraph>
        <Typography.Text code>
          kind,local_code,category,part,code,category_option_combo,adx_category,adx_option
        </Typography.Text>
      </Typography.Paragraph>
      <Flex gap={8} wrap align="center">
        <input
          type="file"
          accept=".csv,text/csv"
          aria-label={t('exchange.csv.file')}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setResult(null);
          }}
        />
        <Button disabled={!file} loading={run.isPending} onClick={() => run.mutate(false)}>
          {t('exchange.csv.check')}
        </Button>
        <Button
          type="primary"
          disabled={!file || !result || result.errors.length > 0 || result.applied}
          loading={run.isPending}
          onClick={() => run.mutate(true)}
        >
          {t('exchange.csv.save')}
        </Button>
      </Flex>
      {run.error ? (
        <Alert type="error" showIcon message={errorText(run.error)} style={{ marginTop: 12 }} />
      ) : null}
      {result ? (
        <Alert
          style={{ marginTop: 12 }}
          showIcon
          type={result.errors.length > 0 ? 'error' : 'success'}
          message={
            result.errors.length > 0
              ? t('exchange.csv.errors', { count: result.errors.length })
              : t(result.applied ? 'exchange.csv.saved' : 'exchange.csv.valid', result)
          }
          description={
            result.errors.length > 0 ? (
              <ul>
                {result.errors.map((e) => (
                  <li key={`${e.at}:${e.code}:${e.message}`}>{e.message}</li>
                ))}
              </ul>
            ) : null
          }
        />
      ) : null}
    </Card>
  );
}

/** Trao đổi DHIS2: the codes our indicators, units and schedules go by in DHIS2 (docs/dhis2-exchange.md). */
export default function ExchangePage() {
  const { t } = useTranslation();
  const editable = canManage(useSession().data?.user.role);
  const mapping = useQuery({ queryKey: MAPPING_KEY, queryFn: ({ signal }) => fetchExchangeMapping(signal) });
  const indicators = useQuery({ queryKey: ['indicators'], queryFn: ({ signal }) => fetchIndicators(signal) });
  if (mapping.error || indicators.error) return <ErrorResult error={mapping.error ?? indicators.error} />;
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={2}>{t('exchange.title')}</Typography.Title>
      <Typography.Paragraph>{t('exchange.intro')}</Typography.Paragraph>
      {mapping.data && indicators.data ? (
        <>
          <DataElementsCard mapping={mapping.data} indicators={indicators.data} editable={editable} />
          <OrgUnitsCard mapping={mapping.data} editable={editable} />
          <DataSetsCard mapping={mapping.data} editable={editable} />
          {editable ? <CsvCard /> : null}
        </>
      ) : (
        <Card loading />
      )}
    </Flex>
  );
}
