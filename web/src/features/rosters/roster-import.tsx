import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Flex, List } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TRosterImportResult } from '../../../../contracts/rosters.ts';
import { downloadRosterTemplate, importRoster } from '../../api/rosters.api.ts';
import { useApiErrorText } from '../../components/api-error-text.ts';
import { useFeedback } from '../../components/feedback.tsx';
import { saveBlob } from '../../lib/save-file.ts';

/** The Excel template and its upload: first every bad cell named, then all rows added or none. */
export function RosterImport({ unitId, onApplied }: { unitId: number; onApplied: () => void }) {
  const { t } = useTranslation();
  const errorText = useApiErrorText();
  const feedback = useFeedback();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<TRosterImportResult | null>(null);
  const check = useMutation({
    mutationFn: ({ chosen, commit }: { chosen: File; commit: boolean }) =>
      importRoster(unitId, chosen, commit),
    onSuccess: (answer, { commit }) => {
      setResult(answer);
      if (commit && answer.applied) {
        feedback.message.success(t('rosters.import.applied', { count: answer.people }));
        setFile(null);
        setResult(null);
        onApplied();
      }
    },
    onError: (e) => feedback.message.error(errorText(e)),
  });
  return (
    <Flex vertical gap={8}>
      <Flex wrap gap={8}>
        <Button
          icon={<DownloadOutlined aria-hidden />}
          onClick={() =>
            void downloadRosterTemplate().then(
              ({ blob, fileName }) => saveBlob(blob, fileName),
              (e) => feedback.message.error(errorText(e)),
            )
          }
        >
          {t('rosters.import.template')}
        </Button>
        <Button
          icon={<UploadOutlined aria-hidden />}
          onClick={() => input.current?.click()}
          loading={check.isPending}
        >
          {t('rosters.import.upload')}
        </Button>
        <input
          ref={input}
          type="file"
          hidden
          accept=".xlsx"
          aria-label={t('rosters.import.upload')}
          onChange={(event) => {
            const chosen = event.target.files?.[0];
            event.target.value = '';
            if (!chosen) return;
            setFile(chosen);
            check.mutate({ chosen, commit: false });
          }}
        />
      </Flex>
      {result && result.errors.length > 0 && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t('rosters.import.errors', { count: result.errors.length })}
          description={
            <List
              size="small"
              dataSource={result.errors.slice(0, 50)}
              renderItem={(e) => <List.Item>{e.message}</List.Item>}
            />
          }
        />
      )}
      {result && result.errors.length === 0 && file && (
        <Alert
          type="info"
          showIcon
          title={t('rosters.import.ready', { count: result.people })}
          action={
            <Button
              type="primary"
              loading={check.isPending}
              onClick={() => check.mutate({ chosen: file, commit: true })}
            >
              {t('rosters.import.commit')}
            </Button>
          }
        />
      )}
    </Flex>
  );
}
