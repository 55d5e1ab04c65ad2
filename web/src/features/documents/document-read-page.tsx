import { FileTextOutlined, InboxOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Input, Progress, Segmented, Typography, Upload } from 'antd';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import type { TParseResult } from '../../../../contracts/document-parse.ts';
import type { TExtractedDocument } from '../../../../contracts/plan-extract.ts';
import { fetchParseJob, parseText, startParseFile } from '../../api/documents.api.ts';
import { useApiErrorText } from '../../components/api-error-text.ts';
import { PageHelp } from '../../components/page-help.tsx';
import { ReviewScreen } from './review/review-screen.tsx';

const ACCEPT = '.docx,.pdf,.txt,.md,.png,.jpg,.jpeg,.tif,.tiff,.webp,.bmp';
const STORAGE_KEY = 'tiendo.review';

interface ReviewState {
  result: TParseResult;
  sourceFileName: string;
  documents: TExtractedDocument[];
}

/** The review survives a visit to another page in the same tab. */
function readStored(): ReviewState | null {
  try {
    const value = JSON.parse(window.sessionStorage.getItem(STORAGE_KEY) ?? 'null') as ReviewState | null;
    return value && typeof value.sourceFileName === 'string' && Array.isArray(value.documents) ? value : null;
  } catch {
    return null;
  }
}

function store(state: ReviewState | null): void {
  try {
    if (state) window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(state));
    else window.sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Too big for sessionStorage: the review lasts as long as the page.
  }
}

function ParseJobProgress({
  jobId,
  onDone,
  onFailed,
}: {
  jobId: string;
  onDone: (result: TParseResult) => void;
  onFailed: (message: string) => void;
}) {
  const { t } = useTranslation();
  const describe = useApiErrorText();
  const job = useQuery({
    queryKey: ['documents', 'parse', jobId],
    queryFn: ({ signal }) => fetchParseJob(jobId, signal),
    refetchInterval: (query) => (query.state.data && query.state.data.status !== 'running' ? false : 700),
    gcTime: 0,
  });
  useEffect(() => {
    if (job.data?.status === 'done' && job.data.result) onDone(job.data.result);
    if (job.data?.status === 'failed') onFailed(job.data.error ?? t('read.failed'));
    if (job.isError) onFailed(describe(job.error));
  }, [job.data, job.isError, job.error, onDone, onFailed, t, describe]);
  const progress = job.data?.progress;
  const percent =
    progress && progress.total > 0 ? Math.round((100 * progress.done) / progress.total) : undefined;
  return (
    <div className="read-progress" role="status" aria-live="polite" data-testid="parse-progress">
      <Typography.Text>
        {job.data?.queuePosition
          ? t('read.queued', { position: job.data.queuePosition })
          : progress
            ? t('read.ocrProgress', { done: progress.done, total: progress.total })
            : t('read.reading')}
      </Typography.Text>
      <Progress
        percent={percent ?? 100}
        status="active"
        showInfo={percent !== undefined}
        aria-label={t('read.progressLabel')}
      />
    </div>
  );
}

/** "Đọc văn bản mới": upload a file or paste text, then review what was read. */
export default function DocumentReadPage() {
  const { t } = useTranslation();
  const describe = useApiErrorText();
  // "Đọc văn bản mới" asks for a new reading; any other way here resumes the one in progress
  const fresh = (useLocation().state as { fresh?: boolean } | null)?.fresh === true;
  const [review, setReviewState] = useState<ReviewState | null>(() => {
    if (fresh) store(null);
    return fresh ? null : readStored();
  });
  const [mode, setMode] = useState<'file' | 'paste'>('file');
  const [text, setText] = useState('');
  const [sourceName, setSourceName] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  const [pendingName, setPendingName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const textId = useId();
  const nameId = useId();

  useEffect(() => {
    document.title = `${t('read.pageTitle')} · ${t('app.name')}`;
  }, [t]);

  const setReview = (state: ReviewState | null) => {
    setReviewState(state);
    store(state);
  };
  const open = (result: TParseResult, name: string) => {
    setReview({ result, sourceFileName: name, documents: result.extract.documents });
    window.scrollTo({ top: 0 });
  };

  async function readPasted() {
    if (text.trim() === '') {
      setError(t('read.textRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    const name = sourceName.trim() || 'van-ban-dan.txt';
    try {
      open(await parseText(text, name), name);
    } catch (caught) {
      setError(describe(caught));
    } finally {
      setBusy(false);
    }
  }

  async function readFile(file: File) {
    setError(null);
    setBusy(true);
    try {
      const job = await startParseFile(file);
      setPendingName(file.name);
      if (job.status === 'done' && job.result) open(job.result, file.name);
      else if (job.status === 'failed') setError(job.error ?? t('read.failed'));
      else setJobId(job.id);
    } catch (caught) {
      setError(describe(caught));
    } finally {
      setBusy(false);
    }
  }

  if (review) {
    return (
      <div className="read-page">
        <div className="page-header">
          <div className="page-title">
            <Typography.Title level={1}>{t('review.pageTitle')}</Typography.Title>
            <PageHelp topic="review" />
          </div>
        </div>
        <ReviewScreen
          result={review.result}
          sourceFileName={review.sourceFileName}
          documents={review.documents}
          onDocumentsChange={(documents) => setReview({ ...review, documents })}
          onReset={() => {
            setReview(null);
            setJobId(null);
          }}
        />
      </div>
    );
  }

  return (
    <div className="read-page">
      <div className="page-header">
        <div className="page-title">
          <Typography.Title level={1}>{t('read.pageTitle')}</Typography.Title>
          <PageHelp topic="read" />
        </div>
      </div>
      <Card className="read-card">
        <Typography.Paragraph type="secondary">{t('read.intro')}</Typography.Paragraph>
        <Segmented
          value={mode}
          onChange={(value) => setMode(value as 'file' | 'paste')}
          options={[
            { value: 'file', label: t('read.modeFile') },
            { value: 'paste', label: t('read.modePaste') },
          ]}
          aria-label={t('read.mode')}
          className="read-mode"
        />
        {error && (
          <Alert
            type="error"
            showIcon
            title={error}
            role="alert"
            className="form-alert"
            data-testid="read-error"
          />
        )}
        {jobId ? (
          <ParseJobProgress
            jobId={jobId}
            onDone={(result) => {
              setJobId(null);
              open(result, pendingName);
            }}
            onFailed={(message) => {
              setJobId(null);
              setError(message);
            }}
          />
        ) : mode === 'file' ? (
          <Upload.Dragger
            accept={ACCEPT}
            multiple={false}
            showUploadList={false}
            disabled={busy}
            beforeUpload={(file) => {
              void readFile(file);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined aria-hidden />
            </p>
            <p className="ant-upload-text">{t('read.drop')}</p>
            <p className="ant-upload-hint">{t('read.dropHint')}</p>
          </Upload.Dragger>
        ) : (
          <div className="read-paste">
            <label htmlFor={textId} className="field-label">
              {t('read.text')}
            </label>
            <Input.TextArea
              id={textId}
              value={text}
              onChange={(event) => setText(event.target.value)}
              autoSize={{ minRows: 10, maxRows: 24 }}
              placeholder={t('read.textPlaceholder')}
              spellCheck={false}
            />
            <label htmlFor={nameId} className="field-label">
              {t('read.sourceName')}
            </label>
            <Input
              id={nameId}
              value={sourceName}
              onChange={(event) => setSourceName(event.target.value)}
              placeholder="van-ban-dan.txt"
            />
            <div>
              <Button
                type="primary"
                icon={<FileTextOutlined aria-hidden />}
                loading={busy}
                onClick={() => void readPasted()}
              >
                {t('read.submit')}
              </Button>
            </div>
          </div>
        )}
      </Card>
    </div>
  );
}
