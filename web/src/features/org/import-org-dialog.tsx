import { InboxOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Modal, Statistic, Table, Typography, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TOrgImportResult } from '../../../../contracts/org.ts';
import { importOrgFile } from '../../api/org.api.ts';
import { useApiErrorText } from '../../components/api-error-text.ts';
import { formatNumber } from '../../lib/format.ts';

type ImportError = TOrgImportResult['errors'][number];

function ImportResultView({ result }: { result: TOrgImportResult }) {
  const { t } = useTranslation();
  return (
    <div className="import-result" data-testid="import-result">
      <div className="import-result__stats">
        <Statistic title={t('org.import.created')} value={formatNumber(result.created)} />
        <Statistic title={t('org.import.updated')} value={formatNumber(result.updated)} />
        <Statistic title={t('org.import.unchanged')} value={formatNumber(result.unchanged)} />
        <Statistic title={t('org.import.errors')} value={formatNumber(result.errors.length)} />
      </div>
      {result.errors.length === 0 ? (
        <Typography.Text type="success">{t('org.import.noErrors')}</Typography.Text>
      ) : (
        <Table<ImportError>
          size="small"
          rowKey={(row) => `${row.row}-${row.field}-${row.message}`}
          dataSource={result.errors}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { key: 'row', title: t('org.import.row'), dataIndex: 'row', width: 70 },
            { key: 'field', title: t('org.import.field'), dataIndex: 'field', width: 120 },
            { key: 'message', title: t('org.import.message'), dataIndex: 'message' },
          ]}
        />
      )}
    </div>
  );
}

/** Upload a CSV/XLSX of units; shows what was created, updated, and every rejected row. */
export function ImportOrgDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const describe = useApiErrorText();
  const queryClient = useQueryClient();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [missingFile, setMissingFile] = useState(false);
  const upload = useMutation({
    mutationFn: importOrgFile,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['org'] }),
  });

  function submit(): void {
    const file = files[0]?.originFileObj;
    if (!file) {
      setMissingFile(true);
      return;
    }
    upload.mutate(file);
  }

  return (
    <Modal
      open
      title={t('org.import.title')}
      okText={t('org.import.submit')}
      cancelText={t('common.close')}
      onOk={submit}
      okButtonProps={{ loading: upload.isPending }}
      onCancel={onClose}
      width={720}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('org.import.help')}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item
          label={t('org.import.file')}
          required
          validateStatus={missingFile ? 'error' : undefined}
          help={missingFile ? t('org.import.fileRequired') : undefined}
        >
          <Upload.Dragger
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            maxCount={1}
            fileList={files}
            beforeUpload={() => false}
            onChange={({ fileList }) => {
              setFiles(fileList.slice(-1));
              setMissingFile(false);
              upload.reset();
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined aria-hidden />
            </p>
            <p className="ant-upload-text">{t('org.import.drop')}</p>
          </Upload.Dragger>
        </Form.Item>
      </Form>
      {upload.isError && <Alert type="error" showIcon title={describe(upload.error)} role="alert" />}
      {upload.data && <ImportResultView result={upload.data} />}
    </Modal>
  );
}
