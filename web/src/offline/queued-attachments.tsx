import { FileOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TAttachment } from '../../../contracts/reporting.ts';
import { type OutboxAttachment, removeOutbox } from './outbox.ts';
import { OutboxStateTag } from './outbox-state-tag.tsx';
import { useOutbox } from './use-outbox.ts';

/**
 * The photos and files of a report queued on this device, each with its state ("chờ gửi",
 * "đã gửi"); one the server now lists is shown there instead.
 */
export function QueuedAttachments({
  reportId,
  listed,
}: {
  reportId: number;
  listed: readonly TAttachment[];
}) {
  const { t } = useTranslation();
  const items = (useOutbox(reportId) ?? []).filter(
    (i): i is OutboxAttachment =>
      i.kind === 'attachment' && !(i.result && listed.some((a) => a.id === i.result?.id)),
  );
  if (items.length === 0) return null;
  return (
    <ul className="attachment-list attachment-list--queued" data-testid="queued-attachments">
      {items.map((item) => (
        <li key={item.id}>
          <FileOutlined aria-hidden /> {item.fileName} <OutboxStateTag state={item.state} />
          {item.state === 'failed' && (
            <>
              {' '}
              <span className="field-issue field-issue--error">{item.error}</span>{' '}
              <Button size="small" onClick={() => void removeOutbox(item.id)}>
                {t('offline.attachmentRemove')}
              </Button>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
