import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TReport, TValueInput } from '../../contracts/reporting.ts';
import { emptyPlanContent } from '../../domain/plans/empty-plan.ts';
import { categoryKeysOf } from '../../domain/reporting/breakdowns.ts';
import { createTestApp, type TestApp } from '../test/fixtures.ts';
import { openTestDatabase, type TestDatabase, testEngines } from '../test/test-database.ts';
import { type Actor, SYSTEM_ACTOR } from './actor.ts';

/** The text of `word/document.xml` in a DOCX (a zip). */
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
 *   N ─┬─ A ─┬─ g1
 *      │     └─ g2
 *      └─ B ──── g3
 * A national plan with two targets: new members by sex (one category), and child labourers found
 * by sex × area (two). Every grassroots union reports, is approved, and the figures are checked
 * against a hand count at every level — stored roll-ups, rebuild, dashboard, consolidated report,
 * its DOCX and XLSX.
 */
describe.each(testEngines())('breakdowns end to end on %s', (engine) => {
  let testDb: TestDatabase;
  let t: TestApp;
  const u: Record<string, number> = {};
  let planId: number;
  let period: number;
  let sexId: number;
  let gridId: number;
  const GRID = categoryKeysOf('sex+area');
  // sex: [male, female]; grid: the six cells in GRID order (male|urban, male|rural, male|iz, female|…)
  const DATA: Record<string, { sex: [number, number]; grid: number[] }> = {
    g1: { sex: [3, 5], grid: [1, 2, 0, 0, 1, 3] },
    g2: { sex: [4, 0], grid: [0, 0, 2, 1, 1, 1] },
    g3: { sex: [1, 1], grid: [5, 0, 0, 0, 0, 2] },
  };
  const manager = (home: string): Actor => ({
    userId: null,
    role: 'manager',
    homeUnitId: u[home]!,
    ip: null,
  });

  function valuesOf(unit: string): TValueInput[] {
    const d = DATA[unit]!;
    const row = (indicatorId: number, category: string, numerator: number): TValueInput => ({
      indicatorId,
      category,
      numerator,
      denominator: null,
      comment: null,
    });
    return [
      row(sexId, 'total', d.sex[0] + d.sex[1]),
      row(sexId, 'male', d.sex[0]),
      row(sexId, 'female', d.sex[1]),
      row(
        gridId,
        'total',
        d.grid.reduce((s, x) => s + x, 0),
      ),
      ...GRID.map((k, i) => row(gridId, k, d.grid[i]!)),
    ];
  }

  async function approved(unit: string) {
    const s = t.services;
    let report: TReport = await s.reports.open(SYSTEM_ACTOR, period, u[unit]!);
    report = await s.reports.save(SYSTEM_ACTOR, report.id, {
      values: valuesOf(unit),
      narrative: { results: `Báo cáo của ${unit}.` },
      version: report.version,
    });
    report = await s.reports.submit(SYSTEM_ACTOR, report.id, report.version);
    await s.reviews.approve(SYSTEM_ACTOR, report.id, report.version);
  }

  /** Hand count: the sum of a category over some grassroots unions. */
  const hand = (units: string[], pick: (d: (typeof DATA)[string]) => number) =>
    units.reduce((s, unit) => s + pick(DATA[unit]!), 0);

  beforeAll(async () => {
    testDb = await openTestDatabase(engine);
    t = await createTestApp(testDb.database);
    const s = t.services;
    const create = async (
      code: string,
      type: 'national' | 'province' | 'grassroots',
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
    await create('g1', 'grassroots', 'A');
    await create('g2', 'grassroots', 'A');
    await create('g3', 'grassroots', 'B');
    const indicator = async (code: string, name: string, disaggregation: string) =>
      (
        await s.indicators.createIndicator(SYSTEM_ACTOR, {
          code,
          name,
          kind: 'count',
          unit: 'người',
          numeratorLabel: null,
          denominatorLabel: null,
          disaggregation,
          aggregation: 'sum',
          threshold: 1,
        })
      ).id;
    sexId = await indicator('DV_MOI', 'Số đoàn viên mới kết nạp', 'sex');
    gridId = await indicator('LDTE', 'Số lao động trẻ em phát hiện', 'sex+area');
    const plan = await s.plans.create(SYSTEM_ACTOR, u.N!, {
      ...emptyPlanContent('Kế hoạch năm 2025', 2025),
      targets: [
        {
          text: 'Kết nạp trên 10 đoàn viên mới',
          milestones: [{ year: 2025, op: '>', value: 10, unit: null }],
        },
        { text: 'Phát hiện, hỗ trợ lao động trẻ em', milestones: [] },
      ],
    });
    planId = plan.id;
    await s.indicators.bindTarget(SYSTEM_ACTOR, planId, plan.targets[0]!.id, sexId);
    await s.indicators.bindTarget(SYSTEM_ACTOR, planId, plan.targets[1]!.id, gridId);
    const schedule = await s.schedules.createSchedule(SYSTEM_ACTOR, {
      planId,
      dutyIndex: null,
      name: 'Báo cáo năm',
      frequency: 'annual',
      dueRule: '11-10',
      fromYear: 2025,
      toYear: 2025,
      leadDays: 5,
      unitTypes: ['grassroots'],
      form: {
        name: 'Biểu năm',
        indicators: [
          { indicatorId: sexId, required: true },
          { indicatorId: gridId, required: true },
        ],
        sections: [{ key: 'results', title: 'Kết quả thực hiện', required: false }],
        allowAttachments: false,
      },
    });
    period = schedule.periods[0]!.id;
    for (const unit of ['g1', 'g2', 'g3']) await approved(unit);
  }, 120_000);
  afterAll(async () => {
    await t.app.close();
    await testDb.dispose();
  });

  async function stored() {
    const rows = await testDb.database.query<{
      unit_id: number;
      indicator_id: number;
      category: string;
      numerator: number;
      reporting_units: number;
    }>(
      `SELECT unit_id, indicator_id, category, numerator::float8 AS numerator, reporting_units
         FROM rollup_values WHERE period_id = $1 ORDER BY unit_id, indicator_id, category`,
      [period],
    );
    return rows.map((r) => ({ ...r, numerator: Number(r.numerator) }));
  }

  it('rolls every combination up the tree as a hand count, approvals and rebuild alike', async () => {
    const before = await stored();
    const at = (unit: string, indicatorId: number, category: string) =>
      before.find((r) => r.unit_id === u[unit] && r.indicator_id === indicatorId && r.category === category);
    for (const [unit, below] of [
      ['N', ['g1', 'g2', 'g3']],
      ['A', ['g1', 'g2']],
      ['B', ['g3']],
    ] as const) {
      expect(at(unit, sexId, 'male')?.numerator).toBe(hand([...below], (d) => d.sex[0]));
      expect(at(unit, sexId, 'female')?.numerator).toBe(hand([...below], (d) => d.sex[1]));
      GRID.forEach((key, i) => {
        expect(at(unit, gridId, key)?.numerator, `${unit} ${key}`).toBe(hand([...below], (d) => d.grid[i]!));
        expect(at(unit, gridId, key)?.reporting_units).toBe(below.length);
      });
      expect(at(unit, gridId, 'total')?.numerator).toBe(
        hand([...below], (d) => d.grid.reduce((s, x) => s + x, 0)),
      );
    }
    await t.services.rollup.rebuild(SYSTEM_ACTOR, period);
    expect(await stored()).toEqual(before);
  });

  it('shows the parts on the dashboard: one category and the grid of two with its sums', async () => {
    const d = await t.services.dashboard.planDashboard(SYSTEM_ACTOR, planId, period);
    const bySex = d.targets[0]!.breakdown!;
    expect(bySex.label).toBe('Giới tính');
    expect(bySex.cells.map((c) => [c.category, c.label, c.value])).toEqual([
      ['male', 'Nam', 8],
      ['female', 'Nữ', 6],
    ]);
    expect(d.targets[0]!.current).toBe(14);
    const grid = d.targets[1]!.breakdown!;
    expect(grid.cells.map((c) => c.value)).toEqual(
      GRID.map((_, i) => hand(['g1', 'g2', 'g3'], (x) => x.grid[i]!)),
    );
    const marginal = (code: string) => grid.marginals.find((m) => m.category === code)?.value;
    expect(marginal('male')).toBe(1 + 2 + 0 + 0 + 0 + 2 + 5);
    expect(marginal('female')).toBe(0 + 1 + 3 + 1 + 1 + 1 + 0 + 0 + 2);
    expect(marginal('urban')).toBe(1 + 0 + 0 + 1 + 5 + 0);
    expect(marginal('industrial_zone')).toBe(0 + 3 + 2 + 1 + 0 + 2);
  });

  it('puts the parts in the consolidated report, its DOCX and its XLSX', async () => {
    const c = await t.services.consolidated.compile(manager('A'), period, u.A!);
    const sex = c.values.find((v) => v.indicator.id === sexId)!;
    expect(sex.breakdown?.cells.map((x) => x.value)).toEqual([7, 5]);
    const grid = c.values.find((v) => v.indicator.id === gridId)!;
    expect(grid.breakdown?.cells.map((x) => x.value)).toEqual([1, 2, 2, 1, 2, 4]);

    const xml = documentXml((await t.services.consolidated.docx(manager('A'), period, u.A!)).data);
    expect(xml).toContain('Số đoàn viên mới kết nạp — phân tổ theo giới tính:');
    expect(xml).toContain('Số lao động trẻ em phát hiện — phân tổ theo giới tính × địa bàn:');
    expect(xml).toContain('Khu công nghiệp, khu chế xuất');

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await t.services.consolidated.xlsx(manager('A'), period, u.A!)).data as never);
    const sheet = workbook.getWorksheet('Phân tổ')!;
    const lines: [string, string, number][] = [];
    sheet.eachRow((row) => {
      const [, , name, , group, value] = row.values as unknown[];
      if (typeof value === 'number') lines.push([String(name), String(group), value]);
    });
    expect(lines.filter((l) => l[0] === 'Số đoàn viên mới kết nạp').map((l) => [l[1], l[2]])).toEqual([
      ['Nam', 7],
      ['Nữ', 5],
      ['Tổng số', 12],
    ]);
    const gridLines = new Map(
      lines.filter((l) => l[0] === 'Số lao động trẻ em phát hiện').map((l) => [l[1], l[2]]),
    );
    expect(gridLines.get('Nữ – Khu công nghiệp, khu chế xuất')).toBe(4);
    expect(gridLines.get('Cộng Nữ')).toBe(1 + 2 + 4);
    expect(gridLines.get('Cộng Thành thị')).toBe(1 + 1);
    expect(gridLines.get('Tổng số')).toBe(12);
  });

  it('refuses parts that do not add up, naming the indicator and the field in Vietnamese', async () => {
    const s = t.services;
    const schedulePeriod = period;
    // g1's approved report is locked: a fresh unit under B reports wrongly.
    u.g4 = (
      await s.orgChange.create(SYSTEM_ACTOR, {
        code: 'g4',
        name: 'Đơn vị g4',
        shortName: null,
        type: 'grassroots',
        parentId: u.B!,
        effectiveDate: '2020-01-01',
      })
    ).id;
    DATA.g4 = { sex: [2, 2], grid: [1, 1, 1, 1, 1, 1] };
    let report = await s.reports.open(SYSTEM_ACTOR, schedulePeriod, u.g4);
    const values = valuesOf('g4').map((v) =>
      v.indicatorId === sexId && v.category === 'total' ? { ...v, numerator: 5 } : v,
    );
    report = await s.reports.save(SYSTEM_ACTOR, report.id, {
      values,
      narrative: {},
      version: report.version,
    });
    expect(report.issues).toContainEqual({
      field: `values.${sexId}.total.numerator`,
      message: '"Số đoàn viên mới kết nạp": tổng số (5) khác tổng các nhóm (Nam 2 + Nữ 2 = 4).',
      severity: 'error',
    });
    await expect(s.reports.submit(SYSTEM_ACTOR, report.id, report.version)).rejects.toMatchObject({
      status: 400,
    });
    // a grid given in part
    const partial = valuesOf('g4').filter((v) => v.category !== 'female|urban');
    report = await s.reports.save(SYSTEM_ACTOR, report.id, {
      values: partial,
      narrative: {},
      version: report.version,
    });
    expect(report.issues.find((i) => i.field === `values.${gridId}.female|urban.numerator`)?.message).toBe(
      '"Số lao động trẻ em phát hiện": chưa nhập ô "Nữ – Thành thị" — phân tổ theo giới tính × địa bàn cần đủ mọi ô.',
    );
    // a category the indicator does not have: kept in the draft as typed, named, and never sent
    report = await s.reports.save(SYSTEM_ACTOR, report.id, {
      values: [
        ...valuesOf('g4'),
        { indicatorId: sexId, category: 'urban', numerator: 1, denominator: null, comment: null },
      ],
      narrative: {},
      version: report.version,
    });
    expect(report.issues.find((i) => i.field === `values.${sexId}.urban.numerator`)?.message).toBe(
      '"Số đoàn viên mới kết nạp": nhóm "Thành thị" không thuộc phân tổ theo giới tính.',
    );
    await expect(s.reports.submit(SYSTEM_ACTOR, report.id, report.version)).rejects.toMatchObject({
      status: 400,
    });
  });
});
