import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzleProxy } from 'drizzle-orm/pg-proxy';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type {
  WorkerCommand,
  WorkerError,
  WorkerInit,
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
  /** Raw SQL with $1… parameters, rows as objects. For migrations, bulk work and admin tools. */
  query<T = Record<string, unknown>>(sqlText: string, params?: unknown[]): Promise<T[]>;
  /** Several statements at once, no parameters. */
  exec(sqlText: string): Promise<void>;
  /** COPY … FROM STDIN with CSV data: the fast bulk load on both engines. */
  copyCsv(table: string, columns: string[], csv: string): Promise<void>;
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

  constructor(dataDir: string | null) {
    const init: WorkerInit = { dataDir };
    this.worker = new Worker(new URL('./pglite.worker.mjs', import.meta.url), { workerData: init });
    this.worker.on('message', (response: WorkerResponse) => {
      const waiter = this.pending.get(response.id);
      if (!waiter) return;
      this.pending.delete(response.id);
      waiter.resolve(response);
    });
    const fail = (error: Error) => {
      this.exited = error;
      for (const waiter of this.pending.values()) waiter.reject(error);
      this.pending.clear();
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

  return {
    engine: 'pglite',
    db: () => db,
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
    async exec(sqlText: string): Promise<void> {
      await run(() => connection.send({ type: 'exec', sql: sqlText }));
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
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

function openPostgres(url: string): Database {
  const client = postgres(url, {
    max: 10,
    onnotice: () => undefined,
    // bigint (counts, audit ids) as numbers, as the PGlite worker returns them.
    types: {
      bigint: { to: 20, from: [20], serialize: (x: number) => String(x), parse: (x: string) => Number(x) },
    },
    transform: { undefined: null },
  });
  const base = drizzlePostgres(client, { schema }) as unknown as Db;
  const current = new AsyncLocalStorage<Db>();

  return {
    engine: 'postgres',
    db: () => current.getStore() ?? base,
    async transaction<T>(fn: () => Promise<T>): Promise<T> {
      if (current.getStore()) return fn();
      return base.transaction((tx) => current.run(tx as unknown as Db, fn));
    },
    async query<T>(sqlText: string, params: unknown[] = []): Promise<T[]> {
      const tx = current.getStore();
      if (tx) return rowsOfUnsafe<T>(tx, sqlText, params);
      return (await client.unsafe(sqlText, params as postgres.ParameterOrJSON<never>[])) as unknown as T[];
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
    close: () => client.end({ timeout: 5 }),
  };
}

async function rowsOfUnsafe<T>(tx: Db, sqlText: string, params: unknown[]): Promise<T[]> {
  const session = (tx as unknown as { session: { client: postgres.Sql } }).session;
  return (await session.client.unsafe(
    sqlText,
    params as postgres.ParameterOrJSON<never>[],
  )) as unknown as T[];
}

export interface OpenDatabaseOptions {
  /** PostgreSQL URL; when absent PGlite is used. */
  databaseUrl?: string | undefined;
  /** PGlite data directory; null for an in-memory database. */
  dataDir?: string | null;
}

export function openDatabase(options: OpenDatabaseOptions): Database {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openPglite(options.dataDir ?? null);
}

/** Where PGlite keeps its files inside the data directory. */
export function pgliteDirOf(dataDir: string): string {
  return join(dataDir, 'db');
}
