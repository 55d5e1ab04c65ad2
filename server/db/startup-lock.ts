import type { Database } from './client.ts';

/** Any constant no other advisory lock uses (migrations 7_254_131, the tree 7_254_132). */
const STARTUP_LOCK_KEY = 7_254_199;

/**
 * Runs what an instance does to the database before it serves (migrations, then the demo when
 * asked) while holding a PostgreSQL advisory lock, so instances started together on one empty
 * database take turns: the first migrates and seeds, the others wait, then find the work done (the
 * demo loads only into an empty workspace, and once) and go on to listen.
 *
 * The lock is held by a transaction of its own on one pooled connection that does nothing else;
 * `fn` runs beside it on the other connections exactly as it would without the lock (its own
 * transactions, and the work they set off, see each other's commits). The lock ends with that
 * transaction, however `fn` ends, and with the connection if the process dies, so a failed or
 * killed first instance never leaves the others waiting. Needs a pool of two connections or more
 * (`DATABASE_POOL_SIZE` ≥ 2). The embedded database has one process by construction.
 */
export async function underStartupLock<T>(database: Database, fn: () => Promise<T>): Promise<T> {
  if (database.engine !== 'postgres') return fn();
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let held!: () => void;
  const acquired = new Promise<void>((resolve) => {
    held = resolve;
  });
  const holder = database.separateTransaction(async () => {
    // Waiting for another instance's migrations and demo may take longer than a request may.
    await database.query('SET LOCAL statement_timeout = 0');
    await database.query('SELECT pg_advisory_xact_lock($1)', [STARTUP_LOCK_KEY]);
    held();
    await released;
  });
  await Promise.race([acquired, holder]);
  try {
    return await fn();
  } finally {
    release();
    await holder;
  }
}
