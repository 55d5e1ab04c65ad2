import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzleProxy } from 'drizzle-orm/pg-proxy';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { PostgresJsSession, PostgresJsTransaction } from 'drizzle-orm/postgres-js/session';
import postgres from 'postgres';
import type {
  WorkerCommand,
  WorkerError,
  WorkerInit,
  WorkerMessage,
  WorkerRequest,
  WorkerResponse,
} from './pglite-protocol.ts';
import * as schema from './schema.ts';

export type Engine = 'pglite' | 'postgres';
export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/**
 * One interface over both engines. Repositories call `db()` for the executor in effect: inside
 * `transaction()` that is the transaction (found through AsyncLocalStorage), so a service opens
 * a transaction and every repository it calls joins it without passing handles around.
 */
export interface Database {
  readonly engine: Engine;
  db(): Db;
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * A transaction of its own even when called inside another: for work a request sets off and
   * does not wait for, which must neither join the request's transaction nor outlive it there.
   */
  separateTransaction<T>(fn: () => Promise<T>): Promise<T>;
  /** Raw SQL with $1… parameters, rows as objects. For migrations, bulk work and admin tools. */
  query<T = Record<string, unknown>>(sqlText: string, params?: unknown[]): Promise<T[]>;
  /**
   * A statement of fixed text with $1… parameters, rows as objects, for the queries every request
   * makes. On PostgreSQL it is a named prepared statement of the connection: parsed and planned
   * once, then one round trip per call (an unnamed statement with parameters costs two: postgres.js
   * describes it first) and no SQL built per call. Never pass text that varies between calls
   * (each distinct text stays prepared on every connection).
   */
  prepared<T = Record<string, unknown>>(sqlText: string, params: unknown[]): Promise<T[]>;
  /** Several statements at once, no parameters. */
  exec(sqlText: string): Promise<void>;
  /** COPY … FROM STDIN with CSV data: the fast bulk load on both engines. */
  copyCsv(table: string, columns: string[], csv: string): Promise<void>;
  /**
   * Listens on a channel (NOTIFY) on a connection of its own, kept open and listened again after
   * it is lost. `onState(false)` when it is lost (messages sent meanwhile are missed), `onState(true)`
   * each time it listens. Resolves once listening, or after the first failed attempt (retried every
   * second); the function it gives stops listening.
   */
  listen(
    channel: string,
    onMessage: (payload: string) => void,
    onState: (listening: boolean) => void,
  ): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Runs a drizzle `sql` query and returns its rows as objects, the same on both engines. */
export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

export class DatabaseError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly detail: string | undefined,
    readonly constraint: string | undefined,
  ) {
    super(message);
    this.name = 'DatabaseError';
  }
}

/** The PostgreSQL error code of an error from either driver (drizzle wraps them in `cause`). */
export function pgErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let i = 0; i < 4 && current; i++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** PostgreSQL codes of a server going away: shutdown, crash, starting up, connection failures. */
const CONNECTION_PG_CODES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);
/** postgres.js and Node codes of a connection that failed or was lost. */
const CONNECTION_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_DESTROYED',
  'CONNECTION_ENDED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * Whether an error means the database could not be reached (restart, failover, network), not
 * that the statement was wrong: the request may simply be tried again (HTTP 503).
 */
export function isConnectionError(error: unknown): boolean {
  let current: unknown = error;
  for (let i = 0; i < 5 && current; i++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (CONNECTION_PG_CODES.has(code) || CONNECTION_CODES.has(code)))
      return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// PGlite in a worker thread

class PgliteWorkerConnection {
  private readonly worker: Worker;
  private readonly pending = new Map<
    number,
    { resolve: (r: WorkerResponse) => void; reject: (e: Error) => void }
  >();
  private nextId = 1;
  private exited: Error | null = null;
  /** Listeners of NOTIFY channels, and what to tell them when the worker is gone. */
  readonly channels = new Map<string, Set<(payload: string) => void>>();
  readonly onExit = new Set<() => void>();

  constructor(dataDir: string | null) {
    const init: WorkerInit = { dataDir };
    this.worker = new Worker(new URL('./pglite.worker.mjs', import.meta.url), { workerData: init });
    this.worker.on('message', (message: WorkerMessage) => {
      // A notification is posted before the answer of the query whose commit sent it.
      if ('type' in message) {
        for (const listener of this.channels.get(message.channel) ?? []) listener(message.payload);
        return;
      }
      const response = message;
      const waiter = this.pending.get(response.id);
      if (!waiter) return;
      this.pending.delete(response.id);
      waiter.resolve(response);
    });
    const fail = (error: Error) => {
      this.exited = error;
      for (const waiter of this.pending.values()) waiter.reject(error);
      this.pending.clear();
      for (const gone of this.onExit) gone();
      this.onExit.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`PGlite worker exited (${code})`)));
  }

  async send(request: WorkerCommand): Promise<WorkerResponse & { ok: true }> {
    if (this.exited) throw this.exited;
    const id = this.nextId++;
    const response = await new Promise<WorkerResponse>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...request, id } as WorkerRequest);
    });
    if (!response.ok) throw toDatabaseError(response.error);
    return response;
  }

  async terminate(): Promise<void> {
    if (this.exited) return;
    try {
      await this.send({ type: 'close' });
    } finally {
      await this.worker.terminate();
    }
  }
}

function toDatabaseError(error: WorkerError): DatabaseError {
  return new DatabaseError(error.message, error.code, error.detail, error.constraint);
}

/** A simple FIFO mutex: PGlite has one connection, so a transaction holds it whole. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}

function openPglite(dataDir: string | null): Database {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const connection = new PgliteWorkerConnection(dataDir);
  const mutex = new Mutex();
  const inTransaction = new AsyncLocalStorage<true>();

  const run = <T>(fn: () => Promise<T>): Promise<T> => (inTransaction.getStore() ? fn() : mutex.run(fn));
  const send = (sqlText: string, params: unknown[], rowMode: 'array' | 'object') =>
    run(() => connection.send({ type: 'query', sql: sqlText, params, rowMode }));

  const db = drizzleProxy(
    async (sqlText, params, method) => {
      const response = await send(sqlText, params, method === 'all' ? 'array' : 'object');
      return { rows: response.rows };
    },
    { schema },
  ) as unknown as Db;

  const pglite: Database = {
    engine: 'pglite',
    db: () => db,
    separateTransaction: (fn) => inTransaction.exit(() => pglite.transaction(fn)),
    async transaction<T>(fn: () => Promise<T>): Promise<T> {
      if (inTransaction.getStore()) return fn();
      return mutex.run(() =>
        inTransaction.run(true, async () => {
          await connection.send({ type: 'exec', sql: 'BEGIN' });
          try {
            const result = await fn();
            await connection.send({ type: 'exec', sql: 'COMMIT' });
            return result;
          } catch (error) {
            await connection.send({ type: 'exec', sql: 'ROLLBACK' }).catch(() => undefined);
            throw error;
          }
        }),
      );
    },
    async query<T>(sqlText: string, params: unknown[] = []): Promise<T[]> {
      return (await send(sqlText, params, 'object')).rows as T[];
    },
    async prepared<T>(sqlText: string, params: unknown[]): Promise<T[]> {
      return (await send(sqlText, params, 'object')).rows as T[];
    },
    async exec(sqlText: string): Promise<void> {
      await run(() => connection.send({ type: 'exec', sql: sqlText }));
    },
    async listen(channel, onMessage, onState) {
      let listeners = connection.channels.get(channel);
      if (!listeners) {
        listeners = new Set();
        connection.channels.set(channel, listeners);
        await run(() => connection.send({ type: 'listen', channel }));
      }
      listeners.add(onMessage);
      const lost = () => onState(false);
      connection.onExit.add(lost);
      onState(true);
      return async () => {
        listeners.delete(onMessage);
        connection.onExit.delete(lost);
      };
    },
    async copyCsv(table: string, columns: string[], csv: string): Promise<void> {
      const cols = columns.map((c) => `"${c}"`).join(', ');
      await run(() =>
        connection.send({
          type: 'copyFrom',
          sql: `COPY ${table} (${cols}) FROM '/dev/blob' WITH (FORMAT csv)`,
          data: csv,
        }),
      );
    },
    close: () => mutex.run(() => connection.terminate()),
  };
  return pglite;
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

/**
 * postgres.js 3.4.9 can throw from a `setImmediate` when a query is written to a connection whose
 * socket has just closed (PostgreSQL restarting under load): `TypeError: Cannot read properties
 * of null (reading 'write')` in `nextWrite` (porsager/postgres#1154, #1208; fix not released).
 * Uncaught, it would end the process. The guard recognises exactly that throw, keeps the process
 * running and has every open pool replaced, since the connection it came from can no longer
 * write. Any other uncaught exception still ends the process as Node would.
 */
const driverDefectListeners = new Set<() => void>();

export function isPostgresWriteDefect(error: unknown): boolean {
  const stack = (error as { stack?: unknown } | null)?.stack;
  return (
    error instanceof TypeError &&
    typeof stack === 'string' &&
    /nextWrite/.test(stack) &&
    /postgres[\\/]src[\\/]connection\.js/.test(stack)
  );
}

let driverGuardInstalled = false;
function installDriverGuard() {
  if (driverGuardInstalled) return;
  driverGuardInstalled = true;
  process.on('uncaughtException', (error) => {
    if (isPostgresWriteDefect(error)) {
      process.stderr.write(
        'CSDL: postgres.js ghi vào kết nối đã đóng (lỗi đã biết của trình điều khiển); thay nhóm kết nối.\n',
      );
      for (const listener of driverDefectListeners) listener();
      return;
    }
    // Someone else (a test runner) handles the rest; otherwise behave as Node does without a listener.
    if (process.listenerCount('uncaughtException') > 1) return;
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}

function openPostgres(url: string, poolSize: number, statementTimeoutMs: number): Database {
  const connect = () =>
    postgres(url, {
      max: poolSize,
      // No statement runs longer than this (0: no limit), so no request holds a pooled
      // connection for ever, whatever data it meets. Sent at connect, for every session of the pool.
      ...(statementTimeoutMs > 0 ? { connection: { statement_timeout: statementTimeoutMs } } : {}),
      onnotice: () => undefined,
      // bigint (counts, audit ids) as numbers, as the PGlite worker returns them.
      types: {
        bigint: { to: 20, from: [20], serialize: (x: number) => String(x), parse: (x: string) => Number(x) },
      },
      transform: { undefined: null },
      // A connection that cannot be made within 10 s fails its query (a 503), rather than waiting on.
      connect_timeout: 10,
      // One statement at a time per connection. postgres.js otherwise pipelines a query onto a busy
      // connection when none is idle, behind whatever runs there (a statement waiting for a row
      // lock, a roll-up rebuild); queries now wait in one queue for the next free connection.
      // Under `npm run bench -- load` this cut p99/p50 from ~2.9 to ~2.1 at equal throughput.
      // (an option postgres.js reads but does not declare in its types)
      ...({ max_pipeline: 1 } as object),
    });
  let client = connect();
  let base = drizzlePostgres(client, { schema }) as unknown as Db;
  /** The transaction in effect: its reserved connection, and a drizzle transaction over it once asked for. */
  const current = new AsyncLocalStorage<{ sql: postgres.ReservedSql; db: Db | null }>();
  /** drizzle's transaction object is built only for code that asks `db()` (hot paths use `prepared`). */
  const drizzleOf = (scope: { sql: postgres.ReservedSql; db: Db | null }): Db => {
    if (scope.db) return scope.db;
    const {
      dialect,
      schema: relations,
      options,
    } = (base as unknown as { session: DrizzleSessionParts }).session;
    // No savepoints are made (a nested `transaction()` joins the outer one), so the reserved
    // connection serves where drizzle's types ask for a transaction's.
    const session = new PostgresJsSession(scope.sql as unknown as postgres.Sql, dialect, relations, options);
    scope.db = new PostgresJsTransaction(dialect, session as never, relations) as unknown as Db;
    return scope.db;
  };
  // Lost connections are replaced by postgres.js per query; a pool hit by the driver defect above
  // is replaced whole (its queries in flight end with CONNECTION_DESTROYED, answered 503).
  installDriverGuard();
  const replacePool = () => {
    const old = client;
    client = connect();
    base = drizzlePostgres(client, { schema }) as unknown as Db;
    old.end({ timeout: 1 }).catch(() => undefined);
  };
  driverDefectListeners.add(replacePool);
  /** Stops of the LISTEN connections opened here, ended with the pool. */
  const listeners = new Set<() => Promise<void>>();

  const database: Database = {
    engine: 'postgres',
    db: () => {
      const scope = current.getStore();
      return scope ? drizzleOf(scope) : base;
    },
    separateTransaction: (fn) => current.exit(() => database.transaction(fn)),
    async transaction<T>(fn: () => Promise<T>): Promise<T> {
      if (current.getStore()) return fn();
      // A transaction on a reserved connection: BEGIN is sent without waiting for it (the first
      // statement follows on the same connection as soon as it is answered), and drizzle's
      // transaction object over that connection is built only if some code asks `db()` — the hot
      // paths use `prepared` and are single statements anyway.
      const reserved = await client.reserve();
      const begun = reserved.unsafe('BEGIN');
      const began = begun.then(
        () => null,
        (error: unknown) => error,
      );
      try {
        const result = await current.run({ sql: reserved, db: null }, fn);
        const failed = await began;
        if (failed) throw failed;
        await reserved.unsafe('COMMIT');
        return result;
      } catch (error) {
        await began;
        await reserved.unsafe('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        reserved.release();
      }
    },
    async query<T>(sqlText: string, params: unknown[] = []): Promise<T[]> {
      const scope = current.getStore();
      if (scope)
        return (await scope.sql.unsafe(
          sqlText,
          params as postgres.ParameterOrJSON<never>[],
        )) as unknown as T[];
      return (await client.unsafe(sqlText, params as postgres.ParameterOrJSON<never>[])) as unknown as T[];
    },
    async prepared<T>(sqlText: string, params: unknown[]): Promise<T[]> {
      const target = current.getStore()?.sql ?? client;
      return (await target.unsafe(sqlText, params as postgres.ParameterOrJSON<never>[], {
        prepare: true,
      })) as unknown as T[];
    },
    async exec(sqlText: string): Promise<void> {
      await client.unsafe(sqlText);
    },
    async copyCsv(table: string, columns: string[], csv: string): Promise<void> {
      const cols = columns.map((c) => `"${c}"`).join(', ');
      const stream = await client.unsafe(`COPY ${table} (${cols}) FROM STDIN WITH (FORMAT csv)`).writable();
      await new Promise<void>((resolve, reject) => {
        stream.on('error', reject);
        stream.on('finish', () => resolve());
        stream.end(csv);
      });
    },
    listen: (channel, onMessage, onState) => listenPostgres(url, channel, onMessage, onState, listeners),
    close: async () => {
      driverDefectListeners.delete(replacePool);
      await Promise.all([...listeners].map((stop) => stop()));
      await client.end({ timeout: 5 });
    },
  };
  return database;
}

/**
 * LISTEN on a connection of its own (never one of the pool's, which serve queries). When it is
 * lost, `onState(false)`, and LISTEN is tried again every second until it holds.
 */
async function listenPostgres(
  url: string,
  channel: string,
  onMessage: (payload: string) => void,
  onState: (listening: boolean) => void,
  open: Set<() => Promise<void>>,
): Promise<() => Promise<void>> {
  let stopped = false;
  let listening = false;
  let retry: NodeJS.Timeout | null = null;
  const lost = () => {
    if (listening) {
      listening = false;
      onState(false);
    }
    if (!stopped && !retry) retry = setTimeout(attempt, 1000);
  };
  const connection = postgres(url, {
    max: 1,
    // Kept open for good: postgres.js would otherwise end it after 30–60 minutes.
    idle_timeout: 0,
    max_lifetime: null,
    fetch_types: false,
    connect_timeout: 10,
    onnotice: () => undefined,
    onclose: lost,
    // (an option postgres.js reads but does not declare in its types)
    ...({
      onnotify: (name: string, payload: string) => {
        if (name === channel) onMessage(payload);
      },
    } as object),
  });
  async function attempt() {
    retry = null;
    if (stopped) return;
    try {
      await connection.unsafe(`LISTEN "${channel.replace(/"/g, '""')}"`);
      if (stopped) return;
      listening = true;
      onState(true);
    } catch {
      lost();
    }
  }
  const stop = async () => {
    stopped = true;
    open.delete(stop);
    if (retry) clearTimeout(retry);
    retry = null;
    await connection.end({ timeout: 1 });
  };
  open.add(stop);
  await attempt();
  return stop;
}

/** What a drizzle transaction over postgres.js is built from (drizzle's own session holds them). */
type DrizzleSessionParts =
  ConstructorParameters<typeof PostgresJsSession> extends [unknown, infer D, infer S, infer O]
    ? { dialect: D; schema: S; options: O }
    : never;

export interface OpenDatabaseOptions {
  /** PostgreSQL URL; when absent PGlite is used. */
  databaseUrl?: string | undefined;
  /** PGlite data directory; null for an in-memory database. */
  dataDir?: string | null;
  /** PostgreSQL connections of this process (default 10). */
  poolSize?: number | undefined;
  /**
   * PostgreSQL: the `statement_timeout` of every session, in ms (default 30,000; 0: none). PGlite
   * has no timer inside its WebAssembly and ignores it; there the depth bound of every recursive
   * query (`TREE_DEPTH_LIMIT`) is what ends a walk over bad data.
   */
  statementTimeoutMs?: number | undefined;
}

export const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;

export function openDatabase(options: OpenDatabaseOptions): Database {
  if (options.databaseUrl)
    return openPostgres(
      options.databaseUrl,
      options.poolSize ?? 10,
      options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
    );
  return openPglite(options.dataDir ?? null);
}

/** Where PGlite keeps its files inside the data directory. */
export function pgliteDirOf(dataDir: string): string {
  return join(dataDir, 'db');
}
