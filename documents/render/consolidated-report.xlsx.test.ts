import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { TConsolidatedReport } from '../../contracts/dashboard.ts';
import { renderConsolidatedXlsx } from './consolidated-report.xlsx.ts';
import { sampleConsolidatedReport } from './sample-consolidated-report.ts';

/** The sample with two direct units (one without data) and one unit that has not reported. */
const report: TConsolidatedReport = {
  ...sampleConsolidatedReport,
  values: sampleConsolidatedReport.values.map((v) => ({
    ...v,
    units: [
      { unitId: 7, unitName: 'CĐCS số 7', unitType: 'grassroots', figure: { ...v.total, value: 5 } },
      { unitId: 39, unitName: 'CĐCS số 39', unitType: 'grassroots', figure: { ...v.total, value: null } },
    ],
  })),
  notReported: [{ unitId: 40, unitName: 'CĐCS số 40', unitType: 'grassroots', status: 'returned' }],
};

async function readBack(data: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  const rows = (name: string) =>
    (workbook.getWorksheet(name)?.getSheetValues() ?? [])
      .filter((row) => row !== undefined)
      .map((row) => (row as unknown[]).slice(1).map((cell) => cell ?? null));
  return { names: workbook.worksheets.map((w) => w.name), rows };
}

describe('renderConsolidatedXlsx: the consolidated report as a workbook', () => {
  it('writes the numbers by unit, the targets, the narratives and the units not reporting, one sheet each', async () => {
    const book = await readBack(await renderConsolidatedXlsx(report));
    expect(book.names).toEqual(['Số liệu', 'Chỉ tiêu', 'Nội dung', 'Chưa báo cáo']);
    expect(book.rows('Số liệu')).toEqual([
      ['Báo cáo tổng hợp Năm 2025 — Công đoàn phường Tân Phong'],
      ['Chỉ tiêu', 'Công đoàn phường Tân Phong', 'CĐCS số 7', 'CĐCS số 39'],
      // CĐCS số 39 has no data: its cell is left empty
      ['Cán bộ chủ chốt được tập huấn', 12, 5],
    ]);
    const target = report.targets[0]!;
    expect(book.rows('Chỉ tiêu')).toEqual([
      ['Mục tiêu', 'Giá trị', 'Trạng thái', 'Đánh giá'],
      [target.text, 12, 'no_data', target.verdict],
    ]);
    expect(book.rows('Nội dung')).toEqual([
      ['Phần', 'Nội dung'],
      ['Kết quả thực hiện', '- CĐCS số 7, CĐCS số 39: Đã tập huấn.'],
    ]);
    expect(book.rows('Chưa báo cáo')).toEqual([
      ['Đơn vị', 'Tình trạng'],
      ['CĐCS số 40', 'returned'],
    ]);
  });

  it('writes a report without units or indicators as headers only', async () => {
    const empty = { ...report, values: [], targets: [], sections: [], notReported: [] };
    const book = await readBack(await renderConsolidatedXlsx(empty));
    expect(book.rows('Số liệu')[1]).toEqual(['Chỉ tiêu', 'Công đoàn phường Tân Phong']);
    expect(book.rows('Chưa báo cáo')).toEqual([['Đơn vị', 'Tình trạng']]);
  });
});
