import type { TAttachment, TIssue, TReport } from '../../../contracts/reporting.ts';
import type { DraftState } from '../features/reports/report-draft.ts';

/**
 * What an officer did with no connection and the server has not confirmed yet, kept in IndexedDB
 * (photos are Blobs, too large for localStorage) until it is sent (`sync.ts`). Each item carries
 * the Idempotency-Key it is sent with, so sending it again after a lost answer changes nothing.
 */

export type OutboxState = 'pending' | 'sending' | 'sent' | 'conflict' | 'failed';

interface OutboxBase {
  id: string;
  /** Whose session queued it: only that user's session sends it. */
  userId: number;
  reportId: number;
  createdAt: string;
  state: OutboxState;
  /** Why it was not sent (a refusal's message), when `failed`. */
  error: string | null;
  sentAt: string | null;
}

export interface OutboxAttachment extends OutboxBase {
  kind: 'attachment';
  key: string;
  fileName: string;
  file: Blob;
  result: TAttachment | null;
}

export interface OutboxSubmit extends OutboxBase {
  kind: 'submit';
  /** Keys of the save of `draft` over `base` and of the submission after it. */
  saveKey: string;
  submitKey: string;
  /** The report as this device last had it from the server: what `draft` was typed over. */
  base: TReport;
  /** What the officer typed and sends. */
  draft: DraftState;
  /** The server's report when it no longer matched `base` (returned, changed, sent by someone else). */
  current: TReport | null;
  /** What the server found wrong when it was sent (a required part left empty). */
  issues: TIssue[];
  result: TReport | null;
}

export type OutboxItem = OutboxAttachment | OutboxSubmit;

const DB_NAME = 'tiendo-offline';
const STORE = 'outbox';

let opening: Promise<IDBDatabase> | null = null;

function openDb(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE, { keyPath: 'id' });
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another tab deleting the database (sign-out) closes this connection.
      db.onversionchange = () => {
        db.close();
        opening = null;
      };
      resolve(db);
    };
    request.onerror = () => {
      opening = null;
      reject(request.error);
    };
  });
  return opening;
}

function run<T>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return openDb().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const request = act(tx.objectStore(STORE));
        tx.oncomplete = () => resolve(request.result);
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      }),
  );
}

const listeners = new Set<() => void>();
let version = 0;

/** Tells the views (and other tabs) that the queue changed. */
function changed(): void {
  version += 1;
  for (const listener of listeners) listener();
  channel()?.postMessage('changed');
}

let broadcast: BroadcastChannel | null | undefined;
function channel(): BroadcastChannel | null {
  if (broadcast === undefined) {
    broadcast = typeof BroadcastChannel === 'function' ? new BroadcastChannel('tiendo-outbox') : null;
    if (broadcast)
      broadcast.onmessage = () => {
        version += 1;
        for (const listener of listeners) listener();
      };
  }
  return broadcast;
}

export function subscribeOutbox(listener: () => void): () => void {
  channel();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const outboxVersion = (): number => version;

const QUEUED_EVENT = 'tiendo-outbox-queued';

/** Something was queued or should be tried again now: `OfflineSync` sends it if it can. */
export function requestSync(): void {
  window.dispatchEvent(new Event(QUEUED_EVENT));
}

export function onSyncRequested(listener: () => void): () => void {
  window.addEventListener(QUEUED_EVENT, listener);
  return () => window.removeEventListener(QUEUED_EVENT, listener);
}

export async function listOutbox(): Promise<OutboxItem[]> {
  const items = await run<OutboxItem[]>('readonly', (store) => store.getAll() as IDBRequest<OutboxItem[]>);
  return items.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

export async function putOutbox(item: OutboxItem): Promise<void> {
  await run('readwrite', (store) => store.put(item));
  changed();
}

export async function removeOutbox(id: string): Promise<void> {
  await run('readwrite', (store) => store.delete(id));
  changed();
}

/** Everything queued on this device, gone (sign-out). */
export async function clearOutbox(): Promise<void> {
  await run('readwrite', (store) => store.clear());
  changed();
}

/** A random key (a UUID where the browser makes one). */
export function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function queueAttachment(userId: number, reportId: number, file: File): OutboxAttachment {
  return {
    id: newKey(),
    kind: 'attachment',
    userId,
    reportId,
    createdAt: new Date().toISOString(),
    state: 'pending',
    error: null,
    sentAt: null,
    key: newKey(),
    fileName: file.name,
    file,
    result: null,
  };
}

export function queueSubmit(userId: number, base: TReport, draft: DraftState): OutboxSubmit {
  return {
    id: newKey(),
    kind: 'submit',
    userId,
    reportId: base.id,
    createdAt: new Date().toISOString(),
    state: 'pending',
    error: null,
    sentAt: null,
    saveKey: newKey(),
    submitKey: newKey(),
    base,
    draft,
    current: null,
    issues: [],
    result: null,
  };
}
