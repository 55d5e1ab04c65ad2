import type { TDueList } from '../../../contracts/reporting.ts';
import { isEditable } from '../../../domain/reporting/report-states.ts';
import { apiGet } from '../api/client.ts';
import { clearOutbox, listOutbox } from './outbox.ts';

/** The service worker's cache of API answers (`service-worker.ts`). */
const API_CACHE = 'tiendo-api';
const DRAFT_PREFIX = 'tiendo.reportDraft.';

/** How many things this device still has to send. */
export async function unsentCount(): Promise<number> {
  try {
    return (await listOutbox()).filter((i) => i.state !== 'sent').length;
  } catch {
    return 0;
  }
}

/**
 * Sign-out: the kept API answers, the outbox and the typed drafts leave this device, so the next
 * person to use it sees none of them.
 */
export async function clearOfflineData(): Promise<void> {
  const steps: Promise<unknown>[] = [];
  if (typeof caches !== 'undefined') steps.push(caches.delete(API_CACHE));
  if (typeof indexedDB !== 'undefined') steps.push(clearOutbox());
  await Promise.allSettled(steps);
  try {
    const keys: string[] = [];
    for (let i = 0; i < window.localStorage.length; i++) {
      const key = window.localStorage.key(i);
      if (key?.startsWith(DRAFT_PREFIX)) keys.push(key);
    }
    for (const key of keys) window.localStorage.removeItem(key);
  } catch {
    // No storage to clear.
  }
}

/**
 * With a connection and a service worker: read the reports due and each one already opened that
 * still takes input, so the worker keeps them and their forms open offline. A report never opened
 * is not opened here (that would start a draft nobody asked for); the list shows it, and it is
 * opened the first time with a connection.
 */
export async function warmOfflineCache(): Promise<number> {
  if (!navigator.serviceWorker?.controller || !navigator.onLine) return 0;
  const due = await apiGet<TDueList>('/api/my-reports');
  const open = due.items.filter((i) => i.reportId !== null && isEditable(i.status));
  await Promise.allSettled(open.map((i) => apiGet(`/api/reports/${i.reportId}`)));
  return open.length;
}
