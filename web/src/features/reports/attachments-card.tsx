import { FileOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Button } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { attachmentUrl, type TAttachment, uploadAttachment } from '../../api/reports.api.ts';
import { useApiErrorText } from '../../components/api-error-text.ts';
import { PlainCard } from '../../components/plain-card.tsx';
import { putOutbox, queueAttachment, requestSync } from '../../offline/outbox.ts';
import { QueuedAttachments } from '../../offline/queued-attachments.tsx';
import { useSession } from '../auth/session.ts';
import { formatValue } from './report-draft.ts';

/** Photos of the activity, a short video, documents. */
const ACCEPT = 'image/*,video/*,.pdf,.doc,.docx,.xls,.xlsx,.odt,.ods';

function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${formatValue(Math.round((bytes / 1024 / 1024) * 10) / 10)} MB`;
  return `${formatValue(Math.max(1, Math.round(bytes / 1024)))} KB`;
}

export function AttachmentsCard({
  reportId,
  attachments,
  readOnly,
}: {
  reportId: number;
  attachments: readonly TAttachment[];
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  const describe = useApiErrorText();
  const fileInput = useRef<HTMLInputElement>(null);
  const [added, setAdded] = useState<TAttachment[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const userId = useSession().data?.user.id;
  const upload = useMutation({
    mutationFn: async (files: File[]) => {
      for (const file of files) {
        // No connection: the file waits on this device ("chờ gửi") and is sent when it is back.
        const canQueue = userId !== undefined && typeof indexedDB !== 'undefined';
        if (canQueue && !navigator.onLine) {
          await putOutbox(queueAttachment(userId, reportId, file));
          continue;
        }
        try {
          const attachment = await uploadAttachment(reportId, file);
          setAdded((list) => [...list, attachment]);
        } catch (error) {
          if (!(canQueue && error instanceof ApiError && error.status === 0)) throw error;
          await putOutbox(queueAttachment(userId, reportId, file));
          requestSync();
        }
      }
    },
    onMutate: () => setProblem(null),
    onError: (error) => {
      if (error instanceof ApiError && error.status === 413) setProblem(t('reports.attachments.tooLarge'));
      else if (error instanceof ApiError && error.status === 415)
        setProblem(t('reports.attachments.wrongType'));
      else if (error instanceof ApiError && error.status === 404)
        setProblem(t('reports.attachments.unavailable'));
      else setProblem(describe(error));
    },
  });
  const all = [...attachments, ...added.filter((a) => !attachments.some((b) => b.id === a.id))];
  if (readOnly && all.length === 0) return null;
  return (
    <section className="report-block" aria-labelledby="report-attachments-title">
      <h2 className="report-block__title" id="report-attachments-title">
        {t('reports.attachments.title')}
      </h2>
      <PlainCard>
        {all.length === 0 ? (
          <p className="reports-muted attachment-none">{t('reports.attachments.none')}</p>
        ) : (
          <ul className="attachment-list">
            {all.map((a) => (
              <li key={a.id}>
                <FileOutlined aria-hidden />{' '}
                <a href={attachmentUrl(reportId, a.id)} target="_blank" rel="noopener">
                  {a.fileName}
                </a>{' '}
                <span className="reports-muted">({sizeText(a.size)})</span>
              </li>
            ))}
          </ul>
        )}
        {!readOnly && <QueuedAttachments reportId={reportId} listed={all} />}
        {!readOnly && (
          <>
            <input
              ref={fileInput}
              type="file"
              multiple
              accept={ACCEPT}
              className="visually-hidden"
              tabIndex={-1}
              aria-hidden
              onChange={(e) => {
                const files = [...(e.target.files ?? [])];
                e.target.value = '';
                if (files.length > 0) upload.mutate(files);
              }}
            />
            <Button
              size="large"
              icon={upload.isPending ? <UploadOutlined aria-hidden /> : <PaperClipOutlined aria-hidden />}
              loading={upload.isPending}
              onClick={() => fileInput.current?.click()}
            >
              {t('reports.attachments.add')}
            </Button>
            <p className="reports-muted attachment-hint">{t('reports.attachments.hint')}</p>
            {problem && (
              <p className="field-issue field-issue--error" role="alert">
                {problem}
              </p>
            )}
          </>
        )}
      </PlainCard>
    </section>
  );
}
