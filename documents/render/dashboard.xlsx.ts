import ExcelJS from 'exceljs';
import type {
  TCompleteness,
  TIndicatorRef,
  TPlanDashboard,
  TProgressStatus,
  TTargetProgress,
} from '../../contracts/dashboard.ts';
import { describeMilestone } from '../../domain/progress/assess-progress.ts';
import { compareNames } from '../../domain/reporting/group-narratives.ts';

/** One table of a plan's dashboard. */
export type DashboardTable = 'targets' | 'units' | 'completeness';

// A table of the dashboard as a sheet an office files: a heading (plan, unit, period, date of the
// figures as a real date), a bold frozen header printed on each page, percentages as Excel
// percentages beside the counts they come from, numbers as numbers, units in natural order,
// Vietnamese labels only, landscape A4.

const STATUS_VI: Record<TProgressStatus, string> = {
  met: 'Đã đạt',
  on_track: 'Đúng tiến độ',
  at_risk: 'Có nguy cơ chậm',
  off_track: 'Chậm tiến độ',
  no_data: 'Chưa có số liệu',
};
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const TOTAL_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const PERCENT = '0.0%';
const COUNT = '#,##0';
const DECIMAL = '#,##0.##';

const isoDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!));
};

/** Whether the indicator's figure is a percentage (a ratio, or the share of units meeting it). */
export const isPercentFigure = (indicator: Pick<TIndicatorRef, 'kind' | 'aggregation'>): boolean =>
  indicator.kind === 'ratio' || indicator.aggregation === 'count_units_meeting';

/** A figure as Excel holds it: 86.5 (%) as 0.865 with a % format, a count as itself. */
function figureCell(cell: ExcelJS.Cell, indicator: TIndicatorRef | null, value: number | null) {
  if (value === null) return;
  const percent = indicator ? isPercentFigure(indicator) : false;
  cell.value = percent ? value / 100 : value;
  cell.numFmt = percent ? PERCENT : DECIMAL;
}

/** The sheet, its heading and print settings; returns the header row's number. */
function officeSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  title: string,
  d: TPlanDashboard,
  width: number,
) {
  const sheet = workbook.addWorksheet(name, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    headerFooter: { oddFooter: `&L${d.plan.unitName.replace(/&/g, '&&')}&RTrang &P/&N` },
  });
  sheet.mergeCells(1, 1, 1, width);
  Object.assign(sheet.getCell(1, 1), {
    value: title,
    font: { bold: true, size: 14 },
    alignment: { horizontal: 'center', wrapText: true },
  });
  const facts: [string, ExcelJS.CellValue, string?][] = [
    ['Kế hoạch:', d.plan.symbol ? `${d.plan.symbol} — ${d.plan.title}` : d.plan.title],
    ['Đơn vị:', d.plan.unitName],
    ['Kỳ báo cáo:', d.period?.label ?? 'Chưa có kỳ báo cáo'],
    ['Số liệu đến ngày:', isoDate(d.asOf), 'dd/mm/yyyy'],
  ];
  facts.forEach(([label, value, numFmt], k) => {
    const row = sheet.getRow(2 + k);
    row.getCell(1).value = label;
    row.getCell(1).font = { bold: true };
    row.getCell(2).value = value;
    if (numFmt) row.getCell(2).numFmt = numFmt;
    row.getCell(2).alignment = { horizontal: 'left' };
  });
  const headerRow = 2 + facts.length + 1;
  sheet.views = [{ state: 'frozen', ySplit: headerRow }];
  sheet.pageSetup.printTitlesRow = `${headerRow}:${headerRow}`;
  return { sheet, headerRow };
}

function header(sheet: ExcelJS.Worksheet, rowNumber: number, labels: string[], widths: number[]) {
  const row = sheet.getRow(rowNumber);
  labels.forEach((label, k) => {
    const cell = row.getCell(k + 1);
    cell.value = label;
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    sheet.getColumn(k + 1).width = widths[k]!;
  });
}

function targetsSheet(workbook: ExcelJS.Workbook, d: TPlanDashboard) {
  const labels = [
    'STT',
    'Mục tiêu',
    'Chỉ số đo',
    'Mốc cần đạt',
    'Năm đến hạn',
    'Giá trị hiện tại',
    'Số liệu đến ngày',
    'Dự báo',
    'Trạng thái',
    'Nhận định',
    'Cơ sở dự báo',
  ];
  const { sheet, headerRow } = officeSheet(
    workbook,
    'Chỉ tiêu',
    'Tiến độ thực hiện các chỉ tiêu',
    d,
    labels.length,
  );
  header(sheet, headerRow, labels, [6, 48, 30, 22, 10, 14, 14, 12, 16, 48, 48]);
  d.targets.forEach((t, k) => {
    const row = sheet.getRow(headerRow + 1 + k);
    row.getCell(1).value = k + 1;
    row.getCell(2).value = t.text;
    row.getCell(3).value = t.indicator?.name ?? 'Chưa có chỉ số đo';
    row.getCell(4).value = t.nextMilestone ? describeMilestone(t.nextMilestone) : '';
    row.getCell(5).value = t.dueYear;
    figureCell(row.getCell(6), t.indicator, t.current);
    if (t.currentPeriodEnd) {
      row.getCell(7).value = isoDate(t.currentPeriodEnd);
      row.getCell(7).numFmt = 'dd/mm/yyyy';
    }
    figureCell(row.getCell(8), t.indicator, t.projection?.value ?? null);
    row.getCell(9).value = STATUS_VI[t.status];
    row.getCell(10).value = t.verdict;
    row.getCell(11).value = t.basis;
    for (const c of [2, 3, 10, 11]) row.getCell(c).alignment = { wrapText: true, vertical: 'top' };
  });
}

/** Units and their figures: per measured target, the value and the units reporting of those expected. */
function unitsSheet(workbook: ExcelJS.Workbook, d: TPlanDashboard) {
  const measured = uniqueIndicators(d.targets);
  const labels = [
    'STT',
    'Đơn vị',
    ...measured.flatMap((t) => [
      `${t.indicator!.name}${t.indicator!.unit && !isPercentFigure(t.indicator!) ? ` (${t.indicator!.unit})` : ''}`,
      'Số đơn vị đã báo cáo',
      'Số đơn vị phải báo cáo',
    ]),
  ];
  const { sheet, headerRow } = officeSheet(workbook, 'Đơn vị', 'Kết quả theo đơn vị', d, labels.length);
  header(sheet, headerRow, labels, [6, 40, ...measured.flatMap(() => [18, 12, 12])]);
  const units = new Map<number, string>();
  for (const t of measured) for (const u of t.units) units.set(u.unitId, u.unitName);
  [...units.entries()]
    .sort((a, b) => compareNames(a[1], b[1]))
    .forEach(([unitId, unitName], k) => {
      const row = sheet.getRow(headerRow + 1 + k);
      row.getCell(1).value = k + 1;
      row.getCell(2).value = unitName;
      measured.forEach((t, m) => {
        const u = t.units.find((x) => x.unitId === unitId);
        if (!u) return;
        figureCell(row.getCell(3 + m * 3), t.indicator, u.value);
        row.getCell(4 + m * 3).value = u.reportingUnits;
        row.getCell(5 + m * 3).value = u.expectedUnits;
        row.getCell(4 + m * 3).numFmt = COUNT;
        row.getCell(5 + m * 3).numFmt = COUNT;
      });
    });
}

/** One column group per indicator: several targets measured by the same indicator show it once. */
function uniqueIndicators(targets: readonly TTargetProgress[]): TTargetProgress[] {
  const seen = new Set<number>();
  return targets.filter((t) => t.indicator && !seen.has(t.indicator.id) && seen.add(t.indicator.id));
}

function completenessSheet(workbook: ExcelJS.Workbook, d: TPlanDashboard) {
  const labels = [
    'STT',
    'Đơn vị',
    'Phải báo cáo',
    'Đã gửi',
    'Gửi đúng hạn',
    'Đã duyệt',
    'Gửi chậm',
    'Tỷ lệ đầy đủ',
    'Tỷ lệ đúng hạn',
  ];
  const { sheet, headerRow } = officeSheet(
    workbook,
    'Tiến độ báo cáo',
    'Tình hình báo cáo',
    d,
    labels.length,
  );
  header(sheet, headerRow, labels, [6, 40, 12, 12, 12, 12, 12, 14, 14]);
  const c = d.completeness;
  if (!c) return;
  const write = (rowNumber: number, n: number | null, name: string, x: TCompleteness, total: boolean) => {
    const row = sheet.getRow(rowNumber);
    row.getCell(1).value = n;
    row.getCell(2).value = name;
    [x.expected, x.submitted, x.onTime, x.approved, x.late].forEach((v, k) => {
      row.getCell(3 + k).value = v;
      row.getCell(3 + k).numFmt = COUNT;
    });
    // the shares as formulas over the counts beside them, with their result cached
    const col = (k: number) => row.getCell(k).address.replace(/\d+$/, '');
    row.getCell(8).value = {
      formula: `IF(${col(3)}${rowNumber}=0,"",${col(6)}${rowNumber}/${col(3)}${rowNumber})`,
      result: x.expected === 0 ? '' : x.approved / x.expected,
    };
    row.getCell(9).value = {
      formula: `IF(${col(3)}${rowNumber}=0,"",${col(5)}${rowNumber}/${col(3)}${rowNumber})`,
      result: x.expected === 0 ? '' : x.onTime / x.expected,
    };
    row.getCell(8).numFmt = PERCENT;
    row.getCell(9).numFmt = PERCENT;
    if (total)
      for (let k = 1; k <= labels.length; k++) {
        row.getCell(k).font = { bold: true };
        row.getCell(k).fill = TOTAL_FILL;
      }
  };
  write(headerRow + 1, null, `${d.plan.unitName} (toàn đơn vị)`, c.total, true);
  [...c.units]
    .sort((a, b) => compareNames(a.unitName, b.unitName))
    .forEach((u, k) => {
      write(headerRow + 2 + k, k + 1, u.unitName, u.completeness, false);
    });
}

/** One table of a plan's dashboard as XLSX: targets, the units' values, or completeness. */
export async function renderDashboardXlsx(d: TPlanDashboard, table: DashboardTable): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Tiến Độ';
  if (table === 'targets') targetsSheet(workbook, d);
  else if (table === 'units') unitsSheet(workbook, d);
  else completenessSheet(workbook, d);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
