import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SECTIONS } from '../../contracts/reporting.ts';
import { seedSmallOrg } from '../test/fixtures.ts';
import { openTestDatabase, type TestDatabase, testEngines } from '../test/test-database.ts';
import { type Actor, SYSTEM_ACTOR } from './actor.ts';
import { createServices, type Services } from './services.ts';

const EMPTY = {
  kind: 'KH',
  yearFrom: 2024,
  yearTo: 2025,
  issuerName: 'Liên đoàn Lao động tỉnh Thái Bình',
  supervisingBody: null,
  place: null,
  preamble: null,
  purposes: [],
  funding: [],
  recipients: [],
  signer: null,
  implementDeadline: null,
  tasks: [],
  assignments: [],
  events: [],
};

describe.each(testEngines())('the reporting cycle on %s', (engine) => {
  let testDb: TestDatabase;
  let services: Services;
  let org: Awaited<ReturnType<typeof seedSmallOrg>>;
  let manager: Actor;
  let chair: Actor;
  let periodId: number;
  let earlierPeriodId: number;
  let trainedId: number;
  let planId: number;
  const today = new Date('2025-11-05T03:00:00Z');

  beforeAll(async () => {
    testDb = await openTestDatabase(engine);
    services = createServices(testDb.database, { sessionTtlHours: 1 }, () => today);
    org = await seedSmallOrg(services);
    manager = { userId: org.users.manager!, role: 'manager', homeUnitId: org.provinceA.id, ip: null };
    chair = { userId: org.users.chair!, role: 'officer', homeUnitId: org.grassrootsA1a.id, ip: null };
    const trained = await services.indicators.createIndicator(SYSTEM_ACTOR, {
      code: 'CB_TAPHUAN',
      name: 'Cán bộ chủ chốt được tập huấn',
      kind: 'ratio',
      unit: '%',
      numeratorLabel: 'Số cán bộ được tập huấn',
      denominatorLabel: 'Tổng số cán bộ chủ chốt',
      disaggregation: 'sex',
      aggregation: 'sum',
      threshold: 1,
    });
    trainedId = trained.id;
    const plan = await services.plans.create(SYSTEM_ACTOR, org.provinceA.id, {
      ...EMPTY,
      title: 'Kế hoạch thực hiện Chỉ thị 28-CT/TW',
      targets: [
        {
          text: 'trên 90% cán bộ chủ chốt được tập huấn',
          milestones: [{ year: 2025, op: '>', value: 90, unit: '%' }],
        },
      ],
      reporting: [{ frequency: 'annual', due: '11-10', recipient: 'LĐLĐ tỉnh' }],
    });
    planId = plan.id;
    const schedule = await services.schedules.createSchedule(manager, {
      planId: plan.id,
      dutyIndex: 0,
      name: 'Báo cáo năm',
      frequency: 'annual',
      dueRule: '11-10',
      fromYear: 2024,
      toYear: 2025,
      leadDays: 5,
      unitTypes: ['grassroots'],
      form: {
        name: 'Biểu báo cáo năm',
        indicators: [{ indicatorId: trained.id, required: true }],
        sections: [...DEFAULT_SECTIONS],
        allowAttachments: true,
      },
    });
    expect(schedule.periods.map((p) => p.key)).toEqual(['2024', '2025']);
    periodId = schedule.periods[1]!.id;
    earlierPeriodId = schedule.periods[0]!.id;
  });
  afterAll(() => testDb.dispose());

  /** A yearly schedule 2020–2023 of the plan for the grassroots unions, nothing required. */
  const annualSchedule2020to2023 = (name: string) =>
    services.schedules.createSchedule(manager, {
      planId,
      dutyIndex: 0,
      name,
      frequency: 'annual',
      dueRule: '11-10',
      fromYear: 2020,
      toYear: 2023,
      leadDays: 0,
      unitTypes: ['grassroots'],
      form: {
        name: `Biểu ${name.toLowerCase()}`,
        indicators: [{ indicatorId: trainedId, required: false }],
        sections: [...DEFAULT_SECTIONS].map((section) => ({ ...section, required: false })),
        allowAttachments: false,
      },
    });

  it('lists what a grassroots union must report, with its own (earlier) due date', async () => {
    const due = await services.schedules.myDue(chair);
    const item = due.find((d) => d.periodId === periodId)!;
    // The plan's unit set 10/11 for its direct units; the grassroots union is two levels down.
    expect(item).toMatchObject({ status: 'not_started', dueOn: '2025-11-05' });
  });

  it('goes draft → submitted → returned → submitted → approved, then refuses edits as locked', async () => {
    let report = await services.reports.open(chair, periodId, org.grassrootsA1a.id);
    // Due five days (the schedule's lead) before the province's 10/11: two levels below the plan's unit.
    expect(report).toMatchObject({ status: 'draft', dueOn: '2025-11-05' });
    report = await services.reports.save(chair, report.id, {
      values: [{ indicatorId: trainedId, category: 'total', numerator: 12, denominator: 10, comment: null }],
      narrative: { results: '' },
      version: report.version,
    });
    expect(report.issues.map((i) => i.field)).toContain(`values.${trainedId}.total.numerator`);
    await expect(services.reports.submit(chair, report.id, report.version)).rejects.toMatchObject({
      status: 400,
      field: `values.${trainedId}.total.numerator`,
    });
    report = await services.reports.save(chair, report.id, {
      values: [
        { indicatorId: trainedId, category: 'total', numerator: 9, denominator: 10, comment: 'Lớp tháng 9' },
      ],
      narrative: { results: 'Đã tập huấn 9/10 cán bộ.' },
      version: report.version,
    });
    report = await services.reports.submit(chair, report.id, report.version);
    expect(report.status).toBe('submitted');
    await expect(services.reviews.approve(chair, report.id, report.version)).rejects.toMatchObject({
      status: 403,
    });
    expect((await services.reviews.reviewQueue(manager)).items.map((q) => q.reportId)).toEqual([report.id]);
    report = await services.reviews.returnReport(manager, report.id, 'Thiếu số liệu nam/nữ', report.version);
    expect(report).toMatchObject({ status: 'returned', returnReason: 'Thiếu số liệu nam/nữ' });
    report = await services.reports.save(chair, report.id, {
      values: [
        { indicatorId: trainedId, category: 'total', numerator: 9, denominator: 10, comment: null },
        { indicatorId: trainedId, category: 'male', numerator: 4, denominator: 4, comment: null },
        { indicatorId: trainedId, category: 'female', numerator: 5, denominator: 6, comment: null },
      ],
      narrative: { results: 'Đã tập huấn 9/10 cán bộ.' },
      version: report.version,
    });
    report = await services.reports.submit(chair, report.id, report.version);
    report = await services.reviews.approve(manager, report.id, report.version);
    expect(report.status).toBe('approved');
    await expect(
      services.reports.save(chair, report.id, { values: [], narrative: {}, version: report.version }),
    ).rejects.toMatchObject({ status: 409 });
    const status = await services.schedules.periodStatus(manager, periodId);
    expect(status).toMatchObject({ expected: 1, submitted: 1, approved: 1, onTime: 1, late: 0 });
  });

  it('needs a manager above to unlock, and audits it', async () => {
    const report = await services.reports.open(manager, periodId, org.grassrootsA1a.id);
    expect(report.status).toBe('approved');
    await expect(
      services.reviews.unlock(chair, report.id, 'Tự mở khóa', report.version),
    ).rejects.toMatchObject({ status: 403 });
    const unlocked = await services.reviews.unlock(
      manager,
      report.id,
      'Sửa số liệu theo kiểm tra',
      report.version,
    );
    expect(unlocked.status).toBe('returned');
    const trail = await services.audit.list({ objectType: 'report', objectId: String(report.id), limit: 50 });
    expect(trail.map((e) => e.action)).toContain('report.unlock');
  });

  it('creates a report once when two open it at the same moment: one report, one audit row', async () => {
    const [first, second] = await Promise.all([
      services.reports.open(chair, earlierPeriodId, org.grassrootsA1a.id),
      services.reports.open(manager, earlierPeriodId, org.grassrootsA1a.id),
    ]);
    expect(second.id).toBe(first.id);
    expect(second).toEqual(first);
    expect(first).toMatchObject({ status: 'draft', version: 0, values: [], narrative: {} });
    // The view the creating statement read back is the one a later read gives.
    expect(await services.reports.get(chair, first.id)).toEqual(first);
    const audited = await testDb.database.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'report.open' AND object_id = $1",
      [String(first.id)],
    );
    expect(audited[0]!.n).toBe(1);
  });

  it("shows the unit's previous report of the same schedule, skipping periods it did not report", async () => {
    const schedule = await annualSchedule2020to2023('Báo cáo năm (2020–2023)');
    const [p2020, p2021, p2022, p2023] = schedule.periods.map((p) => p.id) as [
      number,
      number,
      number,
      number,
    ];
    const unitId = org.grassrootsA1a.id;
    const open = (id: number) => services.reports.open(chair, id, unitId);
    const saved = async (id: number, numerator: number) => {
      const report = await open(id);
      return services.reports.save(chair, report.id, {
        values: [{ indicatorId: trainedId, category: 'total', numerator, denominator: 10, comment: null }],
        narrative: {},
        version: report.version,
      });
    };
    const first = await saved(p2020, 4);
    expect(first.previousValues).toEqual([]);
    // 2021 not reported: 2022 shows 2020's values.
    expect((await saved(p2022, 7)).previousValues).toEqual(first.values);
    // Opened afterwards, 2021 sits between them and shows 2020's as well…
    expect((await open(p2021)).previousValues).toEqual(first.values);
    // …and 2023 shows 2022's, the latest before it, not 2021's saved last.
    await saved(p2021, 5);
    expect((await open(p2023)).previousValues).toEqual([
      { indicatorId: trainedId, category: 'total', numerator: 7, denominator: 10, comment: null },
    ]);
  });
  it('saves, submits and approves in one statement each, refusing there what the full checks refuse', async () => {
    const schedule = await annualSchedule2020to2023('Báo cáo năm (một câu lệnh)');
    const period = schedule.periods[0]!.id;
    const unitId = org.grassrootsA1a.id;
    const outsider: Actor = {
      userId: org.users.officer!,
      role: 'officer',
      homeUnitId: org.provinceB.id,
      ip: null,
    };
    const viewer: Actor = {
      userId: org.users.viewer!,
      role: 'viewer',
      homeUnitId: org.provinceA.id,
      ip: null,
    };
    const reporting = services.reports;
    const reviews = services.reviews;
    // The period's roll-ups built beforehand: a submission then sets off nothing in the background.
    await services.rollup.prepare(period);
    const counted = ['prepared', 'query', 'db', 'transaction', 'separateTransaction'] as const;
    const spies = counted.map((name) => vi.spyOn(testDb.database, name));
    const statementsOf = async <T>(work: () => Promise<T>): Promise<{ result: T; statements: number }> => {
      for (const spy of spies) spy.mockClear();
      const result = await work();
      return { result, statements: spies.reduce((n, spy) => n + spy.mock.calls.length, 0) };
    };
    const body = (version: number, numerator = 3) => ({
      values: [
        { indicatorId: trainedId, category: 'total' as const, numerator, denominator: 10, comment: null },
      ],
      narrative: { results: `Tập huấn ${numerator} cán bộ.` },
      version,
    });
    try {
      await expect(reporting.open(outsider, period, unitId)).rejects.toMatchObject({ status: 403 });
      await expect(reporting.open(viewer, period, unitId)).rejects.toMatchObject({ status: 403 });
      await expect(reporting.open(manager, period, org.communeA1.id)).rejects.toMatchObject({
        status: 400,
        field: 'unitId',
      });
      const opened = await statementsOf(() => reporting.open(chair, period, unitId));
      expect(opened.statements).toBe(1);
      let report = opened.result;
      expect(report).toMatchObject({ status: 'draft', version: 0, dueOn: '2020-11-10', values: [] });
      // Once it exists, a viewer above may open it (and only read it).
      expect(await reporting.open(viewer, period, unitId)).toEqual(report);
      const untouched = report;
      // What the full checks refuse is refused by the statement too, and then named by them.
      await expect(reporting.save(outsider, report.id, body(report.version))).rejects.toMatchObject({
        status: 404,
      });
      await expect(reporting.save(viewer, report.id, body(report.version))).rejects.toMatchObject({
        status: 403,
      });
      await expect(
        reporting.save(chair, report.id, { ...body(report.version), narrative: { nope: 'x' } }),
      ).rejects.toMatchObject({ status: 400, field: 'narrative.nope' });
      await expect(
        reporting.save(chair, report.id, {
          ...body(report.version),
          values: [{ indicatorId: 987654, category: 'total', numerator: 1, denominator: 1, comment: null }],
        }),
      ).rejects.toMatchObject({ status: 400, field: 'values.987654' });
      await expect(reporting.save(chair, report.id, body(report.version + 1))).rejects.toMatchObject({
        status: 409,
      });
      expect(await reporting.get(chair, report.id)).toEqual(untouched);

      const saved = await statementsOf(() => reporting.save(chair, report.id, body(report.version)));
      expect(saved.statements).toBe(1);
      report = saved.result;
      expect(report).toMatchObject({ status: 'draft', version: untouched.version + 1 });
      expect(report.values).toEqual(body(0).values);
      // The view the statement read back is the one a later read gives.
      expect(await reporting.get(chair, report.id)).toEqual(report);

      await expect(reporting.submit(outsider, report.id, report.version)).rejects.toMatchObject({
        status: 404,
      });
      await expect(reporting.submit(viewer, report.id, report.version)).rejects.toMatchObject({
        status: 403,
      });
      await expect(reporting.submit(chair, report.id, report.version - 1)).rejects.toMatchObject({
        status: 409,
      });
      const submitted = await statementsOf(() => reporting.submit(chair, report.id, report.version));
      expect(submitted.statements).toBe(1);
      report = submitted.result;
      expect(report).toMatchObject({ status: 'submitted', late: true, version: saved.result.version + 1 });
      expect(await reporting.get(chair, report.id)).toEqual(report);
      await expect(reporting.submit(chair, report.id, report.version)).rejects.toMatchObject({ status: 409 });

      // The chair's own unit is not below the chair; the outsider's province is elsewhere, and
      // another province's report reads as missing (404: its id tells nothing).
      await expect(reviews.approve(chair, report.id, report.version)).rejects.toMatchObject({
        status: 403,
      });
      await expect(reviews.approve(outsider, report.id, report.version)).rejects.toMatchObject({
        status: 404,
      });
      await expect(reviews.approve(viewer, report.id, report.version)).rejects.toMatchObject({
        status: 403,
      });
      const approved = await statementsOf(() => reviews.approve(manager, report.id, report.version));
      expect(approved.statements).toBe(1);
      report = approved.result;
      expect(report).toMatchObject({ status: 'approved', version: submitted.result.version + 1 });
      expect(await reporting.get(manager, report.id)).toEqual(report);
      await expect(reviews.approve(manager, report.id, report.version)).rejects.toMatchObject({
        status: 409,
      });
      const rolled = await testDb.database.query<{ numerator: number; reporting_units: number }>(
        `SELECT numerator, reporting_units FROM rollup_values
          WHERE period_id = $1 AND unit_id = $2 AND indicator_id = $3 AND category = 'total'`,
        [period, org.provinceA.id, trainedId],
      );
      expect(rolled).toEqual([{ numerator: 3, reporting_units: 1 }]);

      // Audited as the full path audits: one row per change, nothing for what was refused.
      const trail = await services.audit.list({
        objectType: 'report',
        objectId: String(report.id),
        limit: 50,
      });
      expect(
        trail
          .map((e) => ({ action: e.action, before: e.before, after: e.after, userId: e.userId }))
          .reverse(),
      ).toEqual([
        { action: 'report.open', before: null, after: { periodId: period, unitId }, userId: chair.userId },
        {
          action: 'report.save',
          before: { values: [], narrative: {} },
          after: body(untouched.version),
          userId: chair.userId,
        },
        {
          action: 'report.submit',
          before: { status: 'draft' },
          after: { status: 'submitted', late: true },
          userId: chair.userId,
        },
        {
          action: 'report.approve',
          before: { status: 'submitted' },
          after: { status: 'approved', returnReason: null },
          userId: manager.userId,
        },
      ]);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
  it('pages the review queue, oldest sent first, and says how many wait in all', async () => {
    const schedule = await annualSchedule2020to2023('Báo cáo năm về tập huấn (2020–2023)');
    const before = (await services.reviews.reviewQueue(manager, { limit: 200, offset: 0 })).items;
    const sent: number[] = [];
    // Sent newest period first: the queue goes by when they were sent, not by period.
    for (const period of [...schedule.periods].reverse()) {
      const opened = await services.reports.open(chair, period.id, org.grassrootsA1a.id);
      const submitted = await services.reports.submit(chair, opened.id, opened.version);
      sent.push(submitted.id);
    }
    const all = await services.reviews.reviewQueue(manager, { limit: 200, offset: 0 });
    expect(all.total).toBe(before.length + 4);
    expect(all.items.slice(-4).map((i) => i.reportId)).toEqual(sent);
    const sentAt = all.items.map((i) => i.submittedAt ?? '');
    expect([...sentAt].sort()).toEqual(sentAt);

    const first = await services.reviews.reviewQueue(manager, { limit: 2, offset: before.length });
    expect(first).toEqual({ items: all.items.slice(before.length, before.length + 2), total: all.total });
    const second = await services.reviews.reviewQueue(manager, { limit: 2, offset: before.length + 2 });
    expect(second.items.map((i) => i.reportId)).toEqual(sent.slice(2));
    // Past the end: no items, and still the count.
    expect(await services.reviews.reviewQueue(manager, { limit: 2, offset: all.total + 5 })).toEqual({
      items: [],
      total: all.total,
    });
    // The chair's own unit is not below the chair: nothing to review there.
    expect(await services.reviews.reviewQueue(chair)).toEqual({ items: [], total: 0 });
  });
});
