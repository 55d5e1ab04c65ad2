import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../services/actor.ts';
import { createServices, type Services } from '../services/services.ts';
import { openTestDatabase, type TestDatabase, testEngines } from '../test/test-database.ts';
import { loadDemoWorkspace } from './demo-workspace.ts';

describe.each(testEngines())('demo workspace on %s', (engine) => {
  let testDb: TestDatabase;
  let services: Services;

  beforeAll(async () => {
    testDb = await openTestDatabase(engine);
    services = createServices(testDb.database, { sessionTtlHours: 1 });
    await loadDemoWorkspace(services);
  }, 180_000);
  afterAll(() => testDb.dispose());

  it('has the 2025 structure, about 200 grassroots unions and the demo accounts', async () => {
    const national = (await services.orgRepository.findUnitByCode('TLD'))!;
    const tree = await services.org.tree(SYSTEM_ACTOR, '2026-01-01', national.id);
    expect(tree.units.filter((u) => u.type === 'province')).toHaveLength(34);
    const grassroots = tree.units.filter((u) => u.type === 'grassroots');
    expect(grassroots.length).toBeGreaterThanOrEqual(180);
    expect(grassroots.every((u) => u.isDemo)).toBe(true);
    expect((await services.users.list(SYSTEM_ACTOR)).map((u) => u.username)).toEqual(
      expect.arrayContaining(['admin', 'hungyen', 'laichau', 'cdcs']),
    );
    // Before the merger the same grassroots unions sat under district federations.
    const before = await services.org.tree(SYSTEM_ACTOR, '2025-06-30', national.id);
    expect(before.units.filter((u) => u.type === 'district').length).toBeGreaterThan(0);
  });

  it('stores the seed plans with their chains and Lai Châu’s compliance', async () => {
    const laiChau = (await services.orgRepository.findUnitByCode('LDLD-12'))!;
    const plans = await services.plans.list(SYSTEM_ACTOR, laiChau.id);
    const received = plans.find((p) => p.origin === 'received' && p.symbol?.startsWith('72/'))!;
    expect(received).toBeTruthy();
    const compliance = await services.planCompliance.compliance(SYSTEM_ACTOR, received.id);
    expect(compliance.inScope).toBeGreaterThanOrEqual(3);
    expect(compliance.issued).toBe(1);
    expect(compliance.rows.filter((r) => r.planStatus === 'draft')).toHaveLength(1);
    const documents = await services.documentRegistry.search(SYSTEM_ACTOR, { q: '', limit: 200 });
    expect(documents.filter((d) => !d.knownByReference).length).toBeGreaterThanOrEqual(6);
    expect(documents.some((d) => d.symbol === '28-CT/TW' && d.knownByReference)).toBe(true);
  });

  it('has reports of past and current periods in every state', async () => {
    const laiChau = (await services.orgRepository.findUnitByCode('LDLD-12'))!;
    const plan = (await services.plans.list(SYSTEM_ACTOR, laiChau.id)).find(
      (p) => p.origin === 'received' && p.unitId === laiChau.id,
    )!;
    const [schedule] = await services.schedules.schedulesOfPlan(SYSTEM_ACTOR, plan.id);
    expect(schedule!.periods.map((p) => p.key)).toEqual(['2024', '2025', '2026']);
    const current = await services.schedules.periodStatus(SYSTEM_ACTOR, schedule!.periods[2]!.id);
    const states = new Set(current.rows.map((r) => r.status));
    for (const state of ['approved', 'submitted', 'returned', 'draft', 'not_started'])
      expect(states).toContain(state);
    expect(current.late).toBeGreaterThan(0);
    const past = await services.schedules.periodStatus(SYSTEM_ACTOR, schedule!.periods[0]!.id);
    expect(past.approved / past.expected).toBeGreaterThan(0.7);
  });
});
