import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SECTIONS } from '../../contracts/reporting.ts';
import { emptyPlanContent } from '../../domain/plans/empty-plan.ts';
import { ACTIVITY_COUNT, seedSmallOrg } from '../test/fixtures.ts';
import { openTestDatabase, type TestDatabase, testEngines } from '../test/test-database.ts';
import { type Actor, SYSTEM_ACTOR } from './actor.ts';
import { createServices, type Services } from './services.ts';

// The template as an officer uses it: downloaded, filled, saved by a spreadsheet program (here
// LibreOffice, headless, as `soffice --convert-to xlsx` saves it), uploaded back.

const run = promisify(execFile);
/** The template's hidden key row and first data row. */
const KEY_ROW = 8;
const FIRST = 9;

/** The file saved again by LibreOffice Calc (its own XLSX writer), as an officer's "Save" would. */
async function throughLibreOffice(data: Buffer): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'tiendo-calc-'));
  try {
    await writeFile(join(dir, 'in.xlsx'), data);
    await run(
      'soffice',
      [
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--headless',
        '--convert-to',
        'xlsx:Calc MS Excel 2007 XML',
        '--outdir',
        join(dir, 'out'),
        join(dir, 'in.xlsx'),
      ],
      { timeout: 120_000 },
    );
    return await readFile(join(dir, 'out', 'in.xlsx'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const load = async (data: Buffer) => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  return workbook;
};
const save = async (workbook: ExcelJS.Workbook) => Buffer.from(await workbook.xlsx.writeBuffer());

describe.each(testEngines())('the Excel template filled as an office does, on %s', (engine) => {
  let testDb: TestDatabase;
  let services: Services;
  let manager: Actor;
  let chair: Actor;
  let periodId: number;
  let commune: number;
  let grassroots: number;
  const ids = { ratio: 0, count: 0, held: 0, paying: 0 };

  beforeAll(async () => {
    testDb = await openTestDatabase(engine);
    services = createServices(
      testDb.database,
      { sessionTtlHours: 1 },
      () => new Date('2025-11-01T03:00:00Z'),
    );
    const org = await seedSmallOrg(services);
    commune = org.communeA1.id;
    grassroots = org.grassrootsA1a.id;
    manager = { userId: org.users.manager!, role: 'manager', homeUnitId: org.provinceA.id, ip: null };
    chair = { userId: org.users.chair!, role: 'officer', homeUnitId: grassroots, ip: null };
    const lines = ['code,name,type,parent_code,valid_from,valid_to'];
    for (let i = 1; i <= 3; i++) lines.push(`G${i},Công đoàn cơ sở số ${i},grassroots,A1,2020-01-01,`);
    await services.orgExchange.import(SYSTEM_ACTOR, Buffer.from(lines.join('\n')));
    const indicator = (fields: Record<string, unknown>) =>
      services.indicators.createIndicator(SYSTEM_ACTOR, {
        unit: null,
        numeratorLabel: null,
        denominatorLabel: null,
        disaggregation: 'none',
        aggregation: 'sum',
        threshold: 1,
        ...fields,
      } as Parameters<Services['indicators']['createIndicator']>[1]);
    ids.ratio = (
      await indicator({
        code: 'CB',
        name: 'Cán bộ được tập huấn',
        kind: 'ratio',
        unit: '%',
        numeratorLabel: 'Được tập huấn',
        denominatorLabel: 'Tổng số cán bộ',
      })
    ).id;
    ids.count = (await services.indicators.createIndicator(SYSTEM_ACTOR, ACTIVITY_COUNT)).id;
    ids.held = (await indicator({ code: 'DH', name: 'Đã tổ chức đại hội', kind: 'boolean' })).id;
    ids.paying = (
      await indicator({ code: 'DP', name: 'Đoàn viên đóng đoàn phí', kind: 'sum', unit: '%' })
    ).id;
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
          { indicatorId: ids.ratio, required: true },
          { indicatorId: ids.count, required: false },
          { indicatorId: ids.held, required: false },
          { indicatorId: ids.paying, required: false },
        ],
        sections: [...DEFAULT_SECTIONS],
        allowAttachments: true,
      },
    });
    periodId = schedule.periods[0]!.id;
  }, 180_000);
  afterAll(() => testDb.dispose());

  /** column of a key (the hidden key row), rows by unit code */
  const layout = (sheet: ExcelJS.Worksheet) => {
    const column = new Map<string, number>();
    sheet.getRow(KEY_ROW).eachCell((cell, c) => {
      column.set(cell.text, c);
    });
    const row = new Map<string, number>();
    for (let r = FIRST; r <= sheet.rowCount; r++) {
      const code = sheet.getRow(r).getCell(1).text.trim();
      if (code) row.set(code, r);
    }
    const at = (code: string, key: string) => sheet.getRow(row.get(code)!).getCell(column.get(key)!);
    return { column, row, at };
  };
  const keys = () => ({
    trained: `v:${ids.ratio}:total:n`,
    officers: `v:${ids.ratio}:total:d`,
    percent: `p:${ids.ratio}:total`,
    count: `v:${ids.count}:total:n`,
    held: `v:${ids.held}:total:n`,
    paying: `v:${ids.paying}:total:n`,
  });
  const reportOf = async (code: string) => {
    const status = await services.schedules.periodStatus(manager, periodId);
    const unit = (await services.orgRepository.findUnitByCode(code))!;
    const reportId = status.rows.find((r) => r.unitId === unit.id)!.reportId;
    return reportId === null ? null : services.reports.get(manager, reportId);
  };
  const figureOf = (
    report: { values: { indicatorId: number; numerator: number | null; denominator: number | null }[] },
    id: number,
  ) => report.values.find((v) => v.indicatorId === id);

  it('is a sheet an office can print and fill: heading, two-level header, validation, formats, totals, protection, landscape A4 — and LibreOffice keeps them', async () => {
    const file = await services.reportExcel.template(manager, periodId, { parentId: commune });
    for (const data of [file.data, await throughLibreOffice(file.data)]) {
      // exceljs reads only locked="0", LibreOffice writes locked="false" (Excel reads both)
      const ours = data === file.data;
      const sheet = (await load(data)).worksheets[0]!;
      const { column, row, at } = layout(sheet);
      const k = keys();
      expect(sheet.getCell('A2').text).toBe('Đơn vị:');
      expect(sheet.getCell('B2').text).toMatch(/A1|Công đoàn/);
      expect(sheet.getCell('B3').text).toBe('Năm 2025 (từ 01/01/2025 đến 31/12/2025)');
      expect(sheet.getCell('A4').text).toBe('Hạn gửi:');
      // the deadline is a date cell shown dd/mm/yyyy
      expect(sheet.getCell('B4').value).toBeInstanceOf(Date);
      expect(sheet.getCell('B4').numFmt).toMatch(/^dd\/mm\/yyyy$/i);
      // two-level header: the indicator above its parts
      const trained = column.get(k.trained)!;
      expect(sheet.getRow(6).getCell(trained).text).toBe('Cán bộ được tập huấn');
      expect(sheet.getRow(7).getCell(trained).text).toBe('Được tập huấn');
      expect(sheet.getRow(7).getCell(column.get(k.percent)!).text).toBe('Tỷ lệ (%)');
      expect(row.size).toBe(4);
      // validation: whole numbers ≥ 0 for counts, 0–100 for a figure in %, Có/Không
      const validations = (
        sheet as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }
      ).dataValidations.model;
      const validationAt = (c: number) =>
        Object.entries(validations).find(([range]) =>
          range.startsWith(`${sheet.getColumn(c).letter}${FIRST}`),
        )?.[1];
      expect(validationAt(trained)).toMatchObject({ type: 'whole', operator: 'greaterThanOrEqual' });
      expect(validationAt(column.get(k.count)!)).toMatchObject({ type: 'whole' });
      expect(validationAt(column.get(k.paying)!)).toMatchObject({ type: 'decimal', operator: 'between' });
      const list = validationAt(column.get(k.held)!);
      expect(list).toMatchObject({ type: 'list' });
      expect(list?.formulae[0]).toBe('"Có,Không"');
      // formats and formulas: #,##0 for counts, a computed % (locked), a totals row
      expect(at('G1', k.count).numFmt).toBe('#,##0');
      expect(at('G1', k.percent).formula).toMatch(/IF\(N\(D\d+\)>0,C\d+\/D\d+,""\)/);
      expect(at('G1', k.percent).numFmt).toBe('0.0%');
      expect(at('G1', k.percent).protection?.locked).not.toBe(false);
      if (ours) expect(at('G1', k.count).protection).toMatchObject({ locked: false });
      const totals = sheet.getRow(FIRST + 4);
      expect(totals.getCell(2).text).toBe('Tổng cộng');
      expect(totals.getCell(column.get(k.count)!).formula).toMatch(/^SUM\([A-Z]+9:[A-Z]+12\)$/);
      expect(totals.getCell(column.get(k.held)!).formula).toMatch(/^COUNTIF\(/);
      if (ours)
        expect((sheet as unknown as { sheetProtection: { sheet?: boolean } }).sheetProtection?.sheet).toBe(
          true,
        );
      expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9 });
      // headless LibreOffice has no view, so it writes none: the freeze is checked on ours
      if (ours) expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: KEY_ROW });
    }
    // print titles (the header rows on each page) as exceljs writes them
    expect((await load(file.data)).worksheets[0]!.pageSetup.printTitlesRow).toBe('6:7');
  }, 180_000);

  it('our own template saved by LibreOffice and uploaded unchanged: 0 errors, 0 changes', async () => {
    const file = await services.reportExcel.template(manager, periodId, { parentId: commune });
    const result = await services.reportExcel.import(
      manager,
      periodId,
      await throughLibreOffice(file.data),
      true,
    );
    expect(result).toEqual({ applied: true, reports: 0, unchanged: 4, skipped: 0, submitted: 0, errors: [] });
  }, 180_000);

  it('filled as an officer types, saved by LibreOffice: every value arrives equal', async () => {
    const template = await services.reportExcel.template(manager, periodId, { parentId: commune });
    const workbook = await load(template.data);
    const sheet = workbook.worksheets[0]!;
    const { at } = layout(sheet);
    const k = keys();
    at('G1', k.trained).value = 8;
    at('G1', k.officers).value = 10;
    at('G1', k.count).value = 1234;
    at('G1', k.held).value = 'Có';
    at('G1', k.paying).value = 87.5;
    at('G1', 's:results').value = 'Đã tập huấn 8 cán bộ chủ chốt.';
    // text as typed on a machine set to Vietnamese, or pasted: "1.234", "90%", "không"
    at('G2', k.trained).value = '3';
    at('G2', k.officers).value = '1.200';
    at('G2', k.count).value = '1.234';
    at('G2', k.held).value = 'không';
    at('G2', k.paying).value = '90%';
    // blank cells are no value; a formula counts by what it shows
    at('G3', k.trained).value = { formula: '2+3' } as ExcelJS.CellFormulaValue;
    at('G3', k.officers).value = 5;
    // the sheet renamed
    sheet.name = 'Số liệu gửi phường';
    const saved = await throughLibreOffice(await save(workbook));

    const preview = await services.reportExcel.import(manager, periodId, saved, false);
    expect(preview.errors).toEqual([]);
    expect(preview).toMatchObject({ applied: false, reports: 3, unchanged: 1 });
    expect(await services.reportExcel.import(manager, periodId, saved, true)).toMatchObject({
      applied: true,
      reports: 3,
    });
    const g1 = (await reportOf('G1'))!;
    expect(figureOf(g1, ids.ratio)).toMatchObject({ numerator: 8, denominator: 10 });
    expect(figureOf(g1, ids.count)).toMatchObject({ numerator: 1234 });
    expect(figureOf(g1, ids.held)).toMatchObject({ numerator: 1 });
    expect(figureOf(g1, ids.paying)).toMatchObject({ numerator: 87.5 });
    expect(g1.narrative.results).toBe('Đã tập huấn 8 cán bộ chủ chốt.');
    const g2 = (await reportOf('G2'))!;
    expect(figureOf(g2, ids.ratio)).toMatchObject({ numerator: 3, denominator: 1200 });
    expect(figureOf(g2, ids.count)).toMatchObject({ numerator: 1234 });
    expect(figureOf(g2, ids.held)).toMatchObject({ numerator: 0 });
    expect(figureOf(g2, ids.paying)).toMatchObject({ numerator: 90 });
    const g3 = (await reportOf('G3'))!;
    expect(figureOf(g3, ids.ratio)).toMatchObject({ numerator: 5, denominator: 5 });
    expect(figureOf(g3, ids.count)).toBeUndefined();

    // and the new template shows them back: "Có" in the list column, the % computed by LibreOffice
    const again = await throughLibreOffice(
      (await services.reportExcel.template(manager, periodId, { parentId: commune })).data,
    );
    const back = layout((await load(again)).worksheets[0]!);
    expect(back.at('G1', k.held).text).toBe('Có');
    expect((back.at('G1', k.percent).value as { result?: number }).result).toBeCloseTo(0.8);
    expect(await services.reportExcel.import(manager, periodId, again, true)).toMatchObject({
      reports: 0,
      errors: [],
    });
  }, 240_000);

  it('what cannot be read is named by its cell, in Vietnamese, and nothing is saved', async () => {
    const before = (await reportOf('G1'))!;
    const template = await services.reportExcel.template(manager, periodId, { parentId: commune });
    const workbook = await load(template.data);
    const sheet = workbook.worksheets[0]!;
    const { at, column, row } = layout(sheet);
    const k = keys();
    const cell = (code: string, key: string) => `${sheet.getColumn(column.get(key)!).letter}${row.get(code)}`;
    at('G1', k.count).value = '12,5'; // a count with a decimal
    at('G2', k.count).value = '90%'; // a percentage in a count column
    at('G2', k.paying).value = 120; // over 100%
    at('G3', k.held).value = 'Chưa'; // not in the list
    at('G3', k.count).value = new Date(Date.UTC(2026, 5, 1)); // a date
    // a style of its own (exceljs shares one style object between the cells that read it)
    at('G3', k.count).style = { ...at('G3', k.count).style, numFmt: 'dd/mm/yyyy' };
    // an extra row under the table: a unit not in the report, and figures without a code
    const extra = FIRST + 6;
    sheet.getRow(extra).getCell(1).value = 'ZZ9';
    sheet.getRow(extra).getCell(column.get(k.count)!).value = 4;
    sheet.getRow(extra + 1).getCell(column.get(k.count)!).value = 7;
    const saved = await throughLibreOffice(await save(workbook));
    const result = await services.reportExcel.import(manager, periodId, saved, true);
    expect(result.applied).toBe(false);
    const messages = Object.fromEntries(result.errors.map((e) => [e.cell, e.message]));
    expect(messages).toEqual({
      [cell('G1', k.count)]: `Ô ${cell('G1', k.count)}: Giá trị phải là số nguyên.`,
      [cell('G2', k.count)]: `Ô ${cell('G2', k.count)} là tỷ lệ 90%; cột này cần một số (không có dấu %).`,
      [cell('G2', k.paying)]: `Ô ${cell('G2', k.paying)}: 120% vượt quá 100%; cột này nhận từ 0 đến 100.`,
      [cell('G3', k.held)]: `Ô ${cell('G3', k.held)}: "Chưa" không có trong danh sách; chọn "Có", "Không".`,
      [cell('G3', k.count)]: `Ô ${cell('G3', k.count)} là ngày 01/06/2026, cần một số.`,
      [`A${extra}`]: `Đơn vị mã ZZ9 (ô A${extra}) không thuộc diện báo cáo kỳ này.`,
      [`A${extra + 1}`]: `Dòng ${extra + 1} có số liệu (ô ${sheet.getColumn(column.get(k.count)!).letter}${extra + 1}) nhưng ô A${extra + 1} không có mã đơn vị; hãy điền mã hoặc xoá dòng.`,
    });
    expect(result.errors.every((e) => e.sheet === 'Báo cáo')).toBe(true);
    expect((await reportOf('G1'))!.version).toBe(before.version);

    // a formula never computed (a file written by a program, not saved by a spreadsheet)
    const raw = await load(template.data);
    const rawSheet = raw.worksheets[0]!;
    layout(rawSheet).at('G1', k.count).value = { formula: 'F9*2' } as ExcelJS.CellFormulaValue;
    const uncomputed = await services.reportExcel.import(manager, periodId, await save(raw), false);
    expect(uncomputed.errors.map((e) => e.message)).toEqual([
      `Ô ${cell('G1', k.count)} có công thức =F9*2 chưa được tính ra giá trị; hãy nhập số, hoặc mở tệp bằng Excel rồi lưu lại.`,
    ]);
  }, 180_000);

  it("import and submit: a grassroots officer's own template, filled, sent in one step — the numbers reach the roll-ups", async () => {
    const file = await services.reportExcel.template(chair, periodId, { unitId: grassroots });
    const workbook = await load(file.data);
    const sheet = workbook.worksheets[0]!;
    const { at, row } = layout(sheet);
    expect([...row.keys()]).toEqual(['A1a']);
    // one row: no totals row
    expect(sheet.getRow(FIRST + 1).getCell(2).text).toBe('');
    const k = keys();
    const code = [...row.keys()][0]!;
    at(code, k.count).value = 6;
    // the required ratio left blank: sending is refused at its cell, nothing saved
    const blank = await services.reportExcel.import(chair, periodId, await save(workbook), true, {
      submit: true,
    });
    expect(blank.applied).toBe(false);
    const results = `${sheet.getColumn(layout(sheet).column.get('s:results')!).letter}${FIRST}`;
    expect(blank.errors.map((e) => [e.cell, e.message])).toEqual([
      [`C${FIRST}`, `Ô C${FIRST}: Chưa nhập "Cán bộ được tập huấn".`],
      [results, `Ô ${results}: Chưa viết phần "Kết quả thực hiện".`],
    ]);
    expect(await reportOf(code)).toBeNull();
    // a draft may be incomplete
    expect(await services.reportExcel.import(chair, periodId, await save(workbook), false)).toMatchObject({
      errors: [],
      reports: 1,
    });

    at(code, k.trained).value = 7;
    at(code, k.officers).value = 9;
    at(code, 's:results').value = 'Đã tập huấn 7 trên 9 cán bộ.';
    const sent = await services.reportExcel.import(
      chair,
      periodId,
      await throughLibreOffice(await save(workbook)),
      true,
      {
        submit: true,
      },
    );
    expect(sent).toEqual({ applied: true, reports: 1, unchanged: 0, skipped: 0, submitted: 1, errors: [] });
    const report = (await reportOf(code))!;
    expect(report.status).toBe('submitted');
    expect(figureOf(report, ids.ratio)).toMatchObject({ numerator: 7, denominator: 9 });
    const [audit] = await testDb.database.query<{ user_id: number; after: { via?: string } }>(
      `SELECT user_id, after FROM audit_log WHERE action = 'report.submit' AND object_id = $1`,
      [String(report.id)],
    );
    expect(audit).toMatchObject({ user_id: chair.userId, after: { via: 'excel' } });
    // sent once: a second upload finds the row locked and skips it
    expect(
      await services.reportExcel.import(chair, periodId, await save(workbook), true, { submit: true }),
    ).toMatchObject({ applied: true, skipped: 1, submitted: 0 });

    // the commune approves; the figures are in the commune's roll-up
    const approved = await services.reviews.approve(manager, report.id, report.version);
    expect(approved.status).toBe('approved');
    const rolled = await testDb.database.query<{ numerator: number; denominator: number }>(
      'SELECT numerator, denominator FROM rollup_values WHERE period_id = $1 AND unit_id = $2 AND indicator_id = $3 AND category = $4',
      [periodId, commune, ids.ratio, 'total'],
    );
    // only the approved report counts (the other units' are drafts)
    expect(rolled.map((r) => [Number(r.numerator), Number(r.denominator)])).toEqual([[7, 9]]);
  }, 240_000);
});
