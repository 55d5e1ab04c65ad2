import {
  CheckOutlined,
  DownloadOutlined,
  FileExcelOutlined,
  SendOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import { lazy, Suspense, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TExcelImportResult } from '../../../../contracts/reporting.ts';
import { ApiError } from '../../api/client.ts';
import { downloadPeriodTemplate, importPeriodWorkbook } from '../../api/reports.api.ts';
import { useApiErrorText } from '../../components/api-error-text.ts';
import { useFeedback } from '../../components/feedback.tsx';
import { PlainCard } from '../../components/plain-card.tsx';
import { TextSkeleton } from '../../components/text-skeleton.tsx';
import { saveBlob } from '../../lib/save-file.ts';

type Scope = { unitId: number } | { parentId: number };

// antd's Table, only when a workbook came back with errors (the report form stays small)
const ExcelErrorTable = lazy(() => import('./excel-error-table.tsx'));

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
 * Excel both ways for one period: the template — for all the units below `parentId` (one row
 * each), or for one unit's own report (`unitId`, a grassroots officer's) — and a filled workbook
 * back: previewed first (every bad cell named), then saved as drafts or saved and sent upward in
 * the same step, all or nothing.
 */
export function ExcelExchange({
  periodId,
  scope,
  unitName,
  onApplied,
}: {
  periodId: number;
  scope: Scope;
  unitName: string;
  /** told after a file was saved (the page showing the report reloads it) */
  onApplied?: () => void;
}) {
  const own = 'unitId' in scope;
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
    mutationFn: ({ chosen, submit }: { chosen: File; submit: boolean }) =>
      importPeriodWorkbook(periodId, chosen, true, submit),
    onSuccess: (result) => {
      setPreview(result);
      if (result.applied) {
        message.success(
          result.submitted > 0
            ? t('reports.excel.submitted', { count: result.reports, submitted: result.submitted })
            : t('reports.excel.saved', { count: result.reports }),
        );
        setFile(null);
        void queryClient.invalidateQueries({ queryKey: ['reports'] });
        onApplied?.();
      }
    },
  });
  const sendButton = (chosen: File) => (
    <Button
      type={own ? 'primary' : 'default'}
      icon={<SendOutlined aria-hidden />}
      loading={commit.isPending && commit.variables?.submit === true}
      disabled={commit.isPending}
      onClick={() => commit.mutate({ chosen, submit: true })}
    >
      {t('reports.excel.commitAndSubmit')}
    </Button>
  );
  const failure = check.error ?? commit.error;
  const failureText =
    failure instanceof ApiError && failure.status === 404 && failure.code === 'route_not_found'
      ? t('reports.excel.unavailable')
      : failure
        ? describe(failure)
        : null;

  return (
    <PlainCard className="excel-exchange">
      <h2 className="excel-exchange__title">
        <FileExcelOutlined aria-hidden /> {t('reports.excel.title')}
      </h2>
      <p className="excel-exchange__intro">
        {t(own ? 'reports.excel.introOwn' : 'reports.excel.intro', { unit: unitName })}
      </p>
      <div className="excel-exchange__buttons">
        <Button
          icon={<DownloadOutlined aria-hidden />}
          loading={template.isPending}
          onClick={() => template.mutate(scope)}
        >
          {t(own ? 'reports.excel.downloadOwn' : 'reports.excel.downloadAll')}
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
              <Suspense fallback={<TextSkeleton />}>
                <ExcelErrorTable errors={preview.errors} />
              </Suspense>
            </>
          ) : preview.reports === 0 ? (
            <Alert
              type="info"
              showIcon
              className="report-alert"
              title={t('reports.excel.nothingChanged', { file: file.name })}
              description={t('reports.excel.untouched', preview)}
              action={preview.applied || preview.unchanged === 0 ? undefined : sendButton(file)}
            />
          ) : preview.applied ? (
            <Alert
              type="success"
              showIcon
              className="report-alert"
              title={
                preview.submitted > 0
                  ? t('reports.excel.submitted', { count: preview.reports, submitted: preview.submitted })
                  : t('reports.excel.saved', { count: preview.reports })
              }
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
                <div className="excel-exchange__buttons">
                  <Button
                    type={own ? 'default' : 'primary'}
                    icon={<CheckOutlined aria-hidden />}
                    loading={commit.isPending && commit.variables?.submit === false}
                    disabled={commit.isPending}
                    onClick={() => commit.mutate({ chosen: file, submit: false })}
                  >
                    {t('reports.excel.commit')}
                  </Button>
                  {sendButton(file)}
                </div>
              }
            />
          )}
        </div>
      )}
    </PlainCard>
  );
}
