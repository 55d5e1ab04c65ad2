import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TReport } from '../../contracts/reporting.ts';
import { headerDate } from '../../documents/render/plan-for-render.ts';
import { emptyPlanContent } from '../../domain/plans/empty-plan.ts';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../test/fixtures.ts';
import { openTestDatabase, type TestDatabase, testEngines } from '../test/test-database.ts';
import { type Actor, SYSTEM_ACTOR } from './actor.ts';
import { hashPassword } from './password.ts';

/** The text of `word/document.xml` in a DOCX (a zip): enough to check what the document says. */
function documentXml(docx: Buffer): string {
  let offset = 0;
  while (offset < docx.length - 30 && docx.readUInt32LE(offset) === 0x04034b50) {
    const method = docx.readUInt16LE(offset + 8);
    const size = docx.readUInt32LE(offset + 18);
    const nameLength = docx.readUInt16LE(offset + 26);
    const extraLength = docx.readUInt16LE(offset + 28);
    const name = docx.toString('utf8', offset + 30, offset + 30 + nameLength);
    const start = offset + 30 + nameLength + extraLength;
    const data = docx.subarray(start, start + size);
    if (name === 'word/document.xml') return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    offset = start + size;
  }
  throw new Error('no word/document.xml');
}

/**
 *   N ─┬─ A ─┬─ A1 ─┬─ g1
 *      │     │      └─ g2
 *      │     └─ A2 ─── g3
 *      └─ B ──── B1 ─── g4
 * A national plan (target: over 80% trained by 2025) reported by grassroots unions half-yearly;
 * province A's own plan asks its communes for the same halves (where A1's consolidated report goes).
 */
describe.each(testEngines())('dashboards and the consolidated report on %s', (engine) => {
  let testDb: TestDatabase;
  let t: TestApp;
  const u: Record<string, number> = {};
  let planId: number;
  let h1: number;
  let h2: number;
  let trainedId: number;
  let managerA: Actor;
  let officerA1: Actor;

  const actor = (home: string, role: Actor['role'] = 'manager'): Actor => ({
    userId: null,
    role,
    homeUnitId: u[home]!,
    ip: null,
  });

  async function approved(periodId: number, unit: string, numerator: number, text: string, approve = true) {
    const s = t.services;
    let report: TReport = await s.reports.open(SYSTEM_ACTOR, periodId, u[unit]!);
    report = await s.reports.save(SYSTEM_ACTOR, report.id, {
      values: [{ indicatorId: trainedId, category: 'total', numerator, denominator: 10, comment: null }],
      narrative: { results: text, proposals: `Đề nghị của ${unit}.` },
      version: report.version,
    });
    report = await s.reports.submit(SYSTEM_ACTOR, report.id, report.version);
    if (approve) await s.reviews.approve(SYSTEM_ACTOR, report.id, report.version);
  }

  beforeAll(async () => {
    testDb = await openTestDatabase(engine);
    t = await createTestApp(testDb.database);
    const s = t.services;
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
    await create('B', 'province', 'N');
    await create('A1', 'commune', 'A');
    await create('A2', 'commune', 'A');
    await create('B1', 'commune', 'B');
    await create('g1', 'grassroots', 'A1');
    await create('g2', 'grassroots', 'A1');
    await create('g3', 'grassroots', 'A2');
    await create('g4', 'grassroots', 'B1');
    managerA = actor('A');
    officerA1 = actor('A1', 'officer');
    const passwordHash = await hashPassword(TEST_PASSWORD);
    await s.userRepository.insert({
      username: 'qa',
      displayName: 'A',
      passwordHash,
      role: 'manager',
      homeUnitId: u.A!,
    });
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
    const form = {
      name: 'Biểu 6 tháng',
      indicators: [{ indicatorId: trainedId, required: true }],
      sections: [
        { key: 'results', title: 'Kết quả thực hiện', required: false },
        { key: 'proposals', title: 'Kiến nghị, đề xuất', required: false },
      ],
      allowAttachments: false,
    };
    const plan = await s.plans.create(SYSTEM_ACTOR, u.N!, {
      ...emptyPlanContent('Kế hoạch tập huấn cán bộ công đoàn năm 2025', 2025),
      targets: [
        {
          text: 'Trên 80% cán bộ chủ chốt được tập huấn',
          milestones: [{ year: 2025, op: '>', value: 80, unit: '%' }],
        },
      ],
    });
    planId = plan.id;
    await s.indicators.bindTarget(SYSTEM_ACTOR, planId, plan.targets[0]!.id, trainedId);
    const schedule = await s.schedules.createSchedule(SYSTEM_ACTOR, {
      planId,
      dutyIndex: null,
      name: 'Báo cáo 6 tháng',
      frequency: 'semiannual',
      dueRule: '06-10',
      fromYear: 2025,
      toYear: 2025,
      leadDays: 5,
      unitTypes: ['grassroots'],
      form,
    });
    [h1, h2] = schedule.periods.map((p) => p.id) as [number, number];
    const provincePlan = await s.plans.create(SYSTEM_ACTOR, u.A!, {
      ...emptyPlanContent('Kế hoạch của tỉnh', 2025),
    });
    await s.schedules.createSchedule(SYSTEM_ACTOR, {
      planId: provincePlan.id,
      dutyIndex: null,
      name: 'Báo cáo 6 tháng của xã',
      frequency: 'semiannual',
      dueRule: '06-10',
      fromYear: 2025,
      toYear: 2025,
      leadDays: 5,
      unitTypes: ['commune'],
      form,
    });
    await approved(h1, 'g1', 9, 'Tập huấn 9 cán bộ.');
    await approved(h1, 'g2', 10, 'Tập huấn 10 cán bộ.');
    await approved(h1, 'g3', 5, 'Tập huấn 5 cán bộ.');
    await approved(h2, 'g1', 10, 'Hoàn thành tập huấn.');
    await approved(h2, 'g2', 10, 'Tập huấn bổ sung.');
    await approved(h2, 'g3', 8, 'Chờ duyệt.', false);
  }, 120_000);
  afterAll(async () => {
    await t.app.close();
    await testDb.dispose();
  });

  it('assesses the plan’s target from the live roll-up, ranks the provinces and counts who reported', async () => {
    const d = await t.services.dashboard.planDashboard(SYSTEM_ACTOR, planId, h2);
    const target = d.targets[0]!;
    // H1: (9 + 10 + 5) / 30 = 80%; H2: (10 + 10) / 20 = 100% (g3 not yet approved)
    expect(target.series.map((p) => p.value)).toEqual([80, 100]);
    expect(target).toMatchObject({ status: 'met', colour: 'green', current: 100 });
    expect(target.basis).toContain('Xu hướng tuyến tính từ 2 kỳ');
    expect(target.units.map((x) => [x.unitId, x.value, x.rank])).toEqual([
      [u.A, 100, 1],
      [u.B, null, null],
    ]);
    expect(d.completeness?.total).toMatchObject({ expected: 4, submitted: 3, approved: 2 });
    // The test runs after the due dates: every submission was late, and g4 never reported.
    expect(d.completeness?.lateUnits.map((l) => l.unitId)).toEqual([u.g1, u.g2, u.g3, u.g4]);
    expect(d.completeness?.total).toMatchObject({ onTime: 0, late: 4, timeliness: 0 });
    const a = d.completeness!.units.find((x) => x.unitId === u.A)!;
    expect(a.completeness).toMatchObject({
      expected: 3,
      approved: 2,
      submitted: 3,
      completeness: (2 / 3) * 100,
    });
  });

  it('shows a province only its own line under the national plan', async () => {
    const d = await t.services.dashboard.planDashboard(managerA, planId, h2);
    expect(d.targets[0]!.units.map((x) => x.unitId)).toEqual([u.A]);
    expect(d.targets[0]!.current).toBe(100); // the plan's own unit stays visible
    expect(d.completeness?.units.map((x) => x.unitId)).toEqual([u.A]);
    expect(d.completeness?.total.expected).toBe(3);
  });

  it('drills down from the nation to a grassroots union, and refuses another province', async () => {
    const d = await t.services.drilldown.drilldown(SYSTEM_ACTOR, h1, u.A1!, trainedId);
    expect(d.path.map((p) => p.unitId)).toEqual([u.N, u.A, u.A1]);
    expect(d.unit.figures[0]).toMatchObject({ value: 95, numerator: 19, denominator: 20, reportingUnits: 2 });
    expect(d.children.map((c) => [c.unitId, c.hasUnits, c.figures[0]!.value])).toEqual([
      [u.g1, false, 90],
      [u.g2, false, 100],
    ]);
    const top = await t.services.drilldown.drilldown(managerA, h1, u.N!);
    expect(top.unit.figures[0]!.value).toBeCloseTo(80);
    expect(top.children.map((c) => c.unitId)).toEqual([u.A]);
    await expect(t.services.drilldown.drilldown(managerA, h1, u.B1!)).rejects.toMatchObject({ status: 403 });
  });

  it('lists a unit’s plans with their status', async () => {
    const d = await t.services.dashboard.unitDashboard(managerA, u.A!);
    const national = d.plans.find((p) => p.planId === planId)!;
    expect(national).toMatchObject({ fromAbove: true, status: 'met', colour: 'green' });
  });

  it('compiles the consolidated report of a commune, renders it, and files it upward', async () => {
    const c = await t.services.consolidated.compile(officerA1, h2, u.A1!);
    expect(c.values[0]!.total).toMatchObject({ numerator: 20, denominator: 20, value: 100 });
    expect(c.values[0]!.units.map((x) => x.figure.value)).toEqual([100, 100]);
    const results = c.sections.find((s) => s.key === 'results')!;
    expect(results.text).toBe('- Đơn vị g1: Hoàn thành tập huấn.\n- Đơn vị g2: Tập huấn bổ sung.');
    expect(results.sources.map((x) => x.unitId)).toEqual([u.g1, u.g2]);
    expect(c.narrativeUnits).toEqual({ gathered: 2, more: false });
    expect(c.parent?.unitId).toBe(u.A);
    expect(c.upward?.reportId).toBeNull();
    const province = await t.services.consolidated.compile(managerA, h2, u.A!);
    expect(province.notReported.map((x) => [x.unitId, x.status])).toEqual([[u.g3, 'submitted']]);

    const docx = await t.services.consolidated.docx(officerA1, h2, u.A1!, { results: 'Văn bản đã sửa.' });
    const xml = documentXml(docx.data);
    for (const text of [
      'BÁO CÁO',
      'Kính gửi',
      'Đơn vị A',
      'Văn bản đã sửa.',
      'Times New Roman',
      'KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU',
    ]) {
      expect(xml).toContain(text);
    }
    // numbered for its issuer (a commune union: BC-CĐ), dated by the report, never in the app's words
    expect(xml).toContain('/BC-CĐ');
    expect(xml).not.toMatch(/hãy chọn lại/);
    const today = t.services.access.today();
    expect(xml).toContain(headerDate(today < c.period.dueOn ? today : c.period.dueOn));
    expect((await t.services.consolidated.xlsx(officerA1, h2, u.A1!)).data.subarray(0, 2).toString()).toBe(
      'PK',
    );

    const filed = await t.services.consolidated.submit(officerA1, h2, {
      unitId: u.A1!,
      narrative: { results: 'Tổng hợp: 20/20 cán bộ được tập huấn.', unknown: 'bỏ qua' },
      submit: true,
    });
    expect(filed).toMatchObject({
      unitId: u.A1,
      status: 'submitted',
      narrative: { results: 'Tổng hợp: 20/20 cán bộ được tập huấn.' },
    });
    expect(filed.values).toEqual([
      expect.objectContaining({ indicatorId: trainedId, category: 'total', numerator: 20, denominator: 20 }),
    ]);
    expect(filed.period.key).toBe('2025-H2');
  });

  it('names the bad field of a dashboard request (400) and needs a session (401)', async () => {
    const headers = await t.signIn('qa');
    const bad = await t.app.inject({
      method: 'GET',
      url: `/api/plans/${planId}/dashboard?periodId=abc`,
      headers,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('periodId');
    const missing = await t.app.inject({ method: 'GET', url: `/api/periods/${h1}/drilldown`, headers });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.field).toBe('unitId');
    const other = await t.app.inject({
      method: 'GET',
      url: `/api/plans/${planId}/dashboard?periodId=999999`,
      headers,
    });
    expect(other.statusCode).toBe(400);
    const ok = await t.app.inject({ method: 'GET', url: `/api/plans/${planId}/dashboard`, headers });
    expect(ok.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/plans/${planId}/dashboard` })).statusCode).toBe(
      401,
    );
  });
});
