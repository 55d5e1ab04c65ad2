import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { TEST_PASSWORD } from '../test/fixtures.ts';
import { type PrivatePostgres, postgresBinDir, startPrivatePostgres } from '../test/private-postgres.ts';
import {
  type HttpSession,
  type ServerProcess,
  signInOver,
  sleep,
  startServerProcess,
} from '../test/server-process.ts';
import { seedReportingOrg } from './process-fixtures.ts';

/**
 * PostgreSQL restarted under load, on a cluster of the test's own: the server process keeps
 * running, answers 503 with a Vietnamese message while the database is away, serves again by
 * itself afterwards, and no write it acknowledged with 2xx is lost.
 */

const UNITS = 40;
const WRITERS = 10;
const bin = postgresBinDir();
if (!bin)
  process.stdout.write(
    '[tiendo] initdb not found: the PostgreSQL restart test is skipped (CI installs it).\n',
  );

interface Tracked {
  id: number;
  version: number;
  /** The value of the last write answered 2xx. */
  acked: number;
  /** The value of the last write sent (it may have committed even if the answer was lost). */
  sent: number;
}

describe.skipIf(!bin)('PostgreSQL restarted under load', () => {
  let cluster: PrivatePostgres;
  let server: ServerProcess;
  let dataDir: string;
  let periodId: number;
  let indicatorId: number;
  let unitIds: number[];

  beforeAll(async () => {
    cluster = await startPrivatePostgres();
    const admin = postgres(cluster.url(), { max: 1, onnotice: () => undefined });
    await admin.unsafe('CREATE DATABASE tiendo');
    await admin.end();
    const database = openDatabase({ databaseUrl: cluster.url('tiendo') });
    try {
      await migrate(database);
      const seeded = await seedReportingOrg(database, { units: UNITS, fromYear: 2025, toYear: 2025 });
      periodId = seeded.periodIds[0]!;
      indicatorId = seeded.indicatorId;
      unitIds = (
        await database.query<{ id: number }>(`SELECT id FROM org_units WHERE code LIKE 'G%' ORDER BY id`)
      ).map((r) => r.id);
    } finally {
      await database.close();
    }
    dataDir = mkdtempSync(join(tmpdir(), 'tiendo-pgrestart-'));
    server = await startServerProcess({ DATABASE_URL: cluster.url('tiendo'), TIENDO_DATA_DIR: dataDir });
  }, 180_000);

  afterAll(async () => {
    await server?.kill('SIGTERM');
    cluster?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  async function openReports(officer: HttpSession): Promise<Tracked[]> {
    return Promise.all(
      unitIds.map(async (unitId) => {
        const response = await officer.request('POST', '/api/reports', { periodId, unitId });
        expect(response.status).toBe(200);
        const report = (await response.json()) as {
          id: number;
          version: number;
          values: { numerator: number | null }[];
        };
        const value = report.values[0]?.numerator ?? 0;
        return { id: report.id, version: report.version, acked: value, sent: value };
      }),
    );
  }

  it.each(['fast', 'immediate'] as const)(
    'reconnects by itself after `pg_ctl restart -m %s` and keeps every acknowledged write',
    async (mode) => {
      const officer = await signInOver(server.baseUrl, 'officer', TEST_PASSWORD);
      const reports = await openReports(officer);
      const pid = server.child.pid;
      const refusals: string[] = [];
      let phase: 'before' | 'restarting' | 'after' = 'before';
      let ackedBefore = 0;
      const ackedAfter = new Array<number>(WRITERS).fill(0);

      const write = async (report: Tracked): Promise<boolean> => {
        const n = report.sent + 1;
        report.sent = n;
        const response = await officer.request('PUT', `/api/reports/${report.id}`, {
          values: [{ indicatorId, numerator: n }],
          narrative: { results: `Lần ghi thứ ${n}` },
          version: report.version,
        });
        if (response.status === 200) {
          report.version = ((await response.json()) as { version: number }).version;
          report.acked = n;
          return true;
        }
        const body = (await response.json()) as { error: { code: string; message: string } };
        if (response.status === 409) {
          // The write in flight at the restart committed but its answer was lost: read it back.
          const current = (await (await officer.request('GET', `/api/reports/${report.id}`)).json()) as {
            version: number;
            values: { numerator: number | null }[];
          };
          report.version = current.version;
          report.sent = current.values[0]?.numerator ?? report.sent;
          report.acked = report.sent;
          return false;
        }
        refusals.push(`${phase} ${response.status} ${body.error.code}: ${body.error.message}`);
        return false;
      };

      const writers = Array.from({ length: WRITERS }, async (_, w) => {
        const mine = reports.filter((_, i) => i % WRITERS === w);
        let attemptsAfter = 0;
        for (let i = 0; ; i = (i + 1) % mine.length) {
          const ok = await write(mine[i]!).catch((error: Error) => {
            refusals.push(`${phase} network ${error.message}`);
            return false;
          });
          if (phase === 'before' && ok) ackedBefore++;
          if (phase === 'after') {
            attemptsAfter++;
            if (ok) ackedAfter[w]!++;
            // Bounded: every client succeeds again within 300 attempts after the restart.
            if (ackedAfter[w]! >= 5 || attemptsAfter >= 300) return;
          }
          if (!ok) await sleep(20);
        }
      });

      while (ackedBefore < 100) await sleep(10);
      phase = 'restarting';
      await cluster.restart(mode);
      phase = 'after';
      await Promise.all(writers);

      // The same server process, still running, served every client again.
      expect(server.child.pid).toBe(pid);
      expect(server.child.exitCode, server.output().slice(-3000)).toBeNull();
      expect(
        ackedAfter.every((n) => n >= 5),
        `${ackedAfter}\n${refusals.join('\n')}`,
      ).toBe(true);
      // While the database was away: 503 with a message in Vietnamese, never a 500 or a dropped connection.
      for (const refusal of refusals)
        expect(refusal).toMatch(/^(restarting|after) 503 database_unavailable: .*cơ sở dữ liệu/);

      const database = openDatabase({ databaseUrl: cluster.url('tiendo') });
      try {
        const stored = new Map(
          (
            await database.query<{ id: number; numerator: number }>(
              `SELECT r.id, v.numerator FROM reports r JOIN report_values v ON v.report_id = r.id
                WHERE r.period_id = $1`,
              [periodId],
            )
          ).map((r) => [r.id, r.numerator]),
        );
        for (const report of reports) {
          // Every acknowledged write is there (or the one after it, sent and committed unanswered).
          expect([report.acked, report.sent], `report ${report.id}`).toContain(stored.get(report.id));
        }
      } finally {
        await database.close();
      }
    },
    180_000,
  );
});
