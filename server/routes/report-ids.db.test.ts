import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../services/actor.ts';
import { hashPassword } from '../services/password.ts';
import {
  createTestApp,
  seedCountSchedule,
  seedSmallOrg,
  TEST_PASSWORD,
  type TestApp,
} from '../test/fixtures.ts';
import { openTestDatabase, type TestDatabase, testEngines } from '../test/test-database.ts';

/**
 * Report ids tell nothing (issue 18, break 12): another province's report, and what hangs on it,
 * answers exactly as an id never given — 404 with the same body — where it answered 403 and so
 * told which ids exist.
 */
describe.each(testEngines())('report ids probed from another province on %s', (engine) => {
  let testDb: TestDatabase;
  let t: TestApp;
  let reportId: number;
  let version: number;
  let outsider: Record<string, string>;
  const NEVER = 987_654;

  beforeAll(async () => {
    testDb = await openTestDatabase(engine);
    t = await createTestApp(testDb.database);
    const org = await seedSmallOrg(t.services);
    const { periodIds } = await seedCountSchedule(t.services, org.provinceA.id, {
      name: 'Báo cáo năm',
      formName: 'Mẫu năm',
      frequency: 'annual',
      dueRule: null,
      fromYear: 2025,
      toYear: 2025,
    });
    const report = await t.services.reports.open(SYSTEM_ACTOR, periodIds[0]!, org.grassrootsA1a.id);
    reportId = report.id;
    version = report.version;
    await t.services.userRepository.insert({
      username: 'quanly-b',
      displayName: 'Quản lý tỉnh B',
      passwordHash: await hashPassword(TEST_PASSWORD),
      role: 'manager',
      homeUnitId: org.provinceB.id,
    });
    outsider = await t.signIn('quanly-b');
  });
  afterAll(async () => {
    await t.app.close();
    await testDb.dispose();
  });

  const probes = (id: number) => [
    { method: 'GET' as const, url: `/api/reports/${id}` },
    { method: 'PUT' as const, url: `/api/reports/${id}`, payload: { values: [], narrative: {}, version } },
    { method: 'POST' as const, url: `/api/reports/${id}/submit`, payload: { version } },
    { method: 'POST' as const, url: `/api/reports/${id}/approve`, payload: { version } },
    {
      method: 'POST' as const,
      url: `/api/reports/${id}/return`,
      payload: { reason: 'Thiếu số liệu', version },
    },
    { method: 'GET' as const, url: `/api/reports/${id}/attachments/1` },
  ];

  it('answers another province’s report exactly as an id never given', async () => {
    const existing = probes(reportId);
    const never = probes(NEVER);
    for (const [i, probe] of existing.entries()) {
      const there = await t.app.inject({ ...probe, headers: outsider });
      const absent = await t.app.inject({ ...never[i]!, headers: outsider });
      expect({ url: probe.url, status: there.statusCode }).toEqual({ url: probe.url, status: 404 });
      expect(there.json()).toEqual(absent.json());
      expect(there.json().error.code).toBe('not_found');
    }
  });

  it('still serves the report to its own province', async () => {
    const own = await t.app.inject({
      method: 'GET',
      url: `/api/reports/${reportId}`,
      headers: await t.signIn('manager'),
    });
    expect(own.statusCode).toBe(200);
    expect(own.json().id).toBe(reportId);
  });
});
