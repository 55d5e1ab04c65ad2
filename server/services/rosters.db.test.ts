import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TReport } from '../../contracts/reporting.ts';
import type { TRosterPersonInput } from '../../contracts/rosters.ts';
import { emptyPlanContent } from '../../domain/plans/empty-plan.ts';
import { createTestApp, seedSmallOrg, TEST_PASSWORD, type TestApp } from '../test/fixtures.ts';
import { openTestDatabase, type TestDatabase, testEngines } from '../test/test-database.ts';
import { type Actor, SYSTEM_ACTOR } from './actor.ts';
import { hashPassword } from './password.ts';

/**
 * Issue 20's demo: province A trains its key cadres in two sessions, one cadre attending both. The
 * computed "% key cadres trained" in A's report, and on the national plan's dashboard once approved,
 * counts that cadre once — the hand count below.
 */
describe.each(testEngines())('rosters, activities and computed indicators on %s', (engine) => {
  let testDb: TestDatabase;
  let t: TestApp;
  let org: Awaited<ReturnType<typeof seedSmallOrg>>;
  let officerA: Actor;
  let managerA: Actor;
  let officerB: Actor;
  let managerN: Actor;
  let planId: number;
  let periodId: number;
  let trainedId: number;
  const p: Record<string, number> = {};
  let report: TReport;

  const person = (
    unitId: number,
    fullName: string,
    extra: Partial<TRosterPersonInput> = {},
  ): TRosterPersonInput => ({
    unitId,
    category: 'can_bo_chu_chot',
    fullName,
    sex: 'female',
    birthYear: 1980,
    position: 'Phó Chủ tịch',
    validFrom: '2025-01-01',
    validTo: null,
    ...extra,
  });

  beforeAll(async () => {
    testDb = await openTestDatabase(engine);
    t = await createTestApp(testDb.database, undefined, () => new Date('2026-12-20T03:00:00Z'));
    org = await seedSmallOrg(t.services);
    const s = t.services;
    const at = (unitId: number, role: Actor['role'], userId: number | null = null): Actor => ({
      userId,
      role,
      homeUnitId: unitId,
      ip: null,
    });
    officerA = at(org.provinceA.id, 'officer', org.users.officer!);
    managerA = at(org.provinceA.id, 'manager', org.users.manager!);
    officerB = at(org.provinceB.id, 'officer');
    managerN = at(org.national.id, 'manager');
    await s.userRepository.insert({
      username: 'outsider',
      displayName: 'B',
      passwordHash: await hashPassword(TEST_PASSWORD),
      role: 'officer',
      homeUnitId: org.provinceB.id,
    });
    trainedId = (
      await s.indicators.createIndicator(SYSTEM_ACTOR, {
        code: 'CBCC_TH',
        name: 'Tỷ lệ cán bộ chủ chốt được tập huấn',
        kind: 'ratio',
        unit: '%',
        numeratorLabel: 'Cán bộ chủ chốt được tập huấn',
        denominatorLabel: 'Cán bộ chủ chốt',
        disaggregation: 'none',
        aggregation: 'sum',
        threshold: 1,
      })
    ).id;
    await s.computed.define(managerN, trainedId, {
      measure: 'attended_share',
      rosterCategory: 'can_bo_chu_chot',
      activityKind: 'tap_huan',
    });
    const plan = await s.plans.create(SYSTEM_ACTOR, org.national.id, {
      ...emptyPlanContent('Kế hoạch tập huấn cán bộ công đoàn năm 2026', 2026),
      targets: [
        {
          text: 'Trên 90% cán bộ chủ chốt được tập huấn',
          milestones: [{ year: 2026, op: '>', value: 90, unit: '%' }],
        },
      ],
    });
    planId = plan.id;
    await s.indicators.bindTarget(SYSTEM_ACTOR, planId, plan.targets[0]!.id, trainedId);
    const schedule = await s.schedules.createSchedule(SYSTEM_ACTOR, {
      planId,
      dutyIndex: null,
      name: 'Báo cáo năm của tỉnh',
      frequency: 'annual',
      dueRule: null,
      fromYear: 2026,
      toYear: 2026,
      leadDays: 5,
      unitTypes: ['province'],
      form: {
        name: 'Biểu năm',
        indicators: [{ indicatorId: trainedId, required: true }],
        sections: [{ key: 'results', title: 'Kết quả thực hiện', required: false }],
        allowAttachments: false,
      },
    });
    periodId = schedule.periods[0]!.id;
    // A's roster: five key cadres (one left in June), a women's-affairs cadre; B's: two key cadres
    const add = async (key: string, input: TRosterPersonInput) => {
      p[key] = (await s.rosters.create(officerA.homeUnitId === input.unitId ? officerA : officerB, input)).id;
    };
    await add('hoa', person(org.provinceA.id, 'Nguyễn Thị Hoa'));
    await add('binh', person(org.provinceA.id, 'Trần Văn Bình', { sex: 'male' }));
    await add('cuc', person(org.provinceA.id, 'Lê Thị Cúc'));
    await add('dung', person(org.provinceA.id, 'Phạm Văn Dũng', { sex: 'male' }));
    await add('gone', person(org.provinceA.id, 'Đỗ Văn Đi', { validTo: '2026-06-30' }));
    await add('nuCong', person(org.provinceA.id, 'Vũ Thị Nữ', { category: 'can_bo_nu_cong' }));
    await add('b1', person(org.provinceB.id, 'Hoàng Văn Một'));
    await add('b2', person(org.provinceB.id, 'Hoàng Thị Hai'));
    const activity = (
      title: string,
      heldOn: string,
      attendeeIds: number[],
      kind: 'tap_huan' | 'tuyen_truyen' = 'tap_huan',
    ) =>
      s.activities.create(officerA, {
        unitId: org.provinceA.id,
        kind,
        title,
        heldOn,
        planId,
        taskId: null,
        attendeeIds,
        publicCounts: {},
        note: null,
      });
    // Hoa attends both sessions (and is named twice in the first); Đi attended before leaving
    await activity('Tập huấn cán bộ chủ chốt đợt 1', '2026-04-10', [
      p.hoa!,
      p.binh!,
      p.hoa!,
      p.gone!,
      p.nuCong!,
    ]);
    await activity('Tập huấn cán bộ chủ chốt đợt 2', '2026-09-15', [p.hoa!, p.cuc!]);
    // not counted: another kind, and a training of the year before the plan
    await activity('Tuyên truyền pháp luật', '2026-05-01', [p.dung!], 'tuyen_truyen');
    await activity('Tập huấn năm trước', '2025-11-01', [p.dung!]);
    report = await s.reports.open(officerA, periodId, org.provinceA.id);
  }, 120_000);

  afterAll(async () => {
    await t.app.close();
    await testDb.dispose();
  });

  it('pre-fills the report with the distinct trained key cadres over the roster (the hand count: 3 of 4)', async () => {
    const s = t.services;
    // hand count: on the roster on 31/12/2026 — Hoa, Bình, Cúc, Dũng (Đi left 30/6); trained in 2026 —
    // Hoa (twice), Bình, Cúc; Dũng only at a communication session and a 2025 training
    const [before] = await s.computed.values(officerA, report.id);
    expect(before).toMatchObject({
      numerator: 3,
      denominator: 4,
      state: 'empty',
      from: '2026-01-01',
      to: '2026-12-31',
    });
    report = await s.computed.apply(officerA, report.id, report.version);
    const value = report.values.find((v) => v.indicatorId === trainedId);
    expect(value).toMatchObject({ category: 'total', numerator: 3, denominator: 4 });
    const [after] = await s.computed.values(officerA, report.id);
    expect(after).toMatchObject({ state: 'computed', stored: { numerator: 3, denominator: 4 } });
    const people = await s.computed.people(officerA, report.id, trainedId);
    // in the order of their full names (without marks)
    expect(people.people.map((x) => [x.fullName, x.attended, x.sessions])).toEqual([
      ['Lê Thị Cúc', true, 1],
      ['Nguyễn Thị Hoa', true, 2],
      ['Phạm Văn Dũng', false, 0],
      ['Trần Văn Bình', true, 1],
    ]);
  });

  it('rolls the approved value up to the national dashboard and consolidated report, the cadre counted once (75%)', async () => {
    const s = t.services;
    report = await s.reports.submit(officerA, report.id, report.version);
    await s.reviews.approve(managerN, report.id, report.version);
    await s.rollup.settled();
    const dashboard = await s.dashboard.planDashboard(SYSTEM_ACTOR, planId, periodId);
    const target = dashboard.targets[0]!;
    expect(target.units.find((x) => x.unitId === org.provinceA.id)?.value).toBe(75);
    expect(target.current).toBe(75);
    // the national consolidated report of the period: A's 3 of 4, B not reported
    const consolidated = await s.consolidated.compile(managerN, periodId, org.national.id);
    const value = consolidated.values.find((v) => v.indicator.id === trainedId)!;
    expect(value.total).toMatchObject({ numerator: 3, denominator: 4, value: 75 });
  });

  it('lets the officer override a computed value with a reason, audited beside what was computed', async () => {
    const s = t.services;
    let b = await s.reports.open(officerB, periodId, org.provinceB.id);
    b = await s.computed.apply(officerB, b.id, b.version);
    expect(b.values.find((v) => v.indicatorId === trainedId)).toMatchObject({ numerator: 0, denominator: 2 });
    b = await s.computed.override(officerB, b.id, trainedId, {
      numerator: 1,
      denominator: 2,
      reason: 'Một cán bộ học lớp của Tổng Liên đoàn, chưa có trong hoạt động',
      version: b.version,
    });
    expect(b.values.find((v) => v.indicatorId === trainedId)).toMatchObject({ numerator: 1, denominator: 2 });
    const [value] = await s.computed.values(officerB, b.id);
    expect(value).toMatchObject({
      numerator: 0,
      state: 'overridden',
      overrideReason: expect.stringContaining('Tổng Liên đoàn'),
    });
    // applying again keeps the officer's value
    b = await s.computed.apply(officerB, b.id, b.version);
    expect(b.values.find((v) => v.indicatorId === trainedId)).toMatchObject({ numerator: 1 });
    const [entry] = await s.audit.list({
      action: 'report.computed_override',
      objectId: String(b.id),
      limit: 5,
    });
    expect(entry).toMatchObject({
      before: { numerator: 0, denominator: 2 },
      after: { numerator: 1, reason: expect.any(String) },
    });
  });

  it('keeps rosters within the organisation and by role, and audits every read', async () => {
    const s = t.services;
    await expect(
      s.rosters.list(officerB, { unitId: org.provinceA.id, subtree: 'false' }, 'vi'),
    ).rejects.toMatchObject({
      status: 403,
    });
    const viewerA: Actor = { ...officerA, role: 'viewer' };
    await expect(
      s.rosters.list(viewerA, { unitId: org.provinceA.id, subtree: 'false' }, 'vi'),
    ).rejects.toMatchObject({
      status: 403,
    });
    await expect(s.rosters.export(officerA, org.provinceA.id)).rejects.toMatchObject({ status: 403 });
    // the same person entered twice (name without marks, category, birth year) is refused
    await expect(s.rosters.create(officerA, person(org.provinceA.id, 'LE THI CUC'))).rejects.toMatchObject({
      status: 409,
      field: 'fullName',
    });
    const reads = (await s.audit.list({ action: 'roster.read', limit: 100 })).length;
    const list = await s.rosters.list(
      managerN,
      { unitId: org.provinceA.id, subtree: 'true', on: '2026-12-31' },
      'vi',
    );
    expect(list.people).toHaveLength(5);
    expect(list.purpose).toContain('Nghị định 13/2023/NĐ-CP');
    expect((await s.audit.list({ action: 'roster.read', limit: 100 })).length).toBe(reads + 1);
    // an activity's attendees are a roster read as well
    const [first] = await s.activities.list(viewerA, { unitId: org.provinceA.id });
    expect(first).toMatchObject({ title: 'Tập huấn cán bộ chủ chốt đợt 2', attendeeCount: 2 });
    await expect(s.activities.get(viewerA, first!.id)).rejects.toMatchObject({ status: 403 });
    expect((await s.activities.get(officerA, first!.id)).attendees).toHaveLength(2);
    expect((await s.audit.list({ action: 'roster.read', limit: 100 })).length).toBe(reads + 2);
    // the outsider's request over HTTP
    const outsider = await t.signIn('outsider');
    const refused = await t.app.inject({
      method: 'GET',
      url: `/api/rosters?unitId=${org.provinceA.id}`,
      headers: outsider,
    });
    expect(refused.statusCode).toBe(403);
    const own = await t.app.inject({
      method: 'GET',
      url: `/api/rosters?unitId=${org.provinceB.id}`,
      headers: outsider,
    });
    expect(own.statusCode).toBe(200);
    expect(own.json().people.map((x: { fullName: string }) => x.fullName)).toEqual([
      'Hoàng Thị Hai',
      'Hoàng Văn Một',
    ]);
  });

  it('deletes a person on request: gone with their attendance, the audit keeping no personal data', async () => {
    const s = t.services;
    const [hoa] = (
      await s.rosters.list(managerA, { unitId: org.provinceA.id, subtree: 'false' }, 'vi')
    ).people.filter((x) => x.id === p.hoa);
    await expect(
      s.rosters.remove(officerA, p.hoa!, 'Theo đề nghị của người có tên', hoa!.version),
    ).rejects.toMatchObject({
      status: 403,
    });
    await s.rosters.remove(managerA, p.hoa!, 'Theo đề nghị của người có tên', hoa!.version);
    const left = await s.rosters.list(managerA, { unitId: org.provinceA.id, subtree: 'false' }, 'vi');
    expect(left.people.some((x) => x.id === p.hoa)).toBe(false);
    const [deleted] = await s.audit.list({ action: 'roster.delete', limit: 5 });
    expect(JSON.stringify(deleted)).not.toContain('Hoa');
    expect(deleted).toMatchObject({
      objectId: String(p.hoa),
      after: { reason: 'Theo đề nghị của người có tên' },
    });
    // the approved report keeps its 3/4; what the rosters compute now is 2/3, shown as differing
    const [now] = await s.computed.values(managerA, report.id);
    expect(now).toMatchObject({
      numerator: 2,
      denominator: 3,
      stored: { numerator: 3, denominator: 4 },
      state: 'differs',
    });
  });

  it('imports the Excel template all or nothing, naming each bad cell in Vietnamese', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await t.services.rosters.template()).data as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    sheet.addRow(['Ngô Văn Năm', 'Nam', '1979', 'Ủy viên', 'Ủy viên Ban Chấp hành', '01/01/2025', '']);
    sheet.addRow(['Mai Thị Sáu', 'Nữ', '19x0', 'Trưởng ban', 'Cán bộ nữ công', '31/02/2025', '']);
    const data = Buffer.from(await workbook.xlsx.writeBuffer());
    const checked = await t.services.rosters.import(officerA, org.provinceA.id, data, true);
    expect(checked.applied).toBe(false);
    expect(checked.errors.map((e) => e.message)).toEqual([
      'Ô C3: năm sinh phải là số nguyên từ 1900 đến 2010',
      'Ô F3: ngày bắt đầu trống hoặc sai (dd/mm/yyyy)',
    ]);
    sheet.spliceRows(3, 1);
    const good = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(await t.services.rosters.import(officerA, org.provinceA.id, good, true)).toMatchObject({
      applied: true,
      people: 1,
    });
    const committee = await t.services.rosters.list(
      officerA,
      { unitId: org.provinceA.id, category: 'uy_vien_bch', subtree: 'false' },
      'vi',
    );
    expect(committee.people.map((x) => [x.fullName, x.sex, x.birthYear])).toEqual([
      ['Ngô Văn Năm', 'male', 1979],
    ]);
  });
});
