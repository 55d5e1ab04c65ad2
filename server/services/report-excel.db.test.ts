import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SECTIONS } from '../../contracts/reporting.ts';
import { emptyPlanContent } from '../../domain/plans/empty-plan.ts';
import { ACTIVITY_COUNT, seedSmallOrg } from '../test/fixtures.ts';
import { openTestDatabase, type TestDatabase, testEngines } from '../test/test-database.ts';
import { type Actor, SYSTEM_ACTOR } from './actor.ts';
import { createServices, type Services } from './services.ts';

const UNITS = 200;
/** The 200 imported units and the one grassroots union of the small fixture. */
const ROWS = UNITS + 1;

describe.each(testEngines())('Excel entry on %s', (engine) => {
  let testDb: TestDatabase;
  let services: Services;
  let manager: Actor;
  let periodId: number;
  let commune: number;

  beforeAll(async () => {
    testDb = await openTestDatabase(engine);
    services = createServices(
      testDb.database,
      { sessionTtlHours: 1 },
      () => new Date('2025-11-01T03:00:00Z'),
    );
    const org = await seedSmallOrg(services);
    commune = org.communeA1.id;
    manager = { userId: org.users.manager!, role: 'manager', homeUnitId: org.provinceA.id, ip: null };
    const lines = ['code,name,type,parent_code,valid_from,valid_to'];
    for (let i = 1; i <= UNITS; i++) lines.push(`G${i},Công đoàn cơ sở số ${i},grassroots,A1,2020-01-01,`);
    const imported = await services.orgExchange.import(SYSTEM_ACTOR, Buffer.from(lines.join('\n')));
    expect(imported.created).toBe(UNITS);
    const ratio = await services.reporting.createIndicator(SYSTEM_ACTOR, {
      code: 'CB',
      name: 'Cán bộ được tập huấn',
      kind: 'ratio',
      unit: '%',
      numeratorLabel: 'Được tập huấn',
      denominatorLabel: 'Tổng số cán bộ',
      disaggregation: 'none',
      aggregation: 'sum',
      threshold: 1,
    });
    const count = await services.reporting.createIndicator(SYSTEM_ACTOR, ACTIVITY_COUNT);
    const plan = await services.plans.create(
      SYSTEM_ACTOR,
      org.provinceA.id,
      emptyPlanContent('Kế hoạch năm', 2025),
    );
    const schedule = await services.reporting.createSchedule(manager, {
      planId: plan.id,
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
          { indicatorId: ratio.id, required: true },
          { indicatorId: count.id, required: false },
        ],
        sections: [...DEFAULT_SECTIONS],
        allowAttachments: true,
      },
    });
    periodId = schedule.periods[0]!.id;
  }, 120_000);
  afterAll(() => testDb.dispose());

  async function fill(template: Buffer, bad: boolean): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Báo cáo')!;
    for (let r = 5; r < 5 + ROWS; r++) {
      const row = sheet.getRow(r);
      row.getCell(3).value = 8;
      row.getCell(4).value = 10;
      row.getCell(5).value = '1.234';
      row.getCell(6).value = `Đơn vị dòng ${r} đã tổ chức tập huấn.`;
    }
    if (bad) {
      sheet.getRow(7).getCell(3).value = 12; // numerator above denominator
      sheet.getRow(50).getCell(5).value = 'mười'; // not a number
      sheet.getRow(120).getCell(4).value = -3; // negative
    }
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  it('downloads one template with a row for each of the 200 units', async () => {
    const file = await services.reportExcel.template(manager, periodId, { parentId: commune });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.data as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Báo cáo')!;
    const names = Array.from({ length: ROWS }, (_, i) => sheet.getRow(5 + i).getCell(2).text);
    expect(names.filter((n) => n.startsWith('Công đoàn cơ sở số'))).toHaveLength(UNITS);
    expect(sheet.rowCount).toBe(4 + ROWS);
  });

  it('shows exactly the 3 bad cells and saves nothing, then saves all 200 at once', async () => {
    const template = (await services.reportExcel.template(manager, periodId, { parentId: commune })).data;
    const bad = await services.reportExcel.import(manager, periodId, await fill(template, true), true);
    expect(bad.applied).toBe(false);
    expect(bad.errors.map((e) => e.cell).sort()).toEqual(['C7', 'D120', 'E50']);
    expect(bad.errors.find((e) => e.cell === 'E50')!.message).toBe('"mười" không phải là số.');
    expect(
      (await services.reporting.periodStatus(manager, periodId)).rows.filter((r) => r.reportId !== null),
    ).toHaveLength(0);

    const good = await services.reportExcel.import(manager, periodId, await fill(template, false), true);
    expect(good).toEqual({ applied: true, reports: ROWS, errors: [] });
    const status = await services.reporting.periodStatus(manager, periodId);
    expect(status.rows.filter((r) => r.status === 'draft')).toHaveLength(ROWS);
    const one = await services.reporting.get(manager, status.rows[0]!.reportId!);
    expect(one.values.find((v) => v.numerator === 1234)).toBeTruthy();
    expect(one.narrative.results).toMatch(/đã tổ chức tập huấn/);
  });
});
