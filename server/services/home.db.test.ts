import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyPlanContent } from '../../domain/plans/empty-plan.ts';
import { seedCountSchedule, seedSmallOrg } from '../test/fixtures.ts';
import { openTestDatabase, type TestDatabase, testEngines } from '../test/test-database.ts';
import { type Actor, SYSTEM_ACTOR } from './actor.ts';
import { createServices, type Services } from './services.ts';

const SIGNER = {
  authority: 'TM.' as const,
  on_behalf_of: 'Đoàn Chủ tịch',
  title: 'Chủ tịch',
  name: 'Nguyễn Văn An',
};

describe.each(testEngines())('each role’s home on %s', (engine) => {
  let testDb: TestDatabase;
  let services: Services;
  let org: Awaited<ReturnType<typeof seedSmallOrg>>;
  let manager: Actor;
  let chair: Actor;
  let leader: Actor;
  let periodId: number;
  let draftPlanId: number;
  let nationalPlanId: number;
  const today = new Date('2025-11-05T03:00:00Z');

  beforeAll(async () => {
    testDb = await openTestDatabase(engine);
    services = createServices(testDb.database, { sessionTtlHours: 1 }, () => today);
    org = await seedSmallOrg(services);
    manager = { userId: org.users.manager!, role: 'manager', homeUnitId: org.provinceA.id, ip: null };
    chair = { userId: org.users.chair!, role: 'officer', homeUnitId: org.grassrootsA1a.id, ip: null };
    leader = { userId: org.users.viewer!, role: 'viewer', homeUnitId: org.provinceA.id, ip: null };
    const seeded = await seedCountSchedule(services, org.provinceA.id, {
      name: 'Báo cáo năm',
      formName: 'Biểu năm',
      frequency: 'annual',
      dueRule: '11-10',
      fromYear: 2025,
      toYear: 2025,
    });
    periodId = seeded.periodIds[0]!;
    const draft = await services.plans.create(
      SYSTEM_ACTOR,
      org.provinceA.id,
      emptyPlanContent('Kế hoạch nháp', 2025),
    );
    draftPlanId = draft.id;
    const national = await services.plans.create(
      SYSTEM_ACTOR,
      org.national.id,
      emptyPlanContent('Kế hoạch của Tổng Liên đoàn', 2026),
    );
    await services.planIssue.issue(SYSTEM_ACTOR, national.id, {
      symbol: '1/KH-TLĐ',
      issuedOn: '2025-01-10',
      signer: SIGNER,
      version: national.version,
    });
    nationalPlanId = national.id;
  });
  afterAll(() => testDb.dispose());

  it('shows each role the menu its work needs, by the one access policy', async () => {
    expect(await services.home.menu(chair)).toMatchObject({ hasUnitsBelow: false });
    const chairPages = (await services.home.menu(chair)).pages;
    expect(chairPages).toContain('myReports');
    expect(chairPages).not.toContain('reviewQueue');
    expect(chairPages).not.toContain('consolidated');
    const managerPages = (await services.home.menu(manager)).pages;
    expect(managerPages).toEqual(
      expect.arrayContaining(['reviewQueue', 'consolidated', 'users', 'indicators']),
    );
    expect((await services.home.menu(leader)).pages).not.toContain('myReports');
  });

  it("gives the grassroots officer the unit's report due, and nothing of the units below", async () => {
    const home = await services.home.home(chair);
    expect(home.sections).toEqual(['reportsDue', 'returned']);
    expect(home.unit.unitId).toBe(org.grassrootsA1a.id);
    expect(home.reportsDue.map((d) => d.periodId)).toEqual([periodId]);
    expect(home.review.total).toBe(0);
    expect(home.lateUnits).toEqual([]);
  });

  it("gives the manager the week's deadline, the plan received to derive and the draft to issue", async () => {
    const home = await services.home.home(manager);
    expect(home.sections).toEqual(expect.arrayContaining(['review', 'plansToAct', 'lateUnits', 'deadlines']));
    expect(home.deadlines.map((d) => d.periodId)).toEqual([periodId]);
    expect(home.deadlines[0]).toMatchObject({ expected: 1, submitted: 0 });
    expect(home.plansToDerive.map((p) => p.id)).toEqual([nationalPlanId]);
    expect(home.plansToIssue.map((p) => p.id)).toContain(draftPlanId);
  });

  it('names the unit late once its date has passed, to the manager and the leader', async () => {
    const later = createServices(
      testDb.database,
      { sessionTtlHours: 1 },
      () => new Date('2025-11-20T03:00:00Z'),
    );
    const home = await later.home.home(manager);
    expect(home.lateUnits).toHaveLength(1);
    expect(home.lateUnits[0]).toMatchObject({ periodId, lateCount: 1 });
    expect(home.lateUnits[0]!.lateUnits.map((u) => u.unitId)).toEqual([org.grassrootsA1a.id]);
    const leaderHome = await later.home.home(leader);
    expect(leaderHome.sections).toEqual(['plansProgress', 'lateUnits']);
    expect(leaderHome.lateUnits[0]).toMatchObject({ periodId, lateCount: 1 });
    expect(leaderHome.plans.map((p) => p.title)).toContain('Kế hoạch');
    expect(leaderHome.reportsDue).toEqual([]);
  });

  it('puts a sent report in the review queue of the level above, and a returned one back home', async () => {
    const opened = await services.reports.open(chair, periodId, org.grassrootsA1a.id);
    const indicatorId = opened.form.indicators[0]!.id;
    const saved = await services.reports.save(chair, opened.id, {
      values: [{ indicatorId, category: 'total', numerator: 3, denominator: null, comment: null }],
      narrative: { results: 'Đã tổ chức ba hoạt động.' },
      version: opened.version,
    });
    const sent = await services.reports.submit(chair, opened.id, saved.version);
    const managerHome = await services.home.home(manager);
    expect(managerHome.review.total).toBe(1);
    expect(managerHome.review.items[0]).toMatchObject({ reportId: opened.id });
    expect((await services.home.home(chair)).reportsDue).toEqual([]);
    await services.reviews.returnReport(manager, opened.id, 'Thiếu số liệu quý IV', sent.version);
    const chairHome = await services.home.home(chair);
    expect(chairHome.returned.map((d) => d.reportId)).toEqual([opened.id]);
    expect(chairHome.reportsDue).toEqual([]);
  });
});
