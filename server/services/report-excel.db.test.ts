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
/** The template's first data row (heading, two header rows and the hidden key row above). */
const FIRST = 9;
/** Columns: C the trained, D all officers, E their % (a formula), F activities, G results. */
const [TRAINED, OFFICERS, COUNT, RESULTS] = [3, 4, 6, 7];

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
    const ratio = await services.indicators.createIndicator(SYSTEM_ACTOR, {
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
    const count = await services.indicators.createIndicator(SYSTEM_ACTOR, ACTIVITY_COUNT);
    const plan = await services.plans.create(
      SYSTEM_ACTOR,
      org.provinceA.id,
      emptyPlanContent('Kế hoạch năm', 2025),
    );
    const schedule = await services.schedules.createSchedule(manager, {
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
    for (let r = FIRST; r < FIRST + ROWS; r++) {
      const row = sheet.getRow(r);
      row.getCell(TRAINED).value = 8;
      row.getCell(OFFICERS).value = 10;
      row.getCell(COUNT).value = '1.234';
      row.getCell(RESULTS).value = `Đơn vị dòng ${r} đã tổ chức tập huấn.`;
    }
    if (bad) {
      sheet.getRow(11).getCell(TRAINED).value = 12; // numerator above denominator
      sheet.getRow(54).getCell(COUNT).value = 'mười'; // not a number
      sheet.getRow(124).getCell(OFFICERS).value = -3; // negative
    }
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  it('downloads one template with a row for each of the 200 units', async () => {
    const file = await services.reportExcel.template(manager, periodId, { parentId: commune });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.data as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Báo cáo')!;
    const names = Array.from({ length: ROWS }, (_, i) => sheet.getRow(FIRST + i).getCell(2).text);
    expect(names.filter((n) => n.startsWith('Công đoàn cơ sở số'))).toHaveLength(UNITS);
    // the rows, then the totals row
    expect(sheet.rowCount).toBe(FIRST + ROWS);
    expect(sheet.getRow(FIRST + ROWS).getCell(2).text).toBe('Tổng cộng');
  });

  it('shows exactly the 3 bad cells and saves nothing, then saves all 200 at once', async () => {
    const template = (await services.reportExcel.template(manager, periodId, { parentId: commune })).data;
    const bad = await services.reportExcel.import(manager, periodId, await fill(template, true), true);
    expect(bad.applied).toBe(false);
    expect(bad.errors.map((e) => e.cell).sort()).toEqual(['C11', 'D124', 'F54']);
    expect(bad.errors.find((e) => e.cell === 'F54')!.message).toBe('Ô F54: "mười" không phải là số.');
    expect(
      (await services.schedules.periodStatus(manager, periodId)).rows.filter((r) => r.reportId !== null),
    ).toHaveLength(0);

    const good = await services.reportExcel.import(manager, periodId, await fill(template, false), true);
    expect(good).toEqual({
      applied: true,
      reports: ROWS,
      unchanged: 0,
      skipped: 0,
      submitted: 0,
      errors: [],
    });
    const status = await services.schedules.periodStatus(manager, periodId);
    expect(status.rows.filter((r) => r.status === 'draft')).toHaveLength(ROWS);
    const one = await services.reports.get(manager, status.rows[0]!.reportId!);
    expect(one.values.find((v) => v.numerator === 1234)).toBeTruthy();
    expect(one.narrative.results).toMatch(/đã tổ chức tập huấn/);
  });
  /** The data rows of a template sheet, by unit code (the code in column A, data from row 5). */
  function rowsByCode(sheet: ExcelJS.Worksheet, first = FIRST): Map<string, number> {
    const rows = new Map<string, number>();
    for (let r = first; r <= sheet.rowCount; r++) {
      const code = sheet.getRow(r).getCell(1).text.trim();
      if (code) rows.set(code, r);
    }
    return rows;
  }

  const load = async (data: Buffer) => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
    return workbook;
  };
  const reportOfCode = async (code: string) => {
    const status = await services.schedules.periodStatus(manager, periodId);
    const unit = (await services.orgRepository.findUnitByCode(code))!;
    return services.reports.get(manager, status.rows.find((r) => r.unitId === unit.id)!.reportId!);
  };

  it('round trip: the template sent back unchanged changes nothing; submitted rows are locked, grey and skipped', async () => {
    // two units have submitted; a third typed a proposal on the web after the Excel import
    for (const code of ['G1', 'G2']) {
      const report = await reportOfCode(code);
      await services.reports.submit(manager, report.id, report.version);
    }
    const typed = await reportOfCode('G3');
    await services.reports.save(manager, typed.id, {
      values: typed.values.map((v) => ({ ...v, comment: v.comment ?? null })),
      narrative: { ...typed.narrative, proposals: 'Đề nghị hỗ trợ kinh phí tập huấn (gõ trên web).' },
      version: typed.version,
    });
    const before = await reportOfCode('G3');

    const template = (await services.reportExcel.template(manager, periodId, { parentId: commune })).data;
    const sheet = (await load(template)).getWorksheet('Báo cáo')!;
    const at = rowsByCode(sheet);
    const lastColumn = sheet.getRow(FIRST - 1).cellCount;
    const locked = sheet.getRow(at.get('G1')!);
    expect(locked.getCell(3).value).toBe(8); // the submitted figures, shown
    expect(locked.getCell(3).fill).toMatchObject({ fgColor: { argb: 'FFD9D9D9' } });
    expect(locked.getCell(3).protection?.locked).not.toBe(false);
    expect(locked.getCell(lastColumn).text).toMatch(/^Đã gửi — khoá/);
    const open = sheet.getRow(at.get('G3')!);
    expect(open.getCell(3).protection).toMatchObject({ locked: false });
    expect(open.getCell(lastColumn).text).toMatch(/^Nháp/);
    expect((sheet as unknown as { sheetProtection: unknown }).sheetProtection).toMatchObject({
      sheet: true,
      insertRows: true,
      deleteColumns: true,
    });

    const back = await services.reportExcel.import(manager, periodId, template, true);
    expect(back).toEqual({
      applied: true,
      reports: 0,
      unchanged: ROWS - 2,
      skipped: 2,
      submitted: 0,
      errors: [],
    });
    const after = await reportOfCode('G3');
    expect(after.version).toBe(before.version);
    expect(after.narrative).toEqual(before.narrative);
  });

  it('round trip: a title row, a cover sheet, a renamed sheet, no key row and no narrative columns — the figures import, no narrative changes', async () => {
    const before = await reportOfCode('G3');
    const submitted = await reportOfCode('G1');
    const template = (await services.reportExcel.template(manager, periodId, { parentId: commune })).data;
    const workbook = await load(template);
    const sheet = workbook.getWorksheet('Báo cáo')!;
    sheet.name = 'Số liệu gửi tỉnh';
    sheet.spliceRows(FIRST - 1, 1); // the hidden key row, deleted
    sheet.spliceRows(1, 0, ['BÁO CÁO SỐ LIỆU NĂM 2025 CỦA CÔNG ĐOÀN PHƯỜNG KỲ BÁ']);
    const headerRow = 7;
    const sectionTitles = new Set<string>(DEFAULT_SECTIONS.map((s) => s.title));
    const sectionColumns: number[] = [];
    sheet.getRow(headerRow).eachCell((cell, column) => {
      if (sectionTitles.has(cell.text)) sectionColumns.push(column);
    });
    expect(sectionColumns).toHaveLength(DEFAULT_SECTIONS.length);
    for (const column of sectionColumns.reverse()) sheet.spliceColumns(column, 1);
    for (const r of rowsByCode(sheet, headerRow + 2).values()) sheet.getRow(r).getCell(TRAINED).value = 7;
    const cover = workbook.addWorksheet('Bìa');
    cover.getCell('A1').value = 'Báo cáo kết quả năm 2025 — Công đoàn phường Kỳ Bá';
    // exceljs orders sheets by `orderNo` (not in its types): the cover goes first
    (cover as unknown as { orderNo: number }).orderNo = -1;
    (sheet as unknown as { orderNo: number }).orderNo = 1;
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    expect((await load(file)).worksheets.map((w) => w.name)).toEqual(['Bìa', 'Số liệu gửi tỉnh']);

    const result = await services.reportExcel.import(manager, periodId, file, true);
    expect(result).toEqual({
      applied: true,
      reports: ROWS - 2,
      unchanged: 0,
      skipped: 2,
      submitted: 0,
      errors: [],
    });
    const after = await reportOfCode('G3');
    expect(after.values.find((v) => v.denominator === 10)!.numerator).toBe(7);
    // every narrative as it was, the one typed on the web included
    expect(after.narrative).toEqual(before.narrative);
    expect(after.narrative.proposals).toBe('Đề nghị hỗ trợ kinh phí tập huấn (gõ trên web).');
    // the submitted report is left as it is
    const untouched = await reportOfCode('G1');
    expect(untouched.version).toBe(submitted.version);
    expect(untouched.values.find((v) => v.denominator === 10)!.numerator).toBe(8);
  });

  it('names a date-typed cell by its address and its date', async () => {
    const template = (await services.reportExcel.template(manager, periodId, { parentId: commune })).data;
    const workbook = await load(template);
    const sheet = workbook.getWorksheet('Báo cáo')!;
    const r = rowsByCode(sheet).get('G5')!;
    // what Excel makes of "1/6/2026" typed into a number cell: a date-formatted cell
    const cell = sheet.getRow(r).getCell(3);
    cell.value = new Date(Date.UTC(2026, 5, 1));
    // a style of its own (exceljs shares one style object between the cells that read it)
    cell.style = { ...cell.style, numFmt: 'dd/mm/yyyy' };
    const result = await services.reportExcel.import(
      manager,
      periodId,
      Buffer.from(await workbook.xlsx.writeBuffer()),
      true,
    );
    expect(result.applied).toBe(false);
    expect(result.errors).toEqual([
      expect.objectContaining({ cell: `C${r}`, message: `Ô C${r} là ngày 01/06/2026, cần một số.` }),
    ]);
  });
});
