import type { TAttachment, TIssue, TReport } from '../../../contracts/reporting.ts';
import { ApiError, apiRequest } from '../api/client.ts';
import { fetchReport } from '../api/reports.api.ts';
import {
  clearStoredDraft,
  draftFromReport,
  draftSignature,
  narrativeToSave,
  valuesToSave,
} from '../features/reports/report-draft.ts';
import { listOutbox, type OutboxAttachment, type OutboxSubmit, putOutbox, removeOutbox } from './outbox.ts';

/**
 * Sends what the outbox holds, oldest first, report by report: its photos, then its submission
 * (the typed draft saved over the version it was typed on, then submitted). Each request carries
 * its item's Idempotency-Key, so an answer lost on the way is harmless: the item is sent again and
 * the server answers as the first time. A report that changed on the server meanwhile is never
 * overwritten: the item stops as a conflict, both versions kept, until the officer chooses.
 */

type Outcome = 'done' | 'offline' | 'stopped';

/** Sent items are shown ("đã gửi") for a week, then forgotten. */
const KEEP_SENT_MS = 7 * 24 * 3600_000;

const isOffline = (error: unknown): boolean => error instanceof ApiError && error.status === 0;
/**
 * Worth trying again later: no connection, the server busy or away, or the session ended (the
 * officer signs in again and the queue goes then — it is theirs, and sign-in is still required).
 */
const isTransient = (error: unknown): boolean =>
  !(error instanceof ApiError) ||
  error.status === 0 ||
  error.status === 401 ||
  error.status === 429 ||
  error.status >= 500;
const messageOf = (error: unknown): string =>
  error instanceof Error && error.message ? error.message : String(error);

async function sendAttachment(item: OutboxAttachment): Promise<Outcome> {
  await putOutbox({ ...item, state: 'sending' });
  const form = new FormData();
  form.append('file', item.file, item.fileName);
  try {
    const result = await apiRequest<TAttachment>(`/api/reports/${item.reportId}/attachments`, {
      method: 'POST',
      form,
      headers: { 'Idempotency-Key': item.key },
    });
    await putOutbox({ ...item, state: 'sent', result, sentAt: new Date().toISOString(), error: null });
    return 'done';
  } catch (error) {
    if (isTransient(error)) {
      await putOutbox({ ...item, state: 'pending' });
      return isOffline(error) ? 'offline' : 'stopped';
    }
    await putOutbox({ ...item, state: 'failed', error: messageOf(error) });
    return 'done';
  }
}

/** The server's report now, for a conflict (null when it cannot be read: then try later). */
async function serverCopy(reportId: number): Promise<TReport | null> {
  try {
    return await fetchReport(reportId);
  } catch {
    return null;
  }
}

async function conflict(item: OutboxSubmit, current: TReport | null): Promise<Outcome> {
  const found = current ?? (await serverCopy(item.reportId));
  if (!found) {
    await putOutbox({ ...item, state: 'pending' });
    return 'stopped';
  }
  await putOutbox({ ...item, state: 'conflict', current: found, error: null });
  return 'done';
}

async function sendSubmit(item: OutboxSubmit): Promise<Outcome> {
  await putOutbox({ ...item, state: 'sending' });
  const sectionKeys = item.base.form.sections.map((s) => s.key);
  let version = item.base.version;
  try {
    if (draftSignature(item.draft, sectionKeys) !== draftSignature(draftFromReport(item.base), sectionKeys)) {
      const saved = await apiRequest<TReport>(`/api/reports/${item.reportId}`, {
        method: 'PUT',
        json: {
          values: valuesToSave(item.draft),
          narrative: narrativeToSave(item.draft, sectionKeys),
          version: item.base.version,
        },
        headers: { 'Idempotency-Key': item.saveKey },
      });
      version = saved.version;
    }
  } catch (error) {
    if (error instanceof ApiError && error.status === 409) {
      const current = (error.details as { current?: TReport } | undefined)?.current ?? null;
      return conflict(item, current);
    }
    if (isTransient(error)) {
      await putOutbox({ ...item, state: 'pending' });
      return isOffline(error) ? 'offline' : 'stopped';
    }
    await putOutbox({ ...item, state: 'failed', error: messageOf(error) });
    return 'done';
  }
  try {
    const result = await apiRequest<TReport>(`/api/reports/${item.reportId}/submit`, {
      method: 'POST',
      json: { version },
      headers: { 'Idempotency-Key': item.submitKey },
    });
    clearStoredDraft(item.reportId);
    await putOutbox({ ...item, state: 'sent', result, sentAt: new Date().toISOString(), error: null });
    return 'done';
  } catch (error) {
    if (error instanceof ApiError && error.status === 409) return conflict(item, null);
    if (isTransient(error)) {
      // The draft is saved: send the submission alone next time.
      const base = version === item.base.version ? item.base : { ...item.base, version };
      await putOutbox({ ...item, base, state: 'pending' });
      return isOffline(error) ? 'offline' : 'stopped';
    }
    const issues =
      error instanceof ApiError ? (error.details as { issues?: TIssue[] } | undefined)?.issues : [];
    await putOutbox({ ...item, state: 'failed', error: messageOf(error), issues: issues ?? [] });
    return 'done';
  }
}

async function syncOnce(userId: number): Promise<Outcome> {
  const all = await listOutbox();
  const now = Date.now();
  for (const item of all) {
    if (item.state === 'sent' && item.sentAt && now - Date.parse(item.sentAt) > KEEP_SENT_MS)
      await removeOutbox(item.id);
  }
  const waiting = all.filter((i) => i.userId === userId && (i.state === 'pending' || i.state === 'sending'));
  const reports = [...new Set(waiting.map((i) => i.reportId))];
  for (const reportId of reports) {
    const items = waiting.filter((i) => i.reportId === reportId);
    for (const item of items) {
      if (item.kind !== 'attachment') continue;
      const outcome = await sendAttachment(item);
      if (outcome !== 'done') return outcome;
    }
    for (const item of items) {
      if (item.kind !== 'submit') continue;
      const outcome = await sendSubmit(item);
      if (outcome !== 'done') return outcome;
    }
  }
  return 'done';
}

let running: Promise<Outcome> | null = null;

/**
 * Sends the signed-in user's queue now (one run at a time in this tab; across tabs one holds the
 * lock and the keys make a double send harmless). 'offline' or 'stopped' when something waits.
 */
export function syncOutbox(userId: number): Promise<Outcome> {
  if (running) return running;
  const work = () => syncOnce(userId);
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  const run = locks
    ? new Promise<Outcome>((resolve, reject) => {
        // the lock is held until the run settles
        void locks.request('tiendo-outbox', () => work().then(resolve, reject));
      })
    : work();
  running = run.finally(() => {
    running = null;
  });
  return running;
}
