import type { TDueList, TReport } from '../../../contracts/reporting.ts';
import { isEditable } from '../../../domain/reporting/report-states.ts';
import { apiGet, apiPost } from '../api/client.ts';
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

/** The shell's API answers the worker keeps (`OFFLINE_API` of `service-worker.ts`). */
const SHELL_API = ['/api/auth/me', '/api/meta', '/api/notifications'];

/**
 * With a connection and a service worker: read the shell's answers, the reports due and each one
 * that still takes input, so the worker keeps them and their forms open offline. For the people who
 * write their unit's reports (`opensDue`: an officer), a report due and not yet started is opened first — its
 * draft created (audited `report.open`), as the first tap on "Bắt đầu làm" would — so that a form
 * never opened online still opens, fills and sends offline. The level above then sees it as "Đang
 * soạn". The list is read again afterwards, so the kept copy names the opened reports.
 */
export async function warmOfflineCache(opensDue: boolean): Promise<{ kept: number; opened: number }> {
  if (!navigator.serviceWorker?.controller || !navigator.onLine) return { kept: 0, opened: 0 };
  // What the shell asks first (who is signed in, the server's date, the bell): on the first visit
  // the page read them before the worker took it over, so the worker has not kept them yet.
  await Promise.allSettled(SHELL_API.map((path) => apiGet(path)));
  let due = await apiGet<TDueList>('/api/my-reports');
  const toOpen = opensDue ? due.items.filter((i) => i.reportId === null && i.status === 'not_started') : [];
  const opened = await Promise.allSettled(
    toOpen.map((i) => apiPost<TReport>('/api/reports', { periodId: i.periodId, unitId: i.unitId })),
  );
  const openedCount = opened.filter((r) => r.status === 'fulfilled').length;
  if (openedCount > 0) due = await apiGet<TDueList>('/api/my-reports');
  const open = due.items.filter((i) => i.reportId !== null && isEditable(i.status));
  await Promise.allSettled(open.map((i) => apiGet(`/api/reports/${i.reportId}`)));
  return { kept: open.length, opened: openedCount };
}
