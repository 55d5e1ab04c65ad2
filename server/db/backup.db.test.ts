import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoWorkspace } from '../seed/demo-workspace.ts';
import { createServices } from '../services/services.ts';
import { openTestDatabase, type TestDatabase, testEngines } from '../test/test-database.ts';
import { backupDatabase, RestoreError, restoreDatabase, summariseTable, tablesInOrder } from './backup.ts';

describe.each(testEngines())('backup and restore on %s', (engine) => {
  let source: TestDatabase;
  let target: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'tiendo-backup-'));
  const file = join(dir, 'sao-luu.tiendo.gz');

  beforeAll(async () => {
    source = await openTestDatabase(engine);
    await loadDemoWorkspace(
      createServices(source.database, { sessionTtlHours: 1 }, () => new Date(), { log: () => undefined }),
    );
    target = await openTestDatabase(engine);
  }, 240_000);
  afterAll(async () => {
    await source.dispose();
    await target.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('restores into a fresh database with the same rows and checksums in every table', async () => {
    const written = await backupDatabase(source.database, file);
    expect(written.find((t) => t.name === 'org_units')!.rows).toBeGreaterThan(300);
    const restored = await restoreDatabase(target.database, file);
    expect(restored).toEqual(written);
    for (const table of await tablesInOrder(source.database)) {
      expect(await summariseTable(target.database, table), table).toEqual(
        await summariseTable(source.database, table),
      );
    }
    // New rows continue after the restored ids.
    const [row] = await target.database.query<{ id: number }>(
      `INSERT INTO org_units (code, type, valid_from) VALUES ('MOI', 'grassroots', '2026-01-01') RETURNING id`,
    );
    const [max] = await source.database.query<{ m: number }>('SELECT max(id)::int AS m FROM org_units');
    expect(row!.id).toBeGreaterThan(max!.m);
  }, 240_000);

  it('refuses to restore over data', async () => {
    await expect(restoreDatabase(target.database, file)).rejects.toBeInstanceOf(RestoreError);
  }, 60_000);
});
