import { CloudUploadOutlined, CopyOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Radio } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TReport } from '../../../contracts/reporting.ts';
import { isEditable } from '../../../domain/reporting/report-states.ts';
import { useFeedback } from '../components/feedback.tsx';
import { useSession } from '../features/auth/session.ts';
import {
  clearStoredDraft,
  type DraftCell,
  type DraftState,
  draftFromReport,
  writeStoredDraft,
} from '../features/reports/report-draft.ts';
import { formatTimestamp } from '../lib/format.ts';
import { type ConflictPart, conflictParts, resolveConflict, type Side } from './conflict.ts';
import { newKey, type OutboxSubmit, putOutbox, removeOutbox, requestSync } from './outbox.ts';
import { OutboxStateTag } from './outbox-state-tag.tsx';
import './offline.css';

const reportKey = (id: number) => ['reports', 'one', id] as const;

function cellText(cell: DraftCell, empty: string, note: string): string {
  const figures = [cell.numerator, cell.denominator].filter((v) => v.trim() !== '').join(' / ');
  const text = [figures, cell.comment.trim() ? `${note}: ${cell.comment.trim()}` : '']
    .filter(Boolean)
    .join(' — ');
  return text || empty;
}

/** Both versions of every part that differs, side by side, each with "keep this". */
function ConflictTable({
  report,
  parts,
  choices,
  onChoose,
  choosable,
}: {
  report: TReport;
  parts: readonly ConflictPart[];
  choices: Record<string, Side>;
  onChoose: (key: string, side: Side) => void;
  choosable: boolean;
}) {
  const { t } = useTranslation();
  const empty = t('offline.empty');
  const label = (part: ConflictPart): string => {
    if (part.kind === 'section')
      return report.form.sections.find((s) => s.key === part.sectionKey)?.title ?? part.sectionKey;
    const name =
      report.form.indicators.find((i) => i.id === part.indicatorId)?.name ?? String(part.indicatorId);
    return part.category === 'total' ? name : `${name} (${t(`reports.category.${part.category}`)})`;
  };
  const text = (part: ConflictPart, side: Side): string => {
    const value = part[side];
    return typeof value === 'string' ? value.trim() || empty : cellText(value, empty, t('offline.comment'));
  };
  return (
    <div className="offline-conflict__scroll">
      <table className="offline-conflict__table" data-testid="conflict-table">
        <thead>
          <tr>
            <th scope="col">{t('offline.part')}</th>
            <th scope="col">{t('offline.mine')}</th>
            <th scope="col">{t('offline.theirs')}</th>
          </tr>
        </thead>
        <tbody>
          {parts.map((part) => {
            const chosen = choices[part.key] ?? part.proposed;
            return (
              <tr key={part.key} data-part={part.key}>
                <th scope="row">{label(part)}</th>
                {(['mine', 'theirs'] as const).map((side) => (
                  <td
                    key={side}
                    data-side={side}
                    className={chosen === side ? 'offline-conflict__cell--chosen' : undefined}
                  >
                    <div className="offline-conflict__text">{text(part, side)}</div>
                    {choosable && (
                      <Radio
                        checked={chosen === side}
                        onChange={() => onChoose(part.key, side)}
                        aria-label={`${t('offline.keepThis')}: ${label(part)} — ${t(`offline.${side}`)}`}
                      >
                        {t('offline.keepThis')}
                      </Radio>
                    )}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function ConflictView({ item }: { item: OutboxSubmit & { current: TReport } }) {
  const { t } = useTranslation();
  const { message, modal } = useFeedback();
  const queryClient = useQueryClient();
  const current = item.current;
  const editable = isEditable(current.status);
  const parts = useMemo(
    () => conflictParts(current.form, draftFromReport(item.base), item.draft, draftFromReport(current)),
    [current, item.base, item.draft],
  );
  const [choices, setChoices] = useState<Record<string, Side>>({});
  const open = parts.filter((p) => (choices[p.key] ?? p.proposed) === null).length;
  const merged = (): DraftState => resolveConflict(item.draft, draftFromReport(current), parts, choices);

  const sendChosen = async () => {
    await putOutbox({
      ...item,
      base: current,
      draft: merged(),
      current: null,
      state: 'pending',
      error: null,
      saveKey: newKey(),
      submitKey: newKey(),
    });
    requestSync();
  };
  const openChosen = async () => {
    writeStoredDraft(current.id, {
      baseVersion: current.version,
      draft: merged(),
      changedAt: new Date().toISOString(),
    });
    queryClient.setQueryData(reportKey(current.id), current);
    await removeOutbox(item.id);
  };
  const copyMine = async () => {
    const lines = parts.map((p) => {
      const v = p.mine;
      return typeof v === 'string' ? `${p.key}: ${v}` : `${p.key}: ${cellText(v, '', t('offline.comment'))}`;
    });
    await navigator.clipboard?.writeText(lines.join('\n'));
    message.success(t('offline.copied'));
  };
  const dropMine = () =>
    modal.confirm({
      title: t('offline.dropMine'),
      content: t('offline.dropMineConfirm'),
      okText: t('offline.dropMine'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        clearStoredDraft(current.id);
        queryClient.setQueryData(reportKey(current.id), current);
        await removeOutbox(item.id);
      },
    });

  return (
    <section
      className="offline-conflict"
      data-testid="offline-conflict"
      aria-labelledby="offline-conflict-title"
    >
      <Alert
        type="warning"
        showIcon
        className="report-alert"
        title={<span id="offline-conflict-title">{t('offline.conflictTitle')}</span>}
        description={
          <>
            <p>{editable ? t('offline.conflictText') : t('offline.conflictLocked')}</p>
            {current.status === 'returned' && current.returnReason && (
              <p data-testid="conflict-return-reason">
                {t('offline.conflictReturned', { reason: current.returnReason })}
              </p>
            )}
          </>
        }
      />
      <ConflictTable
        report={current}
        parts={parts}
        choices={choices}
        onChoose={(key, side) => setChoices((c) => ({ ...c, [key]: side }))}
        choosable={editable}
      />
      <div className="report-alert__actions">
        {editable ? (
          <>
            {open > 0 && <p className="reports-muted">{t('offline.chooseAll', { count: open })}</p>}
            <Button type="primary" disabled={open > 0} onClick={() => void sendChosen()}>
              {t('offline.sendChosen')}
            </Button>
            <Button disabled={open > 0} onClick={() => void openChosen()}>
              {t('offline.openChosen')}
            </Button>
          </>
        ) : (
          <>
            <Button icon={<CopyOutlined aria-hidden />} onClick={() => void copyMine()}>
              {t('offline.copyMine')}
            </Button>
            <Button danger onClick={dropMine}>
              {t('offline.dropMine')}
            </Button>
          </>
        )}
      </div>
    </section>
  );
}

/**
 * In place of the entry form while a report sent offline waits: its state ("chờ gửi"), a way back
 * to editing, what the server refused, or — when the report changed meanwhile — both versions.
 */
export function OfflineSubmitPanel({ item }: { item: OutboxSubmit }) {
  const { t } = useTranslation();
  const session = useSession();
  const queryClient = useQueryClient();
  if (item.state === 'conflict' && item.current)
    return <ConflictView item={{ ...item, current: item.current }} />;

  const editAgain = async () => {
    writeStoredDraft(item.reportId, {
      baseVersion: item.base.version,
      draft: item.draft,
      changedAt: new Date().toISOString(),
    });
    queryClient.setQueryData<TReport>(reportKey(item.reportId), (old) =>
      old && old.version >= item.base.version ? old : item.base,
    );
    await removeOutbox(item.id);
  };
  const failed = item.state === 'failed';
  return (
    <section className="offline-submit" data-testid="offline-submit" aria-live="polite">
      <Alert
        type={failed ? 'error' : 'info'}
        showIcon
        icon={failed ? undefined : <CloudUploadOutlined aria-hidden />}
        className="report-alert"
        title={
          <span className="offline-submit__title">
            {failed ? t('offline.failedTitle') : t('offline.pendingTitle')}{' '}
            <OutboxStateTag state={item.state} />
          </span>
        }
        description={
          <>
            <p>{failed ? t('offline.failedText', { reason: item.error ?? '' }) : t('offline.pendingText')}</p>
            {item.issues.length > 0 && (
              <ul className="issue-list">
                {item.issues.map((issue) => (
                  <li key={`${issue.field}|${issue.message}`}>{issue.message}</li>
                ))}
              </ul>
            )}
            <p className="reports-muted">
              {t('offline.queuedAt', { time: formatTimestamp(item.createdAt) })}
            </p>
            <div className="report-alert__actions">
              {!failed && session.data && (
                <Button type="primary" onClick={requestSync}>
                  {t('offline.sendNow')}
                </Button>
              )}
              <Button onClick={() => void editAgain()}>{t('offline.editAgain')}</Button>
            </div>
          </>
        }
      />
    </section>
  );
}

/** Above a report sent from the queue: when it went. */
export function OfflineSentNote({ item }: { item: OutboxSubmit }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="success"
      showIcon
      className="report-alert"
      data-testid="offline-sent"
      title={
        <span className="offline-submit__title">
          {t('offline.sentTitle', { time: formatTimestamp(item.sentAt ?? item.createdAt) })}{' '}
          <OutboxStateTag state="sent" />
        </span>
      }
      description={t('offline.sentText')}
    />
  );
}
