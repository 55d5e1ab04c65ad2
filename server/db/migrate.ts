import { fileURLToPath } from 'node:url';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { Database } from './client.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));

export interface MigrationStatus {
  applied: number;
  available: number;
  pending: number;
  /** Tag of the newest migration file applied (e.g. `20261122112014_init`). */
  level: string | null;
}

const LOCK_KEY = 7_254_131; // any constant: serialises migrations of several instances

async function appliedCreatedAt(database: Database): Promise<number[]> {
  const exists = await database.query<{ t: string | null }>(
    `SELECT to_regclass('drizzle.__drizzle_migrations')::text AS t`,
  );
  if (!exists[0]?.t) return [];
  const rows = await database.query<{ created_at: string }>(
    'SELECT created_at FROM drizzle.__drizzle_migrations ORDER BY created_at',
  );
  return rows.map((r) => Number(r.created_at));
}

function migrationFiles() {
  return readMigrationFiles({ migrationsFolder: MIGRATIONS_DIR });
}

function tagOf(folderMillis: number): string | null {
  // drizzle keeps the tag in the journal; find it by timestamp.
  const journal = migrationJournal();
  return journal.find((e) => e.when === folderMillis)?.tag ?? null;
}

function migrationJournal(): { tag: string; when: number }[] {
  // Read lazily: the file is small and only read by status and migrate.
  const path = `${MIGRATIONS_DIR}/meta/_journal.json`;
  return (JSON.parse(readFileText(path)) as { entries: { tag: string; when: number }[] }).entries;
}

import { readFileSync } from 'node:fs';

function readFileText(path: string): string {
  return readFileSync(path, 'utf8');
}

export async function migrationStatus(database: Database): Promise<MigrationStatus> {
  const applied = await appliedCreatedAt(database);
  const files = migrationFiles();
  const last = applied[applied.length - 1];
  return {
    applied: applied.length,
    available: files.length,
    pending: files.filter((m) => last === undefined || m.folderMillis > last).length,
    level: last === undefined ? null : tagOf(last),
  };
}

/** Applies pending migrations in one transaction; returns how many were applied. */
export async function migrate(database: Database): Promise<number> {
  const files = migrationFiles();
  return database.transaction(async () => {
    if (database.engine === 'postgres') {
      // Waiting for another instance's migrations, or one over a large table, may take longer
      // than a request is allowed (DATABASE_STATEMENT_TIMEOUT_MS).
      await database.query('SET LOCAL statement_timeout = 0');
      await database.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    }
    await database.query('CREATE SCHEMA IF NOT EXISTS drizzle');
    await database.query(
      'CREATE TABLE IF NOT EXISTS drizzle.__drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)',
    );
    const applied = await appliedCreatedAt(database);
    const last = applied[applied.length - 1];
    let count = 0;
    for (const migration of files) {
      if (last !== undefined && migration.folderMillis <= last) continue;
      for (const statement of migration.sql) {
        if (statement.trim()) await database.query(statement);
      }
      await database.query('INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ($1, $2)', [
        migration.hash,
        migration.folderMillis,
      ]);
      count++;
    }
    return count;
  });
}
