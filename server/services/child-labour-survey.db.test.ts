import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TReport, TValueInput } from '../../contracts/reporting.ts';
import { emptyPlanContent } from '../../domain/plans/empty-plan.ts';
import { categoryKeysOf } from '../../domain/reporting/breakdowns.ts';
import { CHILD_LABOUR_SURVEY } from '../../domain/reporting/ready-forms.ts';
import { materialiseReadyForm } from '../../web/src/features/reports/ready-form.ts';
import { createTestApp, type TestApp } from '../test/fixtures.ts';
import { openTestDatabase, type TestDatabase, testEngines } from '../test/test-database.ts';
import { SYSTEM_ACTOR } from './actor.ts';
import { templateColumns } from './report-excel.service.ts';

/**
 * The child-labour situation survey (issue 20 item 5) scheduled from its ready form by a national
 * plan for the provinces, filled by two provinces, approved, rolled up to the nation and exported:
 * every cell of every breakdown at the nation equals the two provinces' sum.
 */
describe.each(testEngines())('the child-labour survey on %s', (engine) => {
  let testDb: TestDatabase;
  let t: TestApp;
  const u: Record<string, number> = {};
  let period: number;
  let ids: number[];
  const reported: Record<string, Map<string, number>> = {};

  /** A province's figures: every cell of every breakdown, the totals as their sums. */
  function valuesFor(unit: string, seed: number): TValueInput[] {
    const values: TValueInput[] = [];
    const mine = new Map<string, number>();
    CHILD_LABOUR_SURVEY.indicators.forEach((indicator, k) => {
      const keys = categoryKeysOf(indicator.disaggregation);
      let total = 0;
      keys.forEach((key, i) => {
        const n = (seed * 7 + i * 3 + k) % 11;
        total += n;
        mine.set(`${ids[k]}:${key}`, n);
        values.push({ indicatorId: ids[k]!, category: key, numerator: n, denominator: null, comment: null });
      });
      if (keys.length === 0) total = 100 + seed;
      mine.set(`${ids[k]}:total`, total);
      values.push({
        indicatorId: ids[k]!,
        category: 'total',
        numerator: total,
        denominator: null,
        comment: null,
      });
    });
    reported[unit] = mine;
    return values;
  }

  beforeAll(async () => {
    testDb = await openTestDatabase(engine);
    t = await createTestApp(testDb.database);
    const s = t.services;
    for (const [code, type, parent] of [
      ['N', 'national', null],
      ['P1', 'province', 'N'],
      ['P2', 'province', 'N'],
    ] as const) {
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
    }
    const made = await materialiseReadyForm(
      CHILD_LABOUR_SURVEY,
      await s.indicators.listIndicators(SYSTEM_ACTOR),
      (input) => s.indicators.createIndicator(SYSTEM_ACTOR, input),
    );
    ids = made.indicatorIds;
    // a second time reuses every indicator
    const again = await materialiseReadyForm(
      CHILD_LABOUR_SURVEY,
      await s.indicators.listIndicators(SYSTEM_ACTOR),
      () => {
        throw new Error('created twice');
      },
    );
    expect(again.indicatorIds).toEqual(ids);
    const plan = await s.plans.create(SYSTEM_ACTOR, u.N!, {
      ...emptyPlanContent('Kế hoạch phòng ngừa, giảm thiểu lao động trẻ em năm 2025', 2025),
    });
    const schedule = await s.schedules.createSchedule(SYSTEM_ACTOR, {
      planId: plan.id,
      dutyIndex: null,
      name: CHILD_LABOUR_SURVEY.name,
      frequency: CHILD_LABOUR_SURVEY.frequency,
      dueRule: CHILD_LABOUR_SURVEY.dueRule,
      fromYear: 2025,
      toYear: 2025,
      leadDays: 5,
      unitTypes: ['province'],
      form: {
        name: CHILD_LABOUR_SURVEY.name,
        indicators: ids.map((id) => ({ indicatorId: id, required: made.requiredIndicatorIds.includes(id) })),
        sections: [{ key: 'results', title: 'Kết quả thực hiện', required: true }],
        allowAttachments: true,
      },
    });
    period = schedule.periods[0]!.id;
    for (const [unit, seed] of [
      ['P1', 1],
      ['P2', 4],
    ] as const) {
      let report: TReport = await s.reports.open(SYSTEM_ACTOR, period, u[unit]!);
      report = await s.reports.save(SYSTEM_ACTOR, report.id, {
        values: valuesFor(unit, seed),
        narrative: { results: `Khảo sát tại ${unit}.` },
        version: report.version,
      });
      expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
      report = await s.reports.submit(SYSTEM_ACTOR, report.id, report.version);
      await s.reviews.approve(SYSTEM_ACTOR, report.id, report.version);
    }
  }, 120_000);
  afterAll(async () => {
    await t.app.close();
    await testDb.dispose();
  });

  it('rolls every cell up to the nation as the provinces’ sum', async () => {
    const rows = await testDb.database.query<{ indicator_id: number; category: string; numerator: number }>(
      'SELECT indicator_id, category, numerator::float8 AS numerator FROM rollup_values WHERE period_id = $1 AND unit_id = $2',
      [period, u.N],
    );
    const atNation = new Map(rows.map((r) => [`${r.indicator_id}:${r.category}`, Number(r.numerator)]));
    const expected = new Map<string, number>();
    for (const mine of Object.values(reported))
      for (const [key, n] of mine) expected.set(key, (expected.get(key) ?? 0) + n);
    expect(atNation).toEqual(expected);
    expect(atNation.get(`${ids[0]}:craft_village|rural`)).toBeGreaterThanOrEqual(0);
  });

  it('exports the survey: the report template has a column per cell, the consolidated workbook the parts', async () => {
    const form = await t.services.indicators.form(
      (await t.services.reports.open(SYSTEM_ACTOR, period, u.P1!)).form.versionId,
    );
    const headers = templateColumns(form).map((c) => c.header);
    expect(headers.some((h) => h.includes('Làng nghề, tiểu thủ công nghiệp – Nông thôn'))).toBe(true);
    expect(headers.some((h) => h.includes('Nữ – Từ 12 đến 14 tuổi'))).toBe(true);

    const c = await t.services.consolidated.compile(SYSTEM_ACTOR, period, u.N!);
    const survey = c.values.find((v) => v.indicator.id === ids[0])!;
    const cell = survey.breakdown!.cells.find((x) => x.category === 'agriculture|urban')!;
    expect(cell.value).toBe(
      reported.P1!.get(`${ids[0]}:agriculture|urban`)! + reported.P2!.get(`${ids[0]}:agriculture|urban`)!,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await t.services.consolidated.xlsx(SYSTEM_ACTOR, period, u.N!)).data as never);
    const groups: string[] = [];
    workbook.getWorksheet('Phân tổ')!.eachRow((row) => groups.push(String((row.values as unknown[])[4])));
    expect(groups).toContain('Nông nghiệp – Thành thị');
    expect(groups).toContain('Nguy cơ cao');
    expect(groups).toContain('Cộng Khu công nghiệp, khu chế xuất');
  });
});
