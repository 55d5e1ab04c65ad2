import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../test/fixtures.ts';
import {
  createProcessWorkspace,
  type ProcessWorkspace,
  type ServerProcess,
  signInOver,
  sleep,
  spawnTiendo,
  startServerProcess,
  withWorkspaceDatabase,
} from '../test/server-process.ts';
import { testEngines } from '../test/test-database.ts';
import { fillTemplate, rollupsAndRebuild, seedReportingOrg } from './process-fixtures.ts';

/**
 * Faults with real processes: `tiendo serve` and `tiendo rollup rebuild` killed with SIGKILL in
 * the middle of their work, restarted, and the database checked: all or nothing, roll-ups equal
 * to a rebuild from scratch, every acknowledged write present.
 */

const IMPORT_UNITS = 3000;

async function countImported(workspace: ProcessWorkspace, periodId: number) {
  return withWorkspaceDatabase(workspace, async (database) => {
    const [row] = await database.query<{ reports: number; values: number }>(
      `SELECT (SELECT count(*) FROM reports WHERE period_id = $1)::int AS reports,
              (SELECT count(*) FROM report_values v JOIN reports r ON r.id = v.report_id
                WHERE r.period_id = $1)::int AS values`,
      [periodId],
    );
    return row!;
  });
}

/** Whether a backend of this database has written inside a transaction not yet committed. */
async function writingTransactionOpen(workspace: ProcessWorkspace): Promise<boolean> {
  const url = new URL(workspace.env.DATABASE_URL!);
  const name = url.pathname.slice(1);
  const { default: postgres } = await import('postgres');
  url.pathname = '/postgres';
  const admin = postgres(url.toString(), { max: 1, onnotice: () => undefined });
  try {
    const rows = await admin`SELECT 1 FROM pg_stat_activity
                              WHERE datname = ${name} AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()`;
    return rows.length > 0;
  } finally {
    await admin.end();
  }
}

describe.each(testEngines())('SIGKILL during an Excel import on %s', (engine) => {
  let workspace: ProcessWorkspace;
  let server: ServerProcess | null = null;
  let periodIds: number[];
  let filled: Buffer;

  beforeAll(async () => {
    workspace = await createProcessWorkspace(engine);
    const seeded = await withWorkspaceDatabase(workspace, (database) =>
      seedReportingOrg(database, { units: IMPORT_UNITS, fromYear: 2021, toYear: 2025 }),
    );
    periodIds = seeded.periodIds;
    server = await startServerProcess(workspace.env);
    const officer = await signInOver(server.baseUrl, 'officer', TEST_PASSWORD);
    const template = await officer.request(
      'GET',
      `/api/periods/${periodIds[0]}/template.xlsx?parentId=${seeded.topId}`,
    );
    expect(template.status).toBe(200);
    filled = await fillTemplate(await template.arrayBuffer(), IMPORT_UNITS);
  }, 240_000);

  afterAll(async () => {
    await server?.kill();
    await workspace?.dispose();
  });

  const upload = async (periodId: number) => {
    const officer = await signInOver(server!.baseUrl, 'officer', TEST_PASSWORD);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(filled)]), 'bao-cao.xlsx');
    return officer.request('POST', `/api/periods/${periodId}/import?commit=true`, form);
  };

  it('stores all of the import or none of it, and roll-ups equal a rebuild, after a kill mid-transaction', async () => {
    // Calibration: a whole import, to know how long its transaction takes on this machine now.
    const first = periodIds[0]!;
    const before = server!.output().length;
    const response = await upload(first);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ applied: true, reports: IMPORT_UNITS });
    const log = server!.output().slice(before);
    const transactionMs = Number(/đã ghi \d+ báo cáo[^(]*\((\d+) ms\)/.exec(log)?.[1] ?? 1000);

    const outcomes: string[] = [];
    let killedInside = 0;
    // Kill points inside the transaction: late, middle, early; a new period for each attempt.
    for (const [attempt, fraction] of [0.6, 0.35, 0.15, 0.05].entries()) {
      const periodId = periodIds[attempt + 1]!;
      const marker = server!.output().length;
      const pending = upload(periodId).then(
        (r) => `answered ${r.status}`,
        () => 'connection lost',
      );
      const started = new RegExp(`Nhập Excel kỳ ${periodId}: đang ghi`);
      await server!.waitForOutput(started);
      if (engine === 'postgres') {
        // Wait until the transaction has written rows: the kill then lands inside it for sure.
        for (let i = 0; i < 400 && !(await writingTransactionOpen(workspace)); i++) await sleep(5);
      } else {
        await sleep(Math.round(transactionMs * fraction));
      }
      const finished = new RegExp(`Nhập Excel kỳ ${periodId}: đã ghi`).test(server!.output().slice(marker));
      await server!.kill('SIGKILL');
      const answer = await pending;
      server = null;

      const stored = await countImported(workspace, periodId);
      outcomes.push(`${fraction}: ${answer}, ${stored.reports} reports`);
      // All or nothing: never a part of the rows.
      expect([0, IMPORT_UNITS]).toContain(stored.reports);
      expect(stored.values).toBe(stored.reports);
      if (answer === 'answered 200') expect(stored.reports).toBe(IMPORT_UNITS);
      if (!finished && answer === 'connection lost') killedInside++;

      // Roll-ups as stored after the kill equal a from-scratch rebuild.
      const { stored: rollups, rebuilt } = await withWorkspaceDatabase(workspace, rollupsAndRebuild);
      expect(rollups).toEqual(rebuilt);

      // The server starts again on the same database and the same import goes through whole.
      server = await startServerProcess(workspace.env);
      if (stored.reports === 0) {
        const retry = await upload(periodId);
        expect(retry.status).toBe(200);
        expect(await retry.json()).toMatchObject({ applied: true, reports: IMPORT_UNITS });
      }
      if (killedInside >= 2) break;
    }
    // At least one kill landed while the transaction was under way (not before, not after).
    expect(killedInside, outcomes.join('\n')).toBeGreaterThanOrEqual(1);
  }, 600_000);
});

const REBUILD_UNITS = 2000;
const REBUILD_PERIODS = 8;

/** Per period, the roll-up rows as text. */
function byPeriod(snapshot: string[]): Map<number, string[]> {
  const map = new Map<number, string[]>();
  for (const line of snapshot) {
    const period = (JSON.parse(line) as { period_id: number }).period_id;
    map.set(period, [...(map.get(period) ?? []), line]);
  }
  return map;
}

/** The snapshot as it will be once every approved value has grown by one (count, sum). */
function plusOnePerReport(snapshot: string[]): string[] {
  return snapshot.map((line) => {
    const row = JSON.parse(line) as { numerator: number; reporting_units: number };
    return JSON.stringify({ ...row, numerator: row.numerator + row.reporting_units });
  });
}

describe.each(testEngines())('SIGKILL during `tiendo rollup rebuild` on %s', (engine) => {
  let workspace: ProcessWorkspace;
  let perPeriodMs = 100;

  beforeAll(async () => {
    workspace = await createProcessWorkspace(engine);
    await withWorkspaceDatabase(workspace, async (database) => {
      const seeded = await seedReportingOrg(database, {
        units: REBUILD_UNITS,
        fromYear: 2026 - REBUILD_PERIODS,
        toYear: 2025,
      });
      // Approved reports for every unit and period, written directly (the set-up, not the subject).
      await database.exec(`
        INSERT INTO reports (period_id, unit_id, form_version_id, status, due_on)
          SELECT p.id, u.id, f.current_version_id, 'approved', p.due_on
            FROM report_periods p CROSS JOIN org_units u CROSS JOIN report_forms f
           WHERE u.code LIKE 'G%';
        INSERT INTO report_values (report_id, indicator_id, category, numerator)
          SELECT r.id, ${seeded.indicatorId}, 'total', (r.unit_id % 7) + 1 FROM reports r;
      `);
      const started = performance.now();
      await rollupsAndRebuild(database);
      perPeriodMs = (performance.now() - started) / REBUILD_PERIODS;
    });
  }, 240_000);
  afterAll(() => workspace?.dispose());

  it('leaves every period either as it was or wholly rebuilt, and a second run completes it', async () => {
    let killedMidway = false;
    for (let attempt = 0; attempt < 4 && !killedMidway; attempt++) {
      // Values change behind the roll-ups' back, so a rebuilt period differs from one not yet rebuilt.
      const old = await withWorkspaceDatabase(workspace, async (database) => {
        const { rebuilt } = await rollupsAndRebuild(database);
        await database.exec('UPDATE report_values SET numerator = numerator + 1');
        return rebuilt;
      });
      const fresh = plusOnePerReport(old);
      const cli = spawnTiendo(['rollup', 'rebuild'], workspace.env);
      await cli.waitForOutput(new RegExp(`Tính lại: ${1 + (attempt % 3)}/${REBUILD_PERIODS} kỳ`));
      if (engine === 'postgres') {
        for (let i = 0; i < 400 && !(await writingTransactionOpen(workspace)); i++) await sleep(5);
      } else {
        await sleep(Math.round(perPeriodMs * 0.5));
      }
      expect(await cli.kill('SIGKILL')).toBe('SIGKILL');

      const after = byPeriod(
        await withWorkspaceDatabase(workspace, async (d) => (await rollupsAndRebuild(d)).stored),
      );
      const oldBy = byPeriod(old);
      const freshBy = byPeriod(fresh);
      let rebuiltPeriods = 0;
      for (const [period, rows] of oldBy) {
        const now = after.get(period) ?? [];
        // Each period whole: as before the rebuild, or as the rebuild makes it; never a mixture.
        const isOld = JSON.stringify(now) === JSON.stringify(rows);
        const isFresh = JSON.stringify(now) === JSON.stringify(freshBy.get(period));
        expect(isOld || isFresh, `period ${period}`).toBe(true);
        if (isFresh) rebuiltPeriods++;
      }
      killedMidway = rebuiltPeriods > 0 && rebuiltPeriods < REBUILD_PERIODS;
    }
    expect(killedMidway).toBe(true);

    // Run again to the end: roll-ups equal a from-scratch rebuild.
    const again = spawnTiendo(['rollup', 'rebuild'], workspace.env);
    expect(await again.exited, again.output()).toBe(0);
    expect(again.output()).toContain(`Đã tính lại ${REBUILD_PERIODS} kỳ`);
    const { stored, rebuilt } = await withWorkspaceDatabase(workspace, rollupsAndRebuild);
    expect(stored).toEqual(rebuilt);
  }, 600_000);
});

describe.each(testEngines())('acknowledged writes survive a killed server on %s', (engine) => {
  const UNITS = 24;
  let workspace: ProcessWorkspace;
  let unitIds: number[];
  let periodId: number;
  let indicatorId: number;

  beforeAll(async () => {
    workspace = await createProcessWorkspace(engine);
    await withWorkspaceDatabase(workspace, async (database) => {
      const seeded = await seedReportingOrg(database, { units: UNITS, fromYear: 2025, toYear: 2025 });
      periodId = seeded.periodIds[0]!;
      indicatorId = seeded.indicatorId;
      unitIds = (
        await database.query<{ id: number }>(`SELECT id FROM org_units WHERE code LIKE 'G%' ORDER BY id`)
      ).map((r) => r.id);
    });
  }, 120_000);
  afterAll(() => workspace?.dispose());

  it('keeps every 2xx-acknowledged draft after SIGKILL, and the database opens again', async () => {
    const server = await startServerProcess(workspace.env);
    const officer = await signInOver(server.baseUrl, 'officer', TEST_PASSWORD);
    const reports = await Promise.all(
      unitIds.map(async (unitId) => {
        const response = await officer.request('POST', '/api/reports', { periodId, unitId });
        expect(response.status).toBe(200);
        const report = (await response.json()) as { id: number; version: number };
        return { id: report.id, version: report.version, acked: 0, sent: 0 };
      }),
    );
    let stop = false;
    let acknowledged = 0;
    const writers = Array.from({ length: 6 }, async (_, w) => {
      const mine = reports.filter((_, i) => i % 6 === w);
      while (!stop) {
        for (const report of mine) {
          if (stop) break;
          const n = report.acked + 1;
          report.sent = n;
          try {
            const response = await officer.request('PUT', `/api/reports/${report.id}`, {
              values: [{ indicatorId, numerator: n }],
              narrative: { results: `Lần ghi thứ ${n}` },
              version: report.version,
            });
            if (response.status !== 200) throw new Error(`PUT ${response.status}`);
            report.version = ((await response.json()) as { version: number }).version;
            report.acked = n;
            acknowledged++;
          } catch {
            return; // the server is gone
          }
        }
      }
    });
    // Write for a while, then kill the server in the middle of the writes.
    while (acknowledged < 150) await sleep(20);
    await server.kill('SIGKILL');
    stop = true;
    await Promise.all(writers);

    const stored = await withWorkspaceDatabase(workspace, (database) =>
      database.query<{ id: number; numerator: number; narrative: { results: string } }>(
        `SELECT r.id, v.numerator, r.narrative FROM reports r
           JOIN report_values v ON v.report_id = r.id WHERE r.period_id = $1`,
        [periodId],
      ),
    );
    const byId = new Map(stored.map((r) => [r.id, r]));
    for (const report of reports) {
      const row = byId.get(report.id);
      // The last acknowledged write, or the one in flight at the kill (committed, not yet answered).
      expect([report.acked, report.sent], `report ${report.id}`).toContain(row?.numerator);
      expect(row?.narrative.results).toBe(`Lần ghi thứ ${row?.numerator}`);
    }

    // The server starts again on it and serves the stored drafts.
    const again = await startServerProcess(workspace.env);
    try {
      const session = await signInOver(again.baseUrl, 'officer', TEST_PASSWORD);
      const response = await session.request('GET', `/api/reports/${reports[0]!.id}`);
      expect(response.status).toBe(200);
      const body = (await response.json()) as { values: { numerator: number | null }[] };
      expect(body.values[0]?.numerator).toBe(byId.get(reports[0]!.id)?.numerator);
    } finally {
      await again.kill('SIGTERM');
    }
  }, 300_000);
});
