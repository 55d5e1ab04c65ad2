import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_PASSWORD } from '../test/fixtures.ts';
import {
  createProcessWorkspace,
  type ProcessWorkspace,
  type ServerProcess,
  sessionOf,
  signInOver,
  startServerProcess,
  withWorkspaceDatabase,
} from '../test/server-process.ts';
import { seedReportingOrg } from './process-fixtures.ts';

/**
 * Two `tiendo serve` processes on one PostgreSQL database, as behind a reverse proxy: a session
 * made on one works on the other, and an approval made on one shows at once in the other's
 * roll-ups. (Reminder jobs claimed once across instances: `server/services/reminder.db.test.ts`.)
 */
describe.skipIf(!inject('postgresUrl'))('two server instances on one PostgreSQL', () => {
  let workspace: ProcessWorkspace;
  let a: ServerProcess;
  let b: ServerProcess;
  let periodId: number;
  let indicatorId: number;
  let topId: number;
  let unitId: number;

  beforeAll(async () => {
    workspace = await createProcessWorkspace('postgres');
    await withWorkspaceDatabase(workspace, async (database) => {
      const seeded = await seedReportingOrg(database, { units: 5, fromYear: 2025, toYear: 2025 });
      periodId = seeded.periodIds[0]!;
      indicatorId = seeded.indicatorId;
      topId = seeded.topId;
      unitId = (await database.query<{ id: number }>(`SELECT id FROM org_units WHERE code = 'G1'`))[0]!.id;
    });
    [a, b] = await Promise.all([startServerProcess(workspace.env), startServerProcess(workspace.env)]);
  }, 180_000);

  afterAll(async () => {
    await Promise.all([a?.kill('SIGTERM'), b?.kill('SIGTERM')]);
    await workspace?.dispose();
  });

  it('serves a session signed in on A also on B, and signs it out everywhere', async () => {
    const onA = await signInOver(a.baseUrl, 'officer', TEST_PASSWORD);
    const onB = sessionOf(b.baseUrl, onA.headers);
    const me = await onB.request('GET', '/api/auth/me');
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ user: { username: 'officer' } });
    // A has served the session (and keeps it in memory) before B signs it out.
    expect((await onA.request('GET', '/api/auth/me')).status).toBe(200);
    expect((await onB.request('POST', '/api/auth/logout', {})).status).toBeLessThan(300);
    expect((await onB.request('GET', '/api/auth/me')).status).toBe(401);
    // A hears of it from the database (NOTIFY on commit): within milliseconds, not at once.
    await expect
      .poll(async () => (await onA.request('GET', '/api/auth/me')).status, { timeout: 2000, interval: 5 })
      .toBe(401);
  });

  it('shows an approval made on B in the roll-ups read from A', async () => {
    const officer = await signInOver(a.baseUrl, 'officer', TEST_PASSWORD);
    const opened = (await (await officer.request('POST', '/api/reports', { periodId, unitId })).json()) as {
      id: number;
      version: number;
    };
    const saved = await officer.request('PUT', `/api/reports/${opened.id}`, {
      values: [{ indicatorId, numerator: 17 }],
      narrative: { results: 'Đã tổ chức 17 hoạt động.' },
      version: opened.version,
    });
    expect(saved.status).toBe(200);
    const submitted = await officer.request('POST', `/api/reports/${opened.id}/submit`, {
      version: ((await saved.json()) as { version: number }).version,
    });
    expect(submitted.status).toBe(200);

    const drilldown = async () => {
      const response = await officer.request('GET', `/api/periods/${periodId}/drilldown?unitId=${topId}`);
      expect(response.status).toBe(200);
      const body = (await response.json()) as {
        unit: { figures: { indicatorId: number; numerator: number }[] };
      };
      return body.unit.figures.find((f) => f.indicatorId === indicatorId)?.numerator ?? 0;
    };
    expect(await drilldown()).toBe(0);

    const manager = await signInOver(b.baseUrl, 'manager', TEST_PASSWORD);
    const approved = await manager.request('POST', `/api/reports/${opened.id}/approve`, {
      version: ((await submitted.json()) as { version: number }).version,
    });
    expect(approved.status).toBe(200);
    // Read on A right after the approval on B: no cache between the instances.
    expect(await drilldown()).toBe(17);
  });
});
