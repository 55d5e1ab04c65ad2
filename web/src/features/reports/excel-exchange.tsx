import { CheckOutlined, DownloadOutlined, FileExcelOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Table, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TExcelImportResult } from '../../../../contracts/reporting.ts';
import { ApiError } from '../../api/client.ts';
import { downloadPeriodTemplate, importPeriodWorkbook } from '../../api/reports.api.ts';
import { useApiErrorText } from '../../components/api-error-text.ts';
import { useFeedback } from '../../components/feedback.tsx';
import { saveBlob } from '../../lib/save-file.ts';

type Scope = { unitId: number } | { parentId: number };

/** Download the period's template for one unit; any 404 means the server does not make it yet. */
export function useTemplateDownload(periodId: number) {
  const { t } = useTranslation();
  const { message } = useFeedback();
  const describe = useApiErrorText();
  return useMutation({
    mutationFn: (scope: Scope) => downloadPeriodTemplate(periodId, scope),
    onSuccess: ({ blob, fileName }) => saveBlob(blob, fileName),
    onError: (error) =>
      message.error(
        error instanceof ApiError && error.status === 404 && error.code === 'route_not_found'
          ? t('reports.excel.unavailable')
          : describe(error),
      ),
  });
}

/**
 * Excel both ways for one period: the template for all the units below (one row each), and a
 * filled workbook back — previewed first (every bad cell named), saved all or nothing.
 */
export function ExcelExchange({
  periodId,
  parentId,
  parentName,
}: {
  periodId: number;
  parentId: number;
  parentName: string;
}) {
  const { t } = useTranslation();
  const { message } = useFeedback();
  const describe = useApiErrorText();
  const queryClient = useQueryClient();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<TExcelImportResult | null>(null);
  const template = useTemplateDownload(periodId);
  const check = useMutation({
    mutationFn: (chosen: File) => importPeriodWorkbook(periodId, chosen, false),
    onMutate: () => setPreview(null),
    onSuccess: setPreview,
  });
  const commit = useMutation({
    mutationFn: (chosen: File) => importPeriodWorkbook(periodId, chosen, true),
    onSuccess: (result) => {
      setPreview(result);
      if (result.applied) {
        message.success(t('reports.excel.saved', { count: result.reports }));
        setFile(null);
        void queryClient.invalidateQueries({ queryKey: ['reports'] });
      }
    },
  });
  const failure = check.error ?? commit.error;
  const failureText =
    failure instanceof ApiError && failure.status === 404 && failure.code === 'route_not_found'
      ? t('reports.excel.unavailable')
      : failure
        ? describe(failure)
        : null;

  return (
    <Card
      size="small"
      className="excel-exchange"
      title={
        <span>
          <FileExcelOutlined aria-hidden /> {t('reports.excel.title')}
        </span>
      }
    >
      <Typography.Paragraph type="secondary">
        {t('reports.excel.intro', { unit: parentName })}
      </Typography.Paragraph>
      <div className="excel-exchange__buttons">
        <Button
          icon={<DownloadOutlined aria-hidden />}
          loading={template.isPending}
          onClick={() => template.mutate({ parentId })}
        >
          {t('reports.excel.downloadAll')}
        </Button>
        <input
          ref={fileInput}
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          className="visually-hidden"
          tabIndex={-1}
          aria-hidden
          onChange={(e) => {
            const chosen = e.target.files?.[0] ?? null;
            e.target.value = '';
            if (!chosen) return;
            setFile(chosen);
            check.mutate(chosen);
          }}
        />
        <Button
          icon={<UploadOutlined aria-hidden />}
          loading={check.isPending}
          onClick={() => fileInput.current?.click()}
        >
          {t('reports.excel.upload')}
        </Button>
      </div>
      {failureText && (
        <Alert type="error" showIcon role="alert" className="report-alert" title={failureText} />
      )}
      {preview && file && (
        <div className="excel-preview" data-testid="excel-preview">
          {preview.errors.length > 0 ? (
            <>
              <Alert
                type="error"
                showIcon
                className="report-alert"
                title={t('reports.excel.hasErrors', { count: preview.errors.length, file: file.name })}
                description={t('reports.excel.fixAndRetry')}
              />
              <Table
                size="small"
                rowKey={(e) => `${e.sheet}!${e.cell}:${e.message}`}
                dataSource={preview.errors}
                pagination={preview.errors.length > 20 ? { pageSize: 20 } : false}
                scroll={{ x: 520 }}
                columns={[
                  { title: t('reports.excel.sheet'), dataIndex: 'sheet', width: 140 },
                  { title: t('reports.excel.cell'), dataIndex: 'cell', width: 70 },
                  { title: t('reports.excel.reason'), dataIndex: 'message' },
                ]}
              />
            </>
          ) : preview.reports === 0 ? (
            <Alert
              type="info"
              showIcon
              className="report-alert"
              title={t('reports.excel.nothingChanged', { file: file.name })}
              description={t('reports.excel.untouched', preview)}
            />
          ) : preview.applied ? (
            <Alert
              type="success"
              showIcon
              className="report-alert"
              title={t('reports.excel.saved', { count: preview.reports })}
              description={t('reports.excel.untouched', preview)}
            />
          ) : (
            <Alert
              type="success"
              showIcon
              className="report-alert"
              title={t('reports.excel.ready', { count: preview.reports, file: file.name })}
              description={t('reports.excel.untouched', preview)}
              action={
                <Button
                  type="primary"
                  icon={<CheckOutlined aria-hidden />}
                  loading={commit.isPending}
                  onClick={() => commit.mutate(file)}
                >
                  {t('reports.excel.commit')}
                </Button>
              }
            />
          )}
        </div>
      )}
    </Card>
  );
}
