import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TRole } from '../../contracts/auth.ts';
import type { TReport } from '../../contracts/reporting.ts';
import { emptyPlanContent } from '../../domain/plans/empty-plan.ts';
import { NotificationRepository } from '../repositories/notification.repository.ts';
import { createTestApp, seedSmallOrg, type TestApp } from '../test/fixtures.ts';
import { openTestDatabase, type TestDatabase, testEngines } from '../test/test-database.ts';
import { type Actor, SYSTEM_ACTOR } from './actor.ts';

/**
 *   N ─┬─ A ─── A1 ─── A1a      (B: an outsider's province)
 *      └─ B
 * A grassroots report returned and approved tells its unit's people; the commune's consolidated
 * report sent up tells the province's managers; nobody else hears of either.
 */
describe.each(testEngines())('notifications that follow the work on %s', (engine) => {
  let testDb: TestDatabase;
  let t: TestApp;
  let inbox: NotificationRepository;
  const users: Record<string, number> = {};
  const homes: Record<string, number> = {};
  const roles: Record<string, TRole> = {};
  let countId: number;
  let communePeriod: number;

  const as = (user: string): Actor => ({
    userId: users[user]!,
    role: roles[user]!,
    homeUnitId: homes[user]!,
    ip: null,
  });
  const kinds = async (user: string) => (await inbox.listFor(users[user]!, 50)).map((n) => n.kind);

  beforeAll(async () => {
    testDb = await openTestDatabase(engine);
    t = await createTestApp(testDb.database);
    inbox = new NotificationRepository(testDb.database);
    const s = t.services;
    const org = await seedSmallOrg(s);
    Object.assign(users, org.users);
    Object.assign(homes, {
      chair: org.grassrootsA1a.id,
      officer: org.provinceA.id,
      manager: org.provinceA.id,
      viewer: org.provinceA.id,
    });
    Object.assign(roles, { chair: 'officer', officer: 'officer', manager: 'manager', viewer: 'viewer' });
    const second = await s.orgChange.create(SYSTEM_ACTOR, {
      code: 'A1b',
      name: 'Công đoàn cơ sở thứ hai',
      shortName: null,
      type: 'grassroots',
      parentId: org.communeA1.id,
      effectiveDate: '2020-01-01',
    });
    for (const [username, role, home] of [
      ['chair2', 'officer', second.id],
      ['commune', 'officer', org.communeA1.id],
      ['outsider', 'manager', org.provinceB.id],
    ] as const) {
      const row = await s.userRepository.insert({
        username,
        displayName: username,
        passwordHash: 'x',
        role,
        homeUnitId: home,
      });
      users[username] = row.id;
      homes[username] = home;
      roles[username] = role;
    }
    const year = Number(s.access.today().slice(0, 4));
    countId = (
      await s.indicators.createIndicator(SYSTEM_ACTOR, {
        code: 'HD',
        name: 'Số hoạt động',
        kind: 'count',
        unit: 'hoạt động',
        numeratorLabel: null,
        denominatorLabel: null,
        disaggregation: 'none',
        aggregation: 'sum',
        threshold: 1,
      })
    ).id;
    const nation = await s.plans.create(SYSTEM_ACTOR, org.national.id, {
      ...emptyPlanContent('Kế hoạch hoạt động năm', year),
      reporting: [{ frequency: 'semiannual', due: '06-20', recipient: null }],
    });
    const province = await s.planDerive.derive(SYSTEM_ACTOR, nation.id, {
      unitId: org.provinceA.id,
      reportLeadDays: 5,
    });
    const commune = await s.planDerive.derive(SYSTEM_ACTOR, province.id, {
      unitId: org.communeA1.id,
      reportLeadDays: 5,
    });
    const made = await s.schedules.createSchedule(SYSTEM_ACTOR, {
      planId: commune.id,
      dutyIndex: 0,
      name: 'Báo cáo 6 tháng',
      frequency: 'semiannual',
      dueRule: '06-05',
      fromYear: year,
      toYear: year,
      leadDays: 5,
      unitTypes: ['grassroots'],
      form: {
        name: 'Biểu 6 tháng',
        indicators: [{ indicatorId: countId, required: true }],
        sections: [{ key: 'results', title: 'Kết quả thực hiện', required: false }],
        allowAttachments: false,
      },
    });
    communePeriod = made.periods.find((p) => p.key === `${year}-H1`)!.id;
  }, 120_000);
  afterAll(async () => {
    await t.app.close();
    await testDb.dispose();
  });

  let grassroots: TReport;

  async function sent(user: string) {
    const s = t.services;
    const opened = await s.reports.open(as(user), communePeriod, homes[user]!);
    const saved = await s.reports.save(as(user), opened.id, {
      values: [{ indicatorId: countId, category: 'total', numerator: 4, denominator: null, comment: null }],
      narrative: { results: 'Tổ chức 4 hoạt động.' },
      version: opened.version,
    });
    return s.reports.submit(as(user), saved.id, saved.version);
  }

  it('tells the unit of a return, naming the period and the reason, linking the report', async () => {
    const s = t.services;
    grassroots = await sent('chair');
    // a grassroots report is no consolidated one: the province hears nothing of it
    expect(await kinds('manager')).toEqual([]);
    grassroots = await s.reviews.returnReport(
      as('commune'),
      grassroots.id,
      'Thiếu minh chứng',
      grassroots.version,
    );
    const [notice, ...more] = await inbox.listFor(users.chair!, 50);
    expect(more).toEqual([]);
    expect(notice).toMatchObject({ kind: 'returned', link: `/bao-cao/${grassroots.id}` });
    expect(notice!.title).toContain('Báo cáo 6 tháng');
    expect(notice!.body).toContain('“Thiếu minh chứng”');
  });

  it('tells the unit of an approval, once', async () => {
    const s = t.services;
    grassroots = await s.reports.submit(as('chair'), grassroots.id, grassroots.version);
    await s.reviews.approve(as('commune'), grassroots.id, grassroots.version);
    expect(await kinds('chair')).toEqual(['approved', 'returned']);
    expect(await kinds('commune')).toEqual([]);
    // the period's next approval is one statement, which writes its notification itself: same words
    const other = await sent('chair2');
    await s.reviews.approve(as('commune'), other.id, other.version);
    const [first] = await inbox.listFor(users.chair!, 1);
    const [notice, ...more] = await inbox.listFor(users.chair2!, 50);
    expect(more).toEqual([]);
    expect(notice).toMatchObject({ kind: 'approved', link: `/bao-cao/${other.id}`, title: first!.title });
    expect(notice!.body).toBe(first!.body);
    expect(await kinds('chair')).toEqual(['approved', 'returned']);
  });

  it('tells the managers above of a consolidated report sent up, and nobody else', async () => {
    const s = t.services;
    const sent = await s.consolidated.submit(as('commune'), communePeriod, {
      unitId: homes.commune!,
      narrative: { results: 'Xã A1: 4 hoạt động.' },
      submit: true,
    });
    expect(sent.status).toBe('submitted');
    const [notice, ...more] = await inbox.listFor(users.manager!, 50);
    expect(more).toEqual([]);
    expect(notice).toMatchObject({ kind: 'sent_up', link: `/bao-cao/${sent.id}` });
    expect(await kinds('officer')).toEqual([]);
    expect(await kinds('viewer')).toEqual([]);
    expect(await kinds('outsider')).toEqual([]);
    expect(await kinds('commune')).toEqual([]);
    expect(await kinds('chair')).toEqual(['approved', 'returned']);
  });
});
