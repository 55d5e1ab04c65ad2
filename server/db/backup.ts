import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import type { Database } from './client.ts';
import { migrate, migrationStatus } from './migrate.ts';

/**
 * Logical backups that work the same on PGlite and PostgreSQL: a gzipped file of JSON lines —
 * a header (format, migration level, tables with row counts and checksums), then each table's
 * rows in batches. Restore needs an empty database; it migrates it to the same level, loads the
 * tables parents first, moves identity sequences past the restored ids and checks every table.
 */
export const BACKUP_FORMAT = 'tiendo-backup/1';
const BATCH = 2000;

export interface TableSummary {
  name: string;
  rows: number;
  checksum: string;
}

/** Application tables, parents before children (foreign keys), from the catalogue. */
export async function tablesInOrder(database: Database): Promise<string[]> {
  const tables = (
    await database.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    )
  ).map((t) => t.name);
  const edges = await database.query<{ child: string; parent: string }>(
    `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
       FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE c.contype = 'f' AND n.nspname = 'public'`,
  );
  const parents = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const e of edges) if (e.child !== e.parent) parents.get(e.child)?.add(e.parent);
  const ordered: string[] = [];
  const done = new Set<string>();
  const visit = (t: string, path: Set<string>) => {
    if (done.has(t) || path.has(t)) return;
    path.add(t);
    for (const p of parents.get(t) ?? []) visit(p, path);
    done.add(t);
    ordered.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return ordered;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Row count and an order-independent checksum of a table's contents. */
export async function summariseTable(database: Database, table: string): Promise<TableSummary> {
  const [row] = await database.query<{ rows: number; checksum: string | null }>(
    `SELECT count(*)::int AS rows, md5(coalesce(string_agg(md5(to_jsonb(t)::text), '' ORDER BY md5(to_jsonb(t)::text)), '')) AS checksum
       FROM ${quote(table)} t`,
  );
  return { name: table, rows: row?.rows ?? 0, checksum: row?.checksum ?? '' };
}

export async function backupDatabase(
  database: Database,
  file: string,
  onProgress?: (table: string) => void,
): Promise<TableSummary[]> {
  const tables = await tablesInOrder(database);
  const summaries: TableSummary[] = [];
  for (const table of tables) summaries.push(await summariseTable(database, table));
  const status = await migrationStatus(database);
  async function* lines() {
    yield `${JSON.stringify({ format: BACKUP_FORMAT, engine: database.engine, level: status.level, applied: status.applied, createdAt: new Date().toISOString(), tables: summaries })}\n`;
    for (const table of tables) {
      onProgress?.(table);
      for (let offset = 0; ; offset += BATCH) {
        const rows = await database.query<{ r: unknown }>(
          `SELECT to_jsonb(t) AS r FROM ${quote(table)} t ORDER BY to_jsonb(t)::text LIMIT ${BATCH} OFFSET ${offset}`,
        );
        if (rows.length === 0) break;
        yield `${JSON.stringify({ table, rows: rows.map((x) => x.r) })}\n`;
        if (rows.length < BATCH) break;
      }
    }
  }
  await pipeline(Readable.from(lines()), createGzip(), createWriteStream(file));
  return summaries;
}

export class RestoreError extends Error {}

export async function restoreDatabase(
  database: Database,
  file: string,
  onProgress?: (table: string) => void,
): Promise<TableSummary[]> {
  interface Header {
    format: string;
    applied: number;
    tables: TableSummary[];
  }
  const state: { header: Header | null } = { header: null };
  await migrate(database);
  const status = await migrationStatus(database);
  await database.transaction(async () => {
    // Opened only now: lines read while other work is awaited would be lost to the iterator.
    const input = createInterface({
      input: createReadStream(file).pipe(createGunzip()),
      crlfDelay: Number.POSITIVE_INFINITY,
    });
    for await (const line of input) {
      if (!line.trim()) continue;
      const record = JSON.parse(line) as {
        format?: string;
        table?: string;
        rows?: unknown[];
        applied?: number;
        tables?: TableSummary[];
      };
      if (!state.header) {
        if (record.format !== BACKUP_FORMAT)
          throw new RestoreError(`not a Tiến Độ backup (format ${String(record.format)})`);
        const header = record as unknown as Header;
        state.header = header;
        if (header.applied > status.applied)
          throw new RestoreError('the backup is newer than this version of Tiến Độ: upgrade first');
        for (const table of header.tables) {
          const [existing] = await database.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM ${quote(table.name)}`,
          );
          if ((existing?.n ?? 0) > 0)
            throw new RestoreError(
              `the database is not empty (table ${table.name}); restore into a new database`,
            );
        }
        continue;
      }
      onProgress?.(record.table!);
      await database.query(
        `INSERT INTO ${quote(record.table!)} OVERRIDING SYSTEM VALUE SELECT * FROM jsonb_populate_recordset(NULL::${quote(record.table!)}, $1::jsonb)`,
        [JSON.stringify(record.rows)],
      );
    }
    const header = state.header;
    if (!header) throw new RestoreError('empty backup file');
    // Identity columns continue after the restored ids.
    const identities = await database.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND is_identity = 'YES'`,
    );
    for (const { table_name, column_name } of identities) {
      await database.query(
        `SELECT setval(pg_get_serial_sequence($1, $2), coalesce((SELECT max(${quote(column_name)}) FROM ${quote(table_name)}), 0) + 1, false)`,
        [`public.${quote(table_name)}`, column_name],
      );
    }
    for (const expected of header.tables) {
      const actual = await summariseTable(database, expected.name);
      if (actual.rows !== expected.rows || actual.checksum !== expected.checksum) {
        throw new RestoreError(
          `table ${expected.name} differs after restore (${actual.rows} rows, expected ${expected.rows})`,
        );
      }
    }
  });
  return state.header?.tables ?? [];
}
