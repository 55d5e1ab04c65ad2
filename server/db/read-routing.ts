import { AsyncLocalStorage } from 'node:async_hooks';
import { type Database, isConnectionError, openDatabase, pgErrorCode } from './client.ts';

/**
 * Reads on streaming replicas, decided in this one place.
 *
 * `withReadReplicas(primary, urls)` gives a `Database` that every repository uses as before: outside
 * a reading scope (every write, every transaction, every read not listed) it is the primary. A
 * service opens a reading scope with `reads.read(fn)` for the reads that may be served by a replica
 * (dashboards, drill-down, their exports); inside, `db()`, `query()`, `prepared()` and
 * `transaction()` go to the replica chosen for that scope, and the answer says how fresh it is.
 *
 * The rules:
 * - **Fresh enough.** Every 500 ms the primary's WAL position (`pg_current_wal_lsn()`) is sampled
 *   with the moment it was taken, and each replica's replay position (`pg_last_wal_replay_lsn()`)
 *   read. A replica's figures are *as of* the latest sample it has replayed: every commit before
 *   that moment is on it. A replica whose as-of moment is older than the bound
 *   (`DATABASE_READ_MAX_LAG_SECONDS`, default 5 s), or that has not answered a probe lately, is not
 *   read.
 * - **Read your own writes.** After a user's mutation (any POST, PUT, PATCH or DELETE), that user's
 *   reads go to a replica only once the replica's as-of moment is later than the end of that
 *   mutation; until then (one probe, about half a second, when replicas keep up) to the primary. The
 *   moment is kept in memory and in a cookie (`tiendo_wrote`), so another instance behind the same
 *   proxy honours it too.
 * - **No request lost.** A replica that cannot be reached, is shutting down, or cancels a statement
 *   for a conflict with recovery: the read is run again on the primary (reads change nothing), and a
 *   replica that could not be reached is not read again until a probe reaches it.
 * - A read inside a transaction on the primary stays on the primary (it may read its own writes).
 */

export interface Freshness {
  /** Where the figures were read. */
  source: 'primary' | 'replica';
  /** Every change committed before this moment is in the figures (ISO date-time, UTC). */
  asOf: string;
  /** How far the figures were behind the moment they were read, in ms (0 on the primary). */
  lagMs: number;
}

export interface ReplicaStatus {
  /** host:port/database, without credentials. */
  label: string;
  /** Answered its last probe as a standby. */
  up: boolean;
  /** Every commit on the primary before this moment (ms since the epoch) is replayed; null: unknown. */
  asOf: number | null;
  /** `pg_last_xact_replay_timestamp()` at the last probe (ms), for diagnostics. */
  lastReplayAt: number | null;
  /** Reads it served, and reads that fell back from it to the primary. */
  served: number;
  fellBack: number;
}

export interface ReadRouting {
  /** Replicas configured (0: every read is the primary's). */
  readonly replicaCount: number;
  /**
   * Runs `fn` on a reading database: a replica fresh enough for this request, else the primary.
   * Nested calls run in the scope already chosen.
   */
  read<T>(fn: () => Promise<T>): Promise<{ value: T; freshness: Freshness }>;
  /** Runs one request with who is asking and the moment of their last write another instance saw. */
  forRequest<T>(userId: number | null, wroteAtHint: number | null, fn: () => Promise<T>): Promise<T>;
  /** A user's mutation has just ended: their reads stay on the primary until replicas hold it. */
  noteWrite(userId: number | null): number;
  /** Probes the primary and every replica now (also done every 500 ms). */
  probe(): Promise<void>;
  status(): ReplicaStatus[];
}

export interface RoutedDatabase extends Database {
  readonly reads: ReadRouting;
}

export interface ReadReplicaOptions {
  /** A replica further behind than this is not read (ms). */
  maxLagMs: number;
  poolSize?: number | undefined;
  statementTimeoutMs?: number | undefined;
  probeIntervalMs?: number;
  log?: (line: string) => void;
}

/** The cookie that carries a user's last write to every instance (ms since the epoch). */
export const WROTE_COOKIE = 'tiendo_wrote';
/** A write older than this no longer matters (every replica read is fresher than the bound anyway). */
const WRITE_MEMORY_MS = 60_000;
const HISTORY = 512;
/** PostgreSQL codes after which a replica's read is answered by the primary instead. */
const RETRY_ON_PRIMARY = new Set([
  '40001', // canceled: conflict with recovery (or a serialization failure)
  '57P04', // database dropped (recovery conflict)
  '25006', // read-only transaction: a read that writes after all
  '53300', // too many connections
]);

interface Replica {
  label: string;
  database: Database;
  up: boolean;
  seenAt: number | null;
  asOf: number | null;
  lastReplayAt: number | null;
  probing: boolean;
  served: number;
  fellBack: number;
  problem: string | null;
}

interface Scope {
  database: Database;
  freshness: Freshness;
}

/** `X/Y` (hex halves of a WAL position) as one number. */
export function lsnValue(lsn: string): bigint {
  const [hi, lo] = lsn.split('/');
  return (BigInt(`0x${hi}`) << 32n) | BigInt(`0x${lo}`);
}

/** host:port/database of a PostgreSQL URL, never its password. */
export function replicaLabel(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'replica';
  }
}

/**
 * The latest moment whose primary position `replayed` has reached, from samples in time order:
 * every commit before it is on the replica. Null when it is behind every sample kept.
 */
export function asOfReplayed(samples: { at: number; lsn: bigint }[], replayed: bigint): number | null {
  for (let i = samples.length - 1; i >= 0; i--) if (samples[i]!.lsn <= replayed) return samples[i]!.at;
  return null;
}

/** Whether a replica's as-of moment serves a request: within the bound, after the user's last write. */
export function freshEnough(
  asOf: number | null,
  now: number,
  maxLagMs: number,
  lastWriteAt: number | null,
): boolean {
  if (asOf === null || now - asOf > maxLagMs) return false;
  return lastWriteAt === null || asOf > lastWriteAt;
}

/** Rejects when `promise` has not settled within `ms` (it goes on; its result is then ignored). */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    timer.unref();
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

const primaryFreshness = (now: number): Freshness => ({
  source: 'primary',
  asOf: new Date(now).toISOString(),
  lagMs: 0,
});

const onlyPrimary = new WeakMap<Database, ReadRouting>();

/** The read routing of a database: its replicas', or every read on the database itself. */
export function readRoutingOf(database: Database): ReadRouting {
  const routed = (database as Partial<RoutedDatabase>).reads;
  if (routed) return routed;
  let reads = onlyPrimary.get(database);
  if (!reads) {
    const scope = new AsyncLocalStorage<Freshness>();
    reads = {
      replicaCount: 0,
      async read(fn) {
        const outer = scope.getStore();
        if (outer) return { value: await fn(), freshness: outer };
        const freshness = primaryFreshness(Date.now());
        return { value: await scope.run(freshness, fn), freshness };
      },
      forRequest: (_userId, _hint, fn) => fn(),
      noteWrite: () => Date.now(),
      probe: async () => undefined,
      status: () => [],
    };
    onlyPrimary.set(database, reads);
  }
  return reads;
}

/** The primary with streaming replicas for reads (see the rules above). PostgreSQL only. */
export function withReadReplicas(
  primary: Database,
  urls: string[],
  options: ReadReplicaOptions,
): RoutedDatabase {
  if (primary.engine !== 'postgres')
    throw new Error(
      'DATABASE_READ_URL: CSDL nhúng (PGlite) không có bản sao để đọc (the embedded database has no replicas)',
    );
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const interval = options.probeIntervalMs ?? 500;
  /** A replica not heard from for this long is not read, whatever it said last. */
  const silentAfter = interval * 4 + 1_000;
  const replicas: Replica[] = urls.map((url) => ({
    label: replicaLabel(url),
    database: openDatabase({
      databaseUrl: url,
      poolSize: options.poolSize,
      statementTimeoutMs: options.statementTimeoutMs,
    }),
    up: false,
    seenAt: null,
    asOf: null,
    lastReplayAt: null,
    probing: false,
    served: 0,
    fellBack: 0,
    problem: null,
  }));
  const samples: { at: number; lsn: bigint }[] = [];
  const reading = new AsyncLocalStorage<Scope>();
  const inPrimaryTransaction = new AsyncLocalStorage<true>();
  const request = new AsyncLocalStorage<{ userId: number | null; wroteAtHint: number | null }>();
  const lastWrites = new Map<number, number>();
  /** The primary's `system_identifier`: a replica must be of the same cluster. */
  let primarySystem: string | null = null;
  let next = 0;

  const report = (replica: Replica, problem: string | null) => {
    if (problem === replica.problem) return;
    replica.problem = problem;
    log(
      problem
        ? `CSDL bản sao ${replica.label}: không đọc (${problem}); đọc từ CSDL chính.`
        : `CSDL bản sao ${replica.label}: đọc lại từ bản sao.`,
    );
  };

  const lastWriteOf = (): number | null => {
    const who = request.getStore();
    if (!who) return null;
    const now = Date.now();
    const remembered = who.userId !== null ? (lastWrites.get(who.userId) ?? null) : null;
    // A hint from the cookie counts if it is a moment that has been (not one a client made up ahead).
    const hint =
      who.wroteAtHint !== null && who.wroteAtHint <= now && now - who.wroteAtHint < WRITE_MEMORY_MS
        ? who.wroteAtHint
        : null;
    if (remembered === null) return hint;
    return hint === null ? remembered : Math.max(remembered, hint);
  };

  const choose = (now: number): Replica | null => {
    const lastWrite = lastWriteOf();
    for (let k = 0; k < replicas.length; k++) {
      const replica = replicas[(next + k) % replicas.length]!;
      if (!replica.up || replica.seenAt === null || now - replica.seenAt > silentAfter) continue;
      if (!freshEnough(replica.asOf, now, options.maxLagMs, lastWrite)) continue;
      next = (next + k + 1) % replicas.length;
      return replica;
    }
    return null;
  };

  const onPrimary = async <T>(fn: () => Promise<T>): Promise<{ value: T; freshness: Freshness }> => {
    const freshness = primaryFreshness(Date.now());
    return { value: await reading.run({ database: primary, freshness }, fn), freshness };
  };

  /** One replica's state: standby or not, of this primary or not, and what it has replayed. */
  const probeReplica = async (replica: Replica): Promise<void> => {
    try {
      const [row] = await replica.database.query<{
        standby: boolean;
        system: string;
        lsn: string | null;
        replayed_at: number | null;
      }>(
        `SELECT pg_is_in_recovery() AS standby,
                (SELECT system_identifier FROM pg_control_system())::text AS system,
                pg_last_wal_replay_lsn()::text AS lsn,
                (extract(epoch FROM pg_last_xact_replay_timestamp()) * 1000)::float8 AS replayed_at`,
      );
      if (!row?.standby) {
        // Promoted, or not a replica at all: its data may part from the primary's.
        replica.up = false;
        report(replica, 'không phải bản sao đang nhận WAL (pg_is_in_recovery() = false)');
        return;
      }
      if (primarySystem !== null && row.system !== primarySystem) {
        // A standby of another cluster: its WAL positions say nothing about this primary's.
        replica.up = false;
        report(replica, 'là bản sao của một cụm PostgreSQL khác (system_identifier khác CSDL chính)');
        return;
      }
      if (primarySystem === null) return; // the primary not yet heard: nothing to compare with
      replica.seenAt = Date.now();
      replica.lastReplayAt = row.replayed_at;
      const asOf = row.lsn ? asOfReplayed(samples, lsnValue(row.lsn)) : null;
      if (asOf !== null && (replica.asOf === null || asOf > replica.asOf)) replica.asOf = asOf;
      replica.up = true;
      const lag = replica.asOf === null ? null : replica.seenAt - replica.asOf;
      report(
        replica,
        lag === null || lag > options.maxLagMs
          ? `trễ quá ${options.maxLagMs / 1000} giây so với CSDL chính`
          : null,
      );
    } catch (error) {
      replica.up = false;
      report(replica, error instanceof Error ? error.message : String(error));
    }
  };

  const reads: ReadRouting = {
    replicaCount: replicas.length,
    async read(fn) {
      const outer = reading.getStore();
      if (outer) return { value: await fn(), freshness: outer.freshness };
      if (inPrimaryTransaction.getStore())
        return { value: await fn(), freshness: primaryFreshness(Date.now()) };
      const now = Date.now();
      const replica = choose(now);
      if (!replica) return onPrimary(fn);
      const asOf = replica.asOf!;
      const freshness: Freshness = {
        source: 'replica',
        asOf: new Date(asOf).toISOString(),
        lagMs: Math.max(0, now - asOf),
      };
      try {
        const value = await reading.run({ database: replica.database, freshness }, fn);
        replica.served += 1;
        return { value, freshness };
      } catch (error) {
        const unreachable = isConnectionError(error);
        if (!unreachable && !RETRY_ON_PRIMARY.has(pgErrorCode(error) ?? '')) throw error;
        replica.fellBack += 1;
        if (unreachable) {
          replica.up = false;
          report(replica, 'không kết nối được');
        }
        return onPrimary(fn);
      }
    },
    forRequest: (userId, wroteAtHint, fn) => request.run({ userId, wroteAtHint }, fn),
    noteWrite(userId) {
      const at = Date.now();
      if (userId !== null) {
        lastWrites.set(userId, at);
        if (lastWrites.size > 10_000)
          for (const [id, when] of lastWrites) if (at - when > WRITE_MEMORY_MS) lastWrites.delete(id);
      }
      return at;
    },
    async probe() {
      const sampledAt = Date.now();
      try {
        const [row] = await within(
          primary.query<{ lsn: string; system: string }>(
            `SELECT pg_current_wal_lsn()::text AS lsn,
                    (SELECT system_identifier FROM pg_control_system())::text AS system`,
          ),
          silentAfter,
        );
        primarySystem = row!.system;
        samples.push({ at: sampledAt, lsn: lsnValue(row!.lsn) });
        if (samples.length > HISTORY) samples.splice(0, samples.length - HISTORY);
      } catch {
        // The primary away: no new sample, so the replicas' as-of moments age past the bound.
      }
      await Promise.all(
        replicas
          .filter((r) => !r.probing)
          .map(async (replica) => {
            replica.probing = true;
            const attempt = probeReplica(replica).finally(() => {
              replica.probing = false;
            });
            try {
              await within(attempt, silentAfter);
            } catch {
              // No answer in time: not read until it answers (the probe in flight is not repeated).
              replica.up = false;
              report(replica, 'không trả lời kịp');
            }
          }),
      );
    },
    status: () =>
      replicas.map((r) => ({
        label: r.label,
        up: r.up,
        asOf: r.asOf,
        lastReplayAt: r.lastReplayAt,
        served: r.served,
        fellBack: r.fellBack,
      })),
  };

  let probing: Promise<void> | null = null;
  const tick = () => {
    probing ??= reads.probe().finally(() => {
      probing = null;
    });
  };
  const timer = setInterval(tick, interval);
  timer.unref();
  tick();

  const target = () => reading.getStore()?.database ?? primary;
  const routed: RoutedDatabase = {
    engine: primary.engine,
    reads,
    db: () => target().db(),
    transaction: (fn) => {
      const scope = reading.getStore();
      if (scope) return scope.database.transaction(fn);
      return primary.transaction(() => inPrimaryTransaction.run(true, fn));
    },
    separateTransaction: (fn) =>
      reading.exit(() => primary.separateTransaction(() => inPrimaryTransaction.run(true, fn))),
    query: <T>(sqlText: string, params?: unknown[]) => target().query<T>(sqlText, params),
    prepared: <T>(sqlText: string, params: unknown[]) => target().prepared<T>(sqlText, params),
    exec: (sqlText) => primary.exec(sqlText),
    copyCsv: (table, columns, csv) => primary.copyCsv(table, columns, csv),
    listen: (channel, onMessage, onState) => primary.listen(channel, onMessage, onState),
    close: async () => {
      clearInterval(timer);
      await probing?.catch(() => undefined);
      await Promise.all(replicas.map((r) => r.database.close()));
      await primary.close();
    },
  };
  return routed;
}
