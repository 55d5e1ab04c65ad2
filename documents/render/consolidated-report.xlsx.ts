import ExcelJS from 'exceljs';
import type { TConsolidatedReport, TFigure, TProgressStatus } from '../../contracts/dashboard.ts';
import type { TReportStatus } from '../../contracts/reporting.ts';

// The consolidated report as a workbook an office files: a heading (unit, period, deadline, plan),
// the figures of each unit below with the whole unit's total, the targets against their milestone,
// the narratives by section and by unit, and the units that have not reported. Numbers are numbers
// (#,##0), ratios Excel percentages beside their numerator and denominator, dates real dates
// (dd/mm/yyyy); landscape A4, the header rows printed on each page, Vietnamese labels only.

/** Excel's limit is 32,767 characters a cell; a longer text continues on the next row. */
export const CELL_TEXT_LIMIT = 32_000;
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const TOTAL_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const THIN = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
} as ExcelJS.Borders;

const PROGRESS: Record<TProgressStatus, string> = {
  met: 'Đã đạt',
  on_track: 'Đúng tiến độ',
  at_risk: 'Có nguy cơ chậm',
  off_track: 'Chậm tiến độ',
  no_data: 'Chưa có số liệu',
};
const REPORT_STATUS: Record<TReportStatus, string> = {
  not_started: 'Chưa báo cáo',
  draft: 'Đang soạn (nháp)',
  returned: 'Bị trả lại, chưa gửi lại',
  submitted: 'Đã gửi, chưa duyệt',
  approved: 'Đã duyệt',
};

const isoDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!));
};
const shown = (iso: string) => iso.split('-').reverse().join('/');

/** A sheet with the report's heading and office print settings; returns the next free row. */
function officeSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  title: string,
  report: TConsolidatedReport,
  width: number,
): { sheet: ExcelJS.Worksheet; next: number } {
  const sheet = workbook.addWorksheet(name, {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: `&L${report.unit.unitName.replace(/&/g, '&&')}&RTrang &P/&N` },
  });
  sheet.mergeCells(1, 1, 1, Math.max(width, 2));
  Object.assign(sheet.getCell(1, 1), {
    value: title,
    font: { bold: true, size: 14 },
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  });
  sheet.getRow(1).height = 24;
  const facts: [string, ExcelJS.CellValue][] = [
    ['Đơn vị:', report.unit.unitName],
    [
      'Kỳ báo cáo:',
      `${report.period.label} (từ ${shown(report.period.startsOn)} đến ${shown(report.period.endsOn)})`,
    ],
    ['Hạn gửi:', isoDate(report.period.dueOn)],
    ['Kế hoạch:', [report.plan.symbol, report.plan.title].filter(Boolean).join(' — ')],
  ];
  facts.forEach(([label, value], i) => {
    sheet.getCell(2 + i, 1).value = label;
    sheet.getCell(2 + i, 1).font = { bold: true };
    const cell = sheet.getCell(2 + i, 2);
    cell.value = value;
    cell.alignment = { horizontal: 'left' };
    if (value instanceof Date) cell.numFmt = 'dd/mm/yyyy';
  });
  return { sheet, next: 2 + facts.length + 1 };
}

function headerCell(cell: ExcelJS.Cell, text: string) {
  cell.value = text;
  cell.font = { bold: true };
  cell.fill = HEADER_FILL;
  cell.border = THIN;
  cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
}

/** A table header on one row: its cells, the rows printed on each page, the pane frozen below. */
function tableHeader(sheet: ExcelJS.Worksheet, row: number, headers: string[], widths: number[]) {
  headers.forEach((text, i) => {
    headerCell(sheet.getCell(row, i + 1), text);
    sheet.getColumn(i + 1).width = widths[i] ?? 16;
  });
  sheet.pageSetup.printTitlesRow = `${row}:${row}`;
  sheet.views = [{ state: 'frozen', ySplit: row }];
}

/** The consolidated report as XLSX. */
export async function renderConsolidatedXlsx(report: TConsolidatedReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Tiến Độ';
  figuresSheet(workbook, report);
  breakdownSheet(workbook, report);
  targetsSheet(workbook, report);
  narrativeSheet(workbook, report);
  missingSheet(workbook, report);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * Figures: a row per unit below (STT, code-free name), under each indicator its parts — a
 * ratio's numerator, denominator and percentage, a count's or sum's value — and the whole unit's
 * total (its roll-up, own figures included) last.
 */
function figuresSheet(workbook: ExcelJS.Workbook, report: TConsolidatedReport) {
  type Part = { label: string; of: (f: TFigure) => number | null; numFmt: string };
  const partsOf = (kind: string, unit: string | null): Part[] =>
    kind === 'ratio'
      ? [
          { label: 'Tử số', of: (f) => (f.reportingUnits > 0 ? f.numerator : null), numFmt: '#,##0' },
          { label: 'Mẫu số', of: (f) => (f.reportingUnits > 0 ? f.denominator : null), numFmt: '#,##0' },
          {
            label: 'Tỷ lệ',
            of: (f) => (f.denominator > 0 ? f.numerator / f.denominator : null),
            numFmt: '0.0%',
          },
        ]
      : [
          {
            label: kind === 'boolean' ? 'Số đơn vị "Có"' : unit ? `Giá trị (${unit})` : 'Giá trị',
            of: (f) => f.value,
            numFmt: unit?.trim() === '%' ? '0.0' : '#,##0.##',
          },
        ];
  const columns = report.values.flatMap((v) =>
    partsOf(v.indicator.kind, v.indicator.unit).map((part) => ({ value: v, part })),
  );
  const width = 2 + columns.length + 1;
  const { sheet, next } = officeSheet(
    workbook,
    'Số liệu',
    `BÁO CÁO TỔNG HỢP SỐ LIỆU — ${report.scheduleName.toLocaleUpperCase('vi')}`,
    report,
    width,
  );
  const groupRow = next;
  const partRow = next + 1;
  headerCell(sheet.getCell(groupRow, 1), 'STT');
  headerCell(sheet.getCell(groupRow, 2), 'Đơn vị');
  sheet.mergeCells(groupRow, 1, partRow, 1);
  sheet.mergeCells(groupRow, 2, partRow, 2);
  sheet.getColumn(1).width = 6;
  sheet.getColumn(2).width = 36;
  let c = 3;
  for (const v of report.values) {
    const parts = partsOf(v.indicator.kind, v.indicator.unit);
    headerCell(sheet.getCell(groupRow, c), v.indicator.name);
    if (parts.length > 1) sheet.mergeCells(groupRow, c, groupRow, c + parts.length - 1);
    parts.forEach((part, i) => {
      headerCell(sheet.getCell(partRow, c + i), part.label);
      sheet.getColumn(c + i).width = 13;
    });
    c += parts.length;
  }
  headerCell(sheet.getCell(groupRow, c), 'Đơn vị đã báo cáo');
  sheet.mergeCells(groupRow, c, partRow, c);
  sheet.getColumn(c).width = 14;
  sheet.getRow(groupRow).height = 36;
  sheet.getRow(partRow).height = 30;
  sheet.pageSetup.printTitlesRow = `${groupRow}:${partRow}`;
  sheet.views = [{ state: 'frozen', xSplit: 2, ySplit: partRow }];

  const units = report.values[0]?.units ?? [];
  const write = (r: number, label: string, figureOf: (i: number) => TFigure | undefined, total: boolean) => {
    const row = sheet.getRow(r);
    row.getCell(2).value = label;
    columns.forEach(({ value, part }, i) => {
      const figure = figureOf(report.values.indexOf(value));
      const cell = row.getCell(3 + i);
      cell.value = figure ? part.of(figure) : null;
      cell.numFmt = part.numFmt;
    });
    const reporting = report.values[0] ? figureOf(0) : undefined;
    row.getCell(width).value = reporting
      ? reporting.expectedUnits === null
        ? reporting.reportingUnits
        : `${reporting.reportingUnits}/${reporting.expectedUnits}`
      : null;
    for (let k = 1; k <= width; k++) {
      const cell = row.getCell(k);
      cell.border = THIN;
      if (total) {
        cell.font = { bold: true };
        cell.fill = TOTAL_FILL;
      }
    }
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  };
  units.forEach((unit, u) => {
    const r = partRow + 1 + u;
    sheet.getCell(r, 1).value = u + 1;
    write(r, unit.unitName, (i) => report.values[i]?.units[u]?.figure, false);
  });
  write(
    partRow + 1 + units.length,
    `Tổng cộng — ${report.unit.unitName}`,
    (i) => report.values[i]?.total,
    true,
  );
}

/**
 * Breakdowns (phân tổ), when an indicator has one: a row per category (and, for two categories,
 * per option's sum over the other), the total last — numbers as numbers, ratios beside their parts.
 */
function breakdownSheet(workbook: ExcelJS.Workbook, report: TConsolidatedReport) {
  const broken = report.values.filter((v) => v.breakdown);
  if (broken.length === 0) return;
  const { sheet, next } = officeSheet(workbook, 'Phân tổ', 'SỐ LIỆU PHÂN TỔ', report, 8);
  tableHeader(
    sheet,
    next,
    ['STT', 'Chỉ tiêu', 'Phân tổ theo', 'Nhóm', 'Kết quả', 'Tử số', 'Mẫu số', 'Số đơn vị báo cáo'],
    [6, 40, 22, 34, 12, 12, 12, 14],
  );
  let r = next + 1;
  broken.forEach((v, i) => {
    const ratio = v.indicator.kind === 'ratio' || v.indicator.aggregation === 'count_units_meeting';
    const b = v.breakdown!;
    const lines = [
      ...b.cells.map((c) => ({ label: c.label, cell: c, sum: false })),
      ...b.marginals.map((c) => ({ label: `Cộng ${c.label}`, cell: c, sum: true })),
      { label: 'Tổng số', cell: v.total, sum: true },
    ];
    for (const line of lines) {
      const row = sheet.getRow(r++);
      row.values = [
        i + 1,
        v.indicator.name,
        b.label,
        line.label,
        line.cell.value === null ? null : ratio ? line.cell.value / 100 : line.cell.value,
        ratio ? line.cell.numerator : null,
        ratio ? line.cell.denominator : null,
        line.cell.reportingUnits,
      ];
      row.getCell(5).numFmt = ratio ? '0.0%' : '#,##0.##';
      for (const k of [6, 7, 8]) row.getCell(k).numFmt = '#,##0';
      for (let k = 1; k <= 8; k++) {
        row.getCell(k).border = THIN;
        if (line.sum) row.getCell(k).fill = TOTAL_FILL;
      }
    }
  });
}

function targetsSheet(workbook: ExcelJS.Workbook, report: TConsolidatedReport) {
  const { sheet, next } = officeSheet(workbook, 'Chỉ tiêu', 'KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU', report, 6);
  tableHeader(
    sheet,
    next,
    ['STT', 'Mục tiêu', 'Mốc so sánh', 'Giá trị đạt được', 'Trạng thái', 'Đánh giá'],
    [6, 50, 18, 14, 18, 60],
  );
  report.targets.forEach((t, i) => {
    const row = sheet.getRow(next + 1 + i);
    const m = t.milestone;
    const milestone = m
      ? `${m.year === null ? '' : `${m.year}: `}${m.op} ${m.value}${m.unit ? ` ${m.unit}` : ''}`
      : '';
    row.values = [i + 1, t.text, milestone, t.value, PROGRESS[t.status], t.verdict];
    row.getCell(4).numFmt = t.milestone?.unit?.trim() === '%' ? '0.0' : '#,##0.##';
    for (let k = 1; k <= 6; k++) {
      row.getCell(k).border = THIN;
      row.getCell(k).alignment = { wrapText: true, vertical: 'top' };
    }
  });
}

/** Narratives by section, one row per unit's text (no cell nears Excel's limit). */
function narrativeSheet(workbook: ExcelJS.Workbook, report: TConsolidatedReport) {
  const { sheet, next } = officeSheet(workbook, 'Nội dung', 'NỘI DUNG BÁO CÁO THEO PHẦN', report, 3);
  tableHeader(sheet, next, ['Phần', 'Đơn vị', 'Nội dung'], [24, 32, 100]);
  let r = next + 1;
  for (const section of report.sections) {
    const pieces =
      section.sources.length > 0
        ? section.sources.map((s) => ({ unit: s.unitName, text: s.text }))
        : [{ unit: report.unit.unitName, text: section.text }];
    for (const piece of pieces) {
      for (let start = 0; start === 0 || start < piece.text.length; start += CELL_TEXT_LIMIT) {
        const row = sheet.getRow(r++);
        row.values = [section.title, piece.unit, piece.text.slice(start, start + CELL_TEXT_LIMIT)];
        for (let k = 1; k <= 3; k++) {
          row.getCell(k).border = THIN;
          row.getCell(k).alignment = { wrapText: true, vertical: 'top' };
        }
      }
    }
  }
}

function missingSheet(workbook: ExcelJS.Workbook, report: TConsolidatedReport) {
  const { sheet, next } = officeSheet(
    workbook,
    'Chưa báo cáo',
    'ĐƠN VỊ CHƯA CÓ BÁO CÁO ĐƯỢC DUYỆT',
    report,
    3,
  );
  tableHeader(sheet, next, ['STT', 'Đơn vị', 'Tình trạng'], [6, 50, 28]);
  report.notReported.forEach((u, i) => {
    const row = sheet.getRow(next + 1 + i);
    row.values = [i + 1, u.unitName, REPORT_STATUS[u.status]];
    for (let k = 1; k <= 3; k++) row.getCell(k).border = THIN;
  });
}
