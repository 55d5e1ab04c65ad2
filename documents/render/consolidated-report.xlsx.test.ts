import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { TConsolidatedReport } from '../../contracts/dashboard.ts';
import { CELL_TEXT_LIMIT, renderConsolidatedXlsx } from './consolidated-report.xlsx.ts';
import { sampleConsolidatedReport } from './sample-consolidated-report.ts';

const ratio = {
  id: 2,
  code: 'DV',
  name: 'Đoàn viên được tuyên truyền',
  kind: 'ratio' as const,
  aggregation: 'sum' as const,
  unit: '%',
};
const figure = (numerator: number, denominator: number, value: number | null) => ({
  indicatorId: 2,
  value,
  numerator,
  denominator,
  reportingUnits: value === null ? 0 : 1,
  meetingUnits: 0,
  expectedUnits: 1,
});

/** The sample with two direct units (one without data), a ratio, a long narrative and a unit not reporting. */
const report: TConsolidatedReport = {
  ...sampleConsolidatedReport,
  values: [
    ...sampleConsolidatedReport.values.map((v) => ({
      ...v,
      units: [
        {
          unitId: 7,
          unitName: 'CĐCS số 7',
          unitType: 'grassroots' as const,
          figure: { ...v.total, value: 5, reportingUnits: 1, expectedUnits: 1 },
        },
        {
          unitId: 39,
          unitName: 'CĐCS số 39',
          unitType: 'grassroots' as const,
          figure: { ...v.total, value: null, reportingUnits: 0, expectedUnits: 1 },
        },
      ],
    })),
    {
      indicator: ratio,
      total: { ...figure(173, 200, 86.5), reportingUnits: 2, expectedUnits: 2 },
      own: null,
      units: [
        { unitId: 7, unitName: 'CĐCS số 7', unitType: 'grassroots' as const, figure: figure(173, 200, 86.5) },
        { unitId: 39, unitName: 'CĐCS số 39', unitType: 'grassroots' as const, figure: figure(0, 0, null) },
      ],
    },
  ],
  sections: [
    {
      key: 'results',
      title: 'Kết quả thực hiện',
      text: '…',
      sources: [
        { unitId: 7, unitName: 'CĐCS số 7', text: 'Đã tập huấn.' },
        { unitId: 39, unitName: 'CĐCS số 39', text: 'x'.repeat(CELL_TEXT_LIMIT + 10) },
      ],
    },
  ],
  notReported: [{ unitId: 40, unitName: 'CĐCS số 40', unitType: 'grassroots', status: 'returned' }],
};

const load = async (data: Buffer) => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  return workbook;
};

describe('renderConsolidatedXlsx: the consolidated report as a workbook an office files', () => {
  it('heads every sheet with the unit, the period and the deadline as a date; prints landscape A4 with its header rows', async () => {
    const workbook = await load(await renderConsolidatedXlsx(report));
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      'Số liệu',
      'Chỉ tiêu',
      'Nội dung',
      'Chưa báo cáo',
    ]);
    for (const sheet of workbook.worksheets) {
      expect(sheet.getCell('B2').text).toBe('Công đoàn phường Tân Phong');
      expect(sheet.getCell('B3').text).toBe('Năm 2025 (từ 01/01/2025 đến 31/12/2025)');
      expect(sheet.getCell('B4').value).toEqual(new Date(Date.UTC(2025, 10, 10)));
      expect(sheet.getCell('B4').numFmt).toBe('dd/mm/yyyy');
      expect(sheet.getCell('B5').text).toBe('3/KH-CĐ — Kế hoạch tập huấn cán bộ');
      expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1 });
      expect(sheet.pageSetup.printTitlesRow).toMatch(/^\d+:\d+$/);
    }
  });

  it('writes a row per unit and the total, a ratio as numerator, denominator and an Excel percentage', async () => {
    const sheet = (await load(await renderConsolidatedXlsx(report))).getWorksheet('Số liệu')!;
    expect(sheet.getRow(7).getCell(3).text).toBe('Cán bộ chủ chốt được tập huấn');
    expect(sheet.getRow(7).getCell(4).text).toBe('Đoàn viên được tuyên truyền');
    expect([4, 5, 6].map((c) => sheet.getRow(8).getCell(c).text)).toEqual(['Tử số', 'Mẫu số', 'Tỷ lệ']);
    const row = (r: number) => [1, 2, 3, 4, 5, 6, 7].map((c) => sheet.getRow(r).getCell(c).value);
    expect(row(9)).toEqual([1, 'CĐCS số 7', 5, 173, 200, 173 / 200, '1/1']);
    // no data: empty cells, never 0
    expect(row(10)).toEqual([2, 'CĐCS số 39', null, null, null, null, '0/1']);
    expect(row(11)).toEqual([null, 'Tổng cộng — Công đoàn phường Tân Phong', 12, 173, 200, 173 / 200, '2/2']);
    expect(sheet.getRow(9).getCell(6).numFmt).toBe('0.0%');
    expect(sheet.getRow(9).getCell(4).numFmt).toBe('#,##0');
    expect(sheet.getRow(11).getCell(2).font?.bold).toBe(true);
  });

  it('names states in Vietnamese, splits a long narrative by unit and under the cell limit', async () => {
    const workbook = await load(await renderConsolidatedXlsx(report));
    const targets = workbook.getWorksheet('Chỉ tiêu')!;
    expect(targets.getRow(8).getCell(5).text).toBe('Chưa có số liệu');
    expect(targets.getRow(8).getCell(3).text).toBe('2025: >= 90 %');
    const narrative = workbook.getWorksheet('Nội dung')!;
    const texts = [9, 10, 11].map((r) => narrative.getRow(r).getCell(3).text);
    expect(narrative.getRow(8).getCell(2).text).toBe('CĐCS số 7');
    expect(texts[0]!.length).toBe(CELL_TEXT_LIMIT);
    expect(texts[1]).toBe('x'.repeat(10));
    expect(texts[2]).toBe('');
    expect(workbook.getWorksheet('Chưa báo cáo')!.getRow(8).getCell(3).text).toBe('Bị trả lại, chưa gửi lại');
    for (const sheet of workbook.worksheets)
      sheet.eachRow((r) => {
        r.eachCell((cell) => {
          expect(cell.text).not.toMatch(/^(on_track|no_data|returned|not_started|at_risk)$/);
        });
      });
  });

  it('writes a report without units or indicators as headings and the total only', async () => {
    const empty = { ...report, values: [], targets: [], sections: [], notReported: [] };
    const sheet = (await load(await renderConsolidatedXlsx(empty))).getWorksheet('Số liệu')!;
    expect(sheet.getRow(9).getCell(2).text).toBe('Tổng cộng — Công đoàn phường Tân Phong');
  });
});
