import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { withDatabaseName } from '../test/global-setup.ts';
import { type ServerProcess, signInOver, startServerProcess } from '../test/server-process.ts';

const DEMO_PASSWORD = 'tiendo-demo-2025';

/** A PostgreSQL database with nothing in it (not the migrated template): a first start. */
async function emptyDatabase(): Promise<{ env: Record<string, string>; dispose: () => Promise<void> }> {
  const url = inject('postgresUrl');
  const name = `tiendo_first_${randomBytes(6).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  const dataDir = mkdtempSync(join(tmpdir(), 'tiendo-first-'));
  return {
    env: { TIENDO_DATA_DIR: dataDir, DATABASE_URL: withDatabaseName(url, name) },
    dispose: async () => {
      const again = postgres(url, { max: 1, onnotice: () => undefined });
      await again.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function count(databaseUrl: string, sqlText: string): Promise<number> {
  const client = postgres(databaseUrl, { max: 1, onnotice: () => undefined });
  try {
    const [row] = await client.unsafe<{ n: number }[]>(sqlText);
    return Number(row!.n);
  } finally {
    await client.end();
  }
}

/**
 * First start on an empty production database (issue 18, break 8): no demo unless asked, the
 * setup wizard named on the console; instances started together take turns (advisory lock around
 * migrations and demo), and every one of them comes up listening.
 */
describe.skipIf(!inject('postgresUrl'))('first start on an empty PostgreSQL database', () => {
  describe('without a demo flag', () => {
    let database: Awaited<ReturnType<typeof emptyDatabase>>;
    let server: ServerProcess;
    beforeAll(async () => {
      database = await emptyDatabase();
      // No TIENDO_DEMO at all (the helper's default 'off' blanked: unset).
      server = await startServerProcess({ ...database.env, TIENDO_DEMO: '' });
    }, 180_000);
    afterAll(async () => {
      await server?.kill('SIGTERM');
      await database?.dispose();
    });

    it('starts empty and says how to open the setup wizard', async () => {
      await server.waitForOutput(/Tiến Độ đang chạy/);
      expect(server.output()).toMatch(/\/thiet-lap/);
      expect(server.output()).not.toContain(DEMO_PASSWORD);
      const setup = (await (await fetch(`${server.baseUrl}/api/setup`)).json()) as { needsSetup: boolean };
      expect(setup).toMatchObject({ needsSetup: true, demo: false });
      expect(await count(database.env.DATABASE_URL!, 'SELECT count(*) AS n FROM users')).toBe(0);
      expect(await count(database.env.DATABASE_URL!, 'SELECT count(*) AS n FROM org_units')).toBe(0);
    });
  });

  describe('two instances at once with TIENDO_DEMO=1', () => {
    let database: Awaited<ReturnType<typeof emptyDatabase>>;
    let servers: ServerProcess[] = [];
    beforeAll(async () => {
      database = await emptyDatabase();
      servers = await Promise.all([
        startServerProcess({ ...database.env, TIENDO_DEMO: '1' }),
        startServerProcess({ ...database.env, TIENDO_DEMO: '1' }),
      ]);
    }, 300_000);
    afterAll(async () => {
      await Promise.all(servers.map((s) => s.kill('SIGTERM')));
      await database?.dispose();
    });

    it('migrates and loads the demo once; both listen and serve the same accounts', async () => {
      for (const server of servers) await server.waitForOutput(/Tiến Độ đang chạy/);
      const printed = servers.filter((s) => s.output().includes(DEMO_PASSWORD));
      expect(printed).toHaveLength(1);
      const url = database.env.DATABASE_URL!;
      expect(await count(url, "SELECT count(*) AS n FROM app_settings WHERE key = 'demo'")).toBe(1);
      expect(await count(url, 'SELECT count(*) - count(DISTINCT code) AS n FROM org_units')).toBe(0);
      const users = await count(url, 'SELECT count(*) AS n FROM users');
      expect(users).toBeGreaterThan(0);
      for (const server of servers) {
        const session = await signInOver(server.baseUrl, 'admin', DEMO_PASSWORD);
        expect((await session.request('GET', '/api/auth/me')).status).toBe(200);
      }
    });
  });
});
