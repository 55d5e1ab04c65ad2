import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { TPlanDashboard, TTargetProgress } from '../../contracts/dashboard.ts';
import { renderDashboardXlsx } from './dashboard.xlsx.ts';
import { sampleConsolidatedReport } from './sample-consolidated-report.ts';

const ratio = {
  id: 2,
  code: 'TL',
  name: 'Tỷ lệ được tuyên truyền',
  kind: 'ratio' as const,
  aggregation: 'sum' as const,
  unit: '%',
};
const period = sampleConsolidatedReport.period;
const target: TTargetProgress = {
  targetId: 1,
  text: 'Đến năm 2025, trên 90% đoàn viên được tuyên truyền',
  milestones: [{ year: 2025, op: '>', value: 90, unit: '%' }],
  indicator: ratio,
  status: 'at_risk',
  colour: 'amber',
  nextMilestone: { year: 2025, op: '>', value: 90, unit: '%' },
  dueYear: 2025,
  current: 86.53136531365314,
  currentPeriodEnd: '2025-06-30',
  currentProvisional: false,
  projection: { year: 2025, value: 89.2 },
  trendPerYear: 3,
  basis: 'Theo xu hướng.',
  basisPhrases: [],
  verdict: 'Có nguy cơ không đạt.',
  verdictPhrase: { kind: 'not_assessable' },
  gap: 3.5,
  series: [],
  units: [
    {
      unitId: 39,
      unitName: 'CĐCS số 39',
      unitType: 'grassroots',
      value: 80,
      reportingUnits: 1,
      expectedUnits: 1,
      rank: 2,
    },
    {
      unitId: 7,
      unitName: 'CĐCS số 7',
      unitType: 'grassroots',
      value: 95.5,
      reportingUnits: 1,
      expectedUnits: 1,
      rank: 1,
    },
  ],
};
const dashboard = {
  plan: {
    id: 1,
    title: 'Kế hoạch tuyên truyền',
    symbol: '3/KH-CĐ',
    unitId: 1,
    unitName: 'Công đoàn phường Tân Phong',
  },
  asOf: '2025-07-01',
  periods: [period],
  period,
  targets: [target],
  completeness: {
    period,
    unit: { unitId: 1, unitName: 'Công đoàn phường Tân Phong', unitType: 'commune' },
    total: {
      expected: 40,
      submitted: 38,
      onTime: 30,
      approved: 36,
      late: 8,
      completeness: 90,
      timeliness: 75,
    },
    units: [
      {
        unitId: 39,
        unitName: 'CĐCS số 39',
        unitType: 'grassroots',
        completeness: {
          expected: 1,
          submitted: 1,
          onTime: 1,
          approved: 1,
          late: 0,
          completeness: 100,
          timeliness: 100,
        },
      },
      {
        unitId: 7,
        unitName: 'CĐCS số 7',
        unitType: 'grassroots',
        completeness: {
          expected: 1,
          submitted: 0,
          onTime: 0,
          approved: 0,
          late: 0,
          completeness: 0,
          timeliness: 0,
        },
      },
    ],
    levels: [],
    lateUnits: [],
    lateCount: 0,
  },
  freshness: {},
} as unknown as TPlanDashboard;

const sheetOf = async (table: 'targets' | 'units' | 'completeness') => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await renderDashboardXlsx(dashboard, table)) as unknown as ArrayBuffer);
  return workbook.worksheets[0]!;
};
/** The row whose column B says `text`. */
const rowOf = (sheet: ExcelJS.Worksheet, text: string) => {
  let found: ExcelJS.Row | undefined;
  sheet.eachRow((row) => {
    if (row.getCell(2).value === text) found = row;
  });
  return found!;
};

describe('renderDashboardXlsx: a dashboard table an office files', () => {
  it('writes a ratio as an Excel percentage, the date of the figures as a date, states in Vietnamese', async () => {
    const sheet = await sheetOf('targets');
    expect(sheet.getCell('B5').value).toEqual(new Date(Date.UTC(2025, 6, 1)));
    expect(sheet.getCell('B5').numFmt).toBe('dd/mm/yyyy');
    const row = rowOf(sheet, target.text);
    expect(row.getCell(6).value).toBeCloseTo(0.8653, 4);
    expect(row.getCell(6).numFmt).toBe('0.0%');
    expect(row.getCell(7).value).toEqual(new Date(Date.UTC(2025, 5, 30)));
    expect(row.getCell(9).value).toBe('Có nguy cơ chậm');
    expect(row.getCell(4).value).toBe('trên 90%');
    expect(sheet.pageSetup.orientation).toBe('landscape');
  });

  it('lists units in natural order with the units reporting beside each value', async () => {
    const sheet = await sheetOf('units');
    const first = rowOf(sheet, 'CĐCS số 7');
    const second = rowOf(sheet, 'CĐCS số 39');
    expect(first.number).toBeLessThan(second.number);
    expect(first.getCell(3).value).toBeCloseTo(0.955, 4);
    expect(first.getCell(3).numFmt).toBe('0.0%');
    expect([first.getCell(4).value, first.getCell(5).value]).toEqual([1, 1]);
  });

  it('writes completeness as counts and % formulas over them, the whole unit first', async () => {
    const sheet = await sheetOf('completeness');
    const total = rowOf(sheet, 'Công đoàn phường Tân Phong (toàn đơn vị)');
    expect(total.getCell(3).value).toBe(40);
    expect(total.getCell(6).value).toBe(36);
    const share = total.getCell(8).value as ExcelJS.CellFormulaValue;
    expect(share.formula).toBe(`IF(C${total.number}=0,"",F${total.number}/C${total.number})`);
    expect(share.result).toBeCloseTo(0.9, 6);
    expect(total.getCell(8).numFmt).toBe('0.0%');
    expect(rowOf(sheet, 'CĐCS số 7').number).toBeLessThan(rowOf(sheet, 'CĐCS số 39').number);
  });
});
