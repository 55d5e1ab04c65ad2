import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TReport } from '../../contracts/reporting.ts';
import { parsePlanDocument } from '../../documents/parse/parse-plan-document.ts';
import { emptyPlanContent } from '../../domain/plans/empty-plan.ts';
import { createTestApp, type TestApp } from '../test/fixtures.ts';
import { openTestDatabase, type TestDatabase, testEngines } from '../test/test-database.ts';
import { type Actor, SYSTEM_ACTOR } from './actor.ts';

/**
 *   N ─── A ─┬─ A1 ─┬─ g1
 *            │      └─ g2
 *            └─ A2 ─── g3
 * The nation's plan has a half-yearly reporting duty; province A derives its plan from it, commune
 * A1 from A's. One schedule made on A1's plan makes the ones above (A's, N's), and a grassroots
 * report reaches the nation's consolidated report through two consolidations, each sent up and
 * reviewed like any report.
 */
describe.each(testEngines())('the loop closed upward on %s', (engine) => {
  let testDb: TestDatabase;
  let t: TestApp;
  const u: Record<string, number> = {};
  const plan: Record<string, number> = {};
  let trainedId: number;
  let year: number;

  const actor = (home: string, role: Actor['role'] = 'manager'): Actor => ({
    userId: null,
    role,
    homeUnitId: u[home]!,
    ip: null,
  });

  const form = () => ({
    name: 'Biểu 6 tháng',
    indicators: [{ indicatorId: trainedId, required: true }],
    sections: [{ key: 'results', title: 'Kết quả thực hiện', required: false }],
    allowAttachments: false,
  });

  const scheduleOn = (planId: number) =>
    t.services.schedules.createSchedule(actor('A'), {
      planId,
      dutyIndex: 0,
      name: 'Báo cáo 6 tháng',
      frequency: 'semiannual',
      dueRule: '06-05',
      fromYear: year,
      toYear: year,
      leadDays: 5,
      unitTypes: ['grassroots'],
      form: form(),
    });

  async function submitted(periodId: number, unit: string, numerator: number, denominator: number) {
    const s = t.services;
    let report: TReport = await s.reports.open(actor(unit, 'officer'), periodId, u[unit]!);
    report = await s.reports.save(actor(unit, 'officer'), report.id, {
      values: [{ indicatorId: trainedId, category: 'total', numerator, denominator, comment: null }],
      narrative: { results: `Tập huấn ${numerator}/${denominator} cán bộ ở ${unit}.` },
      version: report.version,
    });
    return s.reports.submit(actor(unit, 'officer'), report.id, report.version);
  }

  beforeAll(async () => {
    testDb = await openTestDatabase(engine);
    t = await createTestApp(testDb.database);
    const s = t.services;
    year = Number(s.access.today().slice(0, 4));
    const create = async (
      code: string,
      type: 'national' | 'province' | 'commune' | 'grassroots',
      parent: string | null,
    ) => {
      u[code] = (
        await s.orgChange.create(SYSTEM_ACTOR, {
          code,
          name: `Đơn vị ${code}`,
          shortName: null,
          type,
          parentId: parent ? u[parent]! : null,
          effectiveDate: '2020-01-01',
        })
      ).id;
    };
    await create('N', 'national', null);
    await create('A', 'province', 'N');
    await create('A1', 'commune', 'A');
    await create('A2', 'commune', 'A');
    await create('g1', 'grassroots', 'A1');
    await create('g2', 'grassroots', 'A1');
    await create('g3', 'grassroots', 'A2');
    trainedId = (
      await s.indicators.createIndicator(SYSTEM_ACTOR, {
        code: 'TRAINED',
        name: 'Tỷ lệ cán bộ chủ chốt được tập huấn',
        kind: 'ratio',
        unit: '%',
        numeratorLabel: 'Được tập huấn',
        denominatorLabel: 'Tổng số',
        disaggregation: 'none',
        aggregation: 'sum',
        threshold: 1,
      })
    ).id;
    plan.N = (
      await s.plans.create(SYSTEM_ACTOR, u.N!, {
        ...emptyPlanContent('Kế hoạch tập huấn cán bộ công đoàn năm 2025', 2025),
        reporting: [{ frequency: 'semiannual', due: '06-20', recipient: null }],
      })
    ).id;
    plan.A = (await s.planDerive.derive(SYSTEM_ACTOR, plan.N, { unitId: u.A!, reportLeadDays: 5 })).id;
    plan.A1 = (await s.planDerive.derive(SYSTEM_ACTOR, plan.A, { unitId: u.A1!, reportLeadDays: 5 })).id;
    plan.A2 = (await s.planDerive.derive(SYSTEM_ACTOR, plan.A, { unitId: u.A2!, reportLeadDays: 5 })).id;
  }, 120_000);
  afterAll(async () => {
    await t.app.close();
    await testDb.dispose();
  });

  let communePeriod: number;

  it('makes the schedules of every level above from one duty, once', async () => {
    const s = t.services;
    const commune = await scheduleOn(plan.A1!);
    expect(commune.upward.map((x) => [x.planId, x.unitId, x.unitName])).toEqual([
      [plan.A, u.A, 'Đơn vị A'],
      [plan.N, u.N, 'Đơn vị N'],
    ]);
    communePeriod = commune.periods.find((p) => p.key === `${year}-H1`)!.id;
    const [province] = await s.schedules.schedulesOfPlan(SYSTEM_ACTOR, plan.A!);
    // the province's communes report to it; the nation's provinces to the nation
    expect(province).toMatchObject({ unitTypes: [], frequency: 'semiannual', name: 'Báo cáo 6 tháng' });
    expect(province!.periods.map((p) => p.key)).toEqual([`${year}-H1`, `${year}-H2`]);
    expect(province!.form.indicators.map((i) => i.id)).toEqual([trainedId]);
    const [nation] = await s.schedules.schedulesOfPlan(SYSTEM_ACTOR, plan.N!);
    // the nation's own duty (20/6) dates its period; the province's (derived: 5 days earlier) its own
    expect(nation!.periods[0]!.dueOn).toBe(`${year}-06-20`);
    expect(province!.periods[0]!.dueOn).toBe(`${year}-06-15`);
    // each unit owes the report of its own level only: g1 to its commune, A1 to the province
    const owed = async (unit: string) =>
      (await s.schedules.myDue(actor(unit, 'officer'))).map((d) => d.periodId).sort((a, b) => a - b);
    const h1Of = (periods: { id: number; key: string }[]) => periods.find((p) => p.key === `${year}-H1`)!.id;
    const g1Owes = await owed('g1');
    expect(g1Owes).toContain(communePeriod);
    expect(g1Owes.every((id) => commune.periods.some((p) => p.id === id))).toBe(true);
    const a1Owes = await owed('A1');
    expect(a1Owes).toContain(h1Of(province!.periods));
    expect(a1Owes.every((id) => province!.periods.some((p) => p.id === id))).toBe(true);
    expect(await owed('A')).toContain(h1Of(nation!.periods));
    // A2's schedule finds the levels above already there: nothing more is made
    expect((await scheduleOn(plan.A2!)).upward).toEqual([]);
    expect(await s.schedules.schedulesOfPlan(SYSTEM_ACTOR, plan.A!)).toHaveLength(1);
    expect(await s.schedules.schedulesOfPlan(SYSTEM_ACTOR, plan.N!)).toHaveLength(1);
  });

  it('carries a grassroots report to the nation through two consolidations, reviewed at each level', async () => {
    const s = t.services;
    // grassroots → commune: sent, approved by the commune's officer
    for (const [unit, n] of [
      ['g1', 9],
      ['g2', 8],
    ] as const) {
      const sent = await submitted(communePeriod, unit, n, 10);
      await s.reviews.approve(actor('A1', 'officer'), sent.id, sent.version);
    }

    // the commune's consolidated report always has somewhere to go, and goes there
    const commune = await s.consolidated.compile(actor('A1', 'officer'), communePeriod, u.A1!);
    expect(commune.values[0]!.total).toMatchObject({ numerator: 17, denominator: 20 });
    expect(commune.upward).toMatchObject({ reportId: null, scheduleName: 'Báo cáo 6 tháng' });
    const communeUp = await s.consolidated.submit(actor('A1', 'officer'), communePeriod, {
      unitId: u.A1!,
      narrative: { results: 'Xã A1: 17/20 cán bộ được tập huấn.' },
      submit: true,
    });
    expect(communeUp).toMatchObject({ unitId: u.A1, status: 'submitted' });

    // it lands in the province's review queue, beside its units' reports, and is approved the same way
    const provinceQueue = await s.reviews.reviewQueue(actor('A'));
    expect(provinceQueue.items.map((i) => i.reportId)).toContain(communeUp.id);
    await s.reviews.approve(actor('A'), communeUp.id, communeUp.version);

    // province → nation
    const provincePeriod = commune.upward!.periodId;
    const province = await s.consolidated.compile(actor('A'), provincePeriod, u.A!);
    expect(province.values[0]!.total).toMatchObject({ numerator: 17, denominator: 20 });
    expect(province.sections[0]!.text).toContain('17/20 cán bộ');
    expect(province.upward).not.toBeNull();
    let provinceUp = await s.consolidated.submit(actor('A'), provincePeriod, {
      unitId: u.A!,
      narrative: { results: 'Tỉnh A: 17/20.' },
      submit: true,
    });

    // the nation returns it (the one state machine), the province sends it again, the nation approves
    const nationQueue = await s.reviews.reviewQueue(actor('N'));
    expect(nationQueue.items.map((i) => i.reportId)).toContain(provinceUp.id);
    await expect(s.reviews.approve(actor('A'), provinceUp.id, provinceUp.version)).rejects.toMatchObject({
      status: 403,
    });
    const returned = await s.reviews.returnReport(
      actor('N'),
      provinceUp.id,
      'Bổ sung kết quả.',
      provinceUp.version,
    );
    expect(returned.status).toBe('returned');
    provinceUp = await s.consolidated.submit(actor('A'), provincePeriod, {
      unitId: u.A!,
      narrative: { results: 'Tỉnh A: 17/20 cán bộ chủ chốt được tập huấn.' },
      submit: true,
    });
    expect(provinceUp).toMatchObject({ id: returned.id, status: 'submitted' });
    await s.reviews.approve(actor('N'), provinceUp.id, provinceUp.version);

    // the nation's consolidated report holds the grassroots figures, from the province's report
    const nationPeriod = province.upward!.periodId;
    const nation = await s.consolidated.compile(actor('N'), nationPeriod, u.N!);
    expect(nation.values[0]!.total).toMatchObject({ numerator: 17, denominator: 20, value: 85 });
    expect(nation.values[0]!.units.map((x) => [x.unitId, x.figure.value])).toEqual([[u.A, 85]]);
    expect(nation.sections[0]!.text).toContain('Tỉnh A: 17/20 cán bộ chủ chốt');
    // the top has no level above
    expect(nation.upward).toBeNull();
  });
  it('goes up from a plan read from its document to the plan of the level above it names as its basis', async () => {
    const s = t.services;
    // Lai Châu's 72/KH names Kế hoạch 59/KH-TLĐ of 23/04/2024 as its basis
    const text = readFileSync(
      new URL('../../resources/seeds/002_ecf9da9cd69f7705.txt', import.meta.url),
      'utf8',
    );
    const own = parsePlanDocument(text, { source: '002.txt' }).documents[0]!;
    const basis = own.references.find((r) => r.symbol.startsWith('59/'))!;
    expect(basis).toMatchObject({ relation: 'basis', date: '2024-04-23' });
    const nationPlan = await s.plans.createFromExtract(SYSTEM_ACTOR, {
      unitId: u.N!,
      document: { ...own, symbol: basis.symbol, date: basis.date, issuer: basis.issuer, references: [] },
      sourceText: null,
      sourceFileName: '59.txt',
    });
    const provincePlan = await s.plans.createFromExtract(SYSTEM_ACTOR, {
      unitId: u.A!,
      document: own,
      sourceText: null,
      sourceFileName: '002.txt',
    });
    const communePlan = await s.planDerive.derive(SYSTEM_ACTOR, provincePlan.id, {
      unitId: u.A2!,
      reportLeadDays: 5,
    });
    const made = await s.schedules.createSchedule(actor('A'), {
      planId: communePlan.id,
      dutyIndex: null,
      name: 'Báo cáo năm',
      frequency: 'annual',
      dueRule: '11-10',
      fromYear: year,
      toYear: year,
      leadDays: 5,
      unitTypes: ['grassroots'],
      form: form(),
    });
    expect(made.upward.map((x) => x.planId)).toEqual([provincePlan.id, nationPlan.id]);
    const provincePeriod = (await s.schedules.schedulesOfPlan(SYSTEM_ACTOR, provincePlan.id))[0]!.periods[0]!;
    const compiled = await s.consolidated.compile(actor('A'), provincePeriod.id, u.A!);
    expect(compiled.upward?.periodId).toBe(
      (await s.schedules.schedulesOfPlan(SYSTEM_ACTOR, nationPlan.id))[0]!.periods[0]!.id,
    );
  });
});
