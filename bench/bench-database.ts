import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { type Database, type Engine, openDatabase } from '../server/db/client.ts';
import { migrate } from '../server/db/migrate.ts';

/** Engines to measure: PGlite always, PostgreSQL when BENCH_DATABASE_URL is set. */
export function benchEngines(): Engine[] {
  const all: Engine[] = process.env.BENCH_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
  // BENCH_ENGINES=postgres (comma-separated) measures only those.
  const only = process.env.BENCH_ENGINES?.split(',').map((e) => e.trim());
  return only ? all.filter((e) => only.includes(e)) : all;
}

/** A fresh migrated database for one benchmark; dispose drops it. */
export async function openBenchDatabase(
  engine: Engine,
): Promise<{ database: Database; dispose: () => Promise<void> }> {
  if (engine === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'tiendo-bench-'));
    const database = openDatabase({ dataDir: dir });
    await migrate(database);
    return {
      database,
      dispose: async () => {
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = process.env.BENCH_DATABASE_URL!;
  const name = `tiendo_bench_${randomBytes(5).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = openDatabase({ databaseUrl: target.toString() });
  await migrate(database);
  return {
    database,
    dispose: async () => {
      await database.close();
      // BENCH_KEEP=1 keeps the database to look into (EXPLAIN) afterwards; drop it by hand.
      if (process.env.BENCH_KEEP) {
        process.stderr.write(`kept database ${name}\n`);
        await admin.end();
        return;
      }
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/**
 * Adds `count` grassroots units under `parentId` in three set-based statements (the benchmarks
 * measure what comes after, not the set-up).
 */
export async function addGrassrootsUnits(
  database: Database,
  parentId: number,
  count: number,
  prefix: string,
): Promise<void> {
  await database.exec(`
    INSERT INTO org_units (code, type, valid_from)
      SELECT '${prefix}' || g, 'grassroots', DATE '2020-01-01' FROM generate_series(1, ${count}) g;
    INSERT INTO org_unit_names (unit_id, name, name_folded, valid_from)
      SELECT u.id, 'Công đoàn cơ sở ' || u.code, 'cong doan co so ' || lower(u.code), DATE '2020-01-01'
        FROM org_units u WHERE u.code LIKE '${prefix}%';
    INSERT INTO org_unit_parents (unit_id, parent_id, valid_from)
      SELECT u.id, ${parentId}, DATE '2020-01-01' FROM org_units u WHERE u.code LIKE '${prefix}%';
  `);
}
