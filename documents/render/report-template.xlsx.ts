import ExcelJS from 'exceljs';

// The Excel template a unit (or a unit for all its units) fills for one period: a row per unit,
// a column per figure and narrative section. Reading it back is `domain/reporting/report-sheet.ts`'s,
// which finds the table by its content, so the layout here may change without breaking an import.
//
// Layout: the form's name, the unit, the period and the deadline (a date cell, dd/mm/yyyy) above
// the table; a two-level header (the indicator over its parts) repeated on every printed page; a
// hidden row of column keys; a row per unit; a totals row. Label, status and formula cells are
// locked, input cells unlocked; the sheet is protected WITHOUT a password (Excel: Review →
// Unprotect Sheet) — it guards against typing over a label or a locked row, not against the
// officer. Numbers use Excel's own codes (`#,##0`), which Excel shows with the reader's separators
// (1.234 on a Vietnamese system). Landscape A4, fitted to the page's width.

const SHEET = 'Báo cáo';
/** Rows above the table: form, unit, period, deadline, instructions. */
const GROUP_ROW = 6;
const PART_ROW = 7;
const KEY_ROW = 8;
const FIRST_DATA_ROW = 9;
const LOCKED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const FORMULA_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const THIN: ExcelJS.Borders = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
} as ExcelJS.Borders;
const INSTRUCTIONS =
  'Điền số vào các ô trắng; không sửa cột mã đơn vị. Số nguyên cho số lượng; cột (%) nhận từ 0 đến 100. ' +
  'Dòng tô xám là báo cáo đã gửi hoặc đã duyệt: khoá, bỏ qua khi nhập. Ô tỷ lệ và dòng tổng cộng tự tính. ' +
  'Số liệu kỳ trước ở ghi chú của ô. Trang tính được khoá không mật khẩu (Xem lại → Bỏ bảo vệ trang tính).';
/** The label of the totals row; the import skips a row so named. */
export const TOTALS_LABEL = 'Tổng cộng';

/** Number formats (Excel codes; Excel shows them with the reader's separators). */
export const NUMBER_FORMATS = {
  whole: '#,##0',
  decimal: '#,##0.00',
  percent: '0.0',
  ratio: '0.0%',
  date: 'dd/mm/yyyy',
} as const;

/** What an input column takes: a whole number ≥ 0, a number ≥ 0, percentage points 0–100, a word of a list, text. */
export type TemplateInput = 'whole' | 'decimal' | 'percent' | 'choice' | 'text';

/** A column: its machine key (the hidden key row), its header, what it takes. */
export interface TemplateColumn {
  key: string;
  /** the header in one line ("<indicator> — <part>"): what an import matches when the key row is gone */
  header: string;
  /** a two-level header: the indicator (merged over its parts) and the part */
  group?: string;
  part?: string;
  width?: number;
  /** absent: a label column (code, name, status), locked */
  input?: TemplateInput;
  /** the words of a 'choice' column and the number each stands for */
  choices?: Readonly<Record<string, number>>;
  /** a computed percentage (locked formula): the keys of its numerator and denominator columns */
  ratioOf?: readonly [string, string];
  /** summed in the totals row */
  total?: boolean;
}

/**
 * A unit's row: its code and name (columns 1–2), its report's status (the last column), whether
 * it still takes input (an open row's cells are unlocked; a closed one is locked and grey), and
 * the cells filled (1-based column, a stored value or a note such as last period's figure).
 */
export interface TemplateRow {
  code: string;
  name: string;
  status: string;
  open: boolean;
  cells: { column: number; value?: number | string; note?: string }[];
}

export interface TemplateInputs {
  /** the form or schedule's name, the title */
  title: string;
  /** the unit the file is for (the one unit, or the unit whose units the rows are) */
  unitName: string;
  /** the period: its label and its dates (ISO yyyy-mm-dd) */
  periodLabel: string;
  startsOn: string;
  endsOn: string;
  dueOn: string;
  columns: TemplateColumn[];
  rows: TemplateRow[];
}

const shown = (iso: string) => iso.split('-').reverse().join('/');
const isoDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!));
};

/** The template as an XLSX file. */
export async function renderReportTemplate(input: TemplateInputs): Promise<Buffer> {
  const { columns } = input;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Tiến Độ';
  const sheet = workbook.addWorksheet(SHEET, {
    views: [{ state: 'frozen', xSplit: 2, ySplit: KEY_ROW }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: `${GROUP_ROW}:${PART_ROW}`,
    },
    headerFooter: { oddFooter: `&L${input.title.replace(/&/g, '&&')}&RTrang &P/&N` },
  });
  sheet.columns = columns.map((c) => ({ key: c.key, width: c.width ?? 16 }));
  const last = columns.length;
  const letter = (column: number) => sheet.getColumn(column).letter;
  const columnOf = new Map(columns.map((c, i) => [c.key, i + 1]));

  // the heading: form, unit, period, deadline (a real date), instructions
  sheet.mergeCells(1, 1, 1, last);
  Object.assign(sheet.getCell(1, 1), {
    value: input.title.toLocaleUpperCase('vi'),
    font: { bold: true, size: 14 },
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  });
  sheet.getRow(1).height = 24;
  const facts: [string, ExcelJS.CellValue, string?][] = [
    ['Đơn vị:', input.unitName],
    ['Kỳ báo cáo:', `${input.periodLabel} (từ ${shown(input.startsOn)} đến ${shown(input.endsOn)})`],
    ['Hạn gửi:', isoDate(input.dueOn), NUMBER_FORMATS.date],
  ];
  facts.forEach(([label, value, numFmt], i) => {
    const r = 2 + i;
    sheet.getCell(r, 1).value = label;
    sheet.getCell(r, 1).font = { bold: true };
    const cell = sheet.getCell(r, 2);
    cell.value = value;
    cell.alignment = { horizontal: 'left' };
    if (numFmt) cell.numFmt = numFmt;
  });
  sheet.mergeCells(5, 1, 5, last);
  Object.assign(sheet.getCell(5, 1), {
    value: INSTRUCTIONS,
    font: { italic: true, color: { argb: 'FF555555' } },
    alignment: { wrapText: true, vertical: 'top' },
  });
  sheet.getRow(5).height = 45;

  // the two-level header: one-level columns merged down, an indicator merged across its parts
  for (let c = 1; c <= last; c++) {
    const column = columns[c - 1]!;
    if (column.group === undefined) {
      sheet.getCell(GROUP_ROW, c).value = column.header;
      sheet.mergeCells(GROUP_ROW, c, PART_ROW, c);
      continue;
    }
    sheet.getCell(PART_ROW, c).value = column.part ?? column.header;
    if (columns[c - 2]?.group === column.group) continue;
    let end = c;
    while (columns[end]?.group === column.group) end += 1;
    sheet.getCell(GROUP_ROW, c).value = column.group;
    if (end > c) sheet.mergeCells(GROUP_ROW, c, GROUP_ROW, end);
  }
  for (const r of [GROUP_ROW, PART_ROW]) {
    const row = sheet.getRow(r);
    row.height = r === GROUP_ROW ? 36 : 42;
    for (let c = 1; c <= last; c++) {
      const cell = row.getCell(c);
      cell.font = { bold: true };
      cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
      cell.fill = HEADER_FILL;
      cell.border = THIN;
    }
  }
  const keys = sheet.getRow(KEY_ROW);
  columns.forEach((c, i) => {
    keys.getCell(i + 1).value = c.key;
  });
  keys.hidden = true;

  const firstRow = FIRST_DATA_ROW;
  const lastRow = FIRST_DATA_ROW + input.rows.length - 1;
  for (const [index, unit] of input.rows.entries()) {
    const r = FIRST_DATA_ROW + index;
    const row = sheet.getRow(r);
    row.getCell(1).value = unit.code;
    row.getCell(2).value = unit.name;
    row.getCell(last).value = unit.status;
    for (const cell of unit.cells) {
      if (cell.value !== undefined) row.getCell(cell.column).value = cell.value;
      if (cell.note !== undefined) row.getCell(cell.column).note = cell.note;
    }
    columns.forEach((column, i) => {
      const cell = row.getCell(i + 1);
      cell.border = THIN;
      if (column.ratioOf) {
        const [n, d] = column.ratioOf.map((key) => `${letter(columnOf.get(key)!)}${r}`);
        cell.value = { formula: `IF(N(${d})>0,${n}/${d},"")` } as ExcelJS.CellFormulaValue;
        cell.numFmt = NUMBER_FORMATS.ratio;
        cell.fill = unit.open ? FORMULA_FILL : LOCKED_FILL;
        return;
      }
      styleInput(cell, column);
      // the cells an officer fills: unlocked on an open row; a submitted row stays locked and grey
      if (column.input && unit.open) cell.protection = { locked: false };
      if (!unit.open) cell.fill = LOCKED_FILL;
      if (column.input === 'text') cell.alignment = { wrapText: true, vertical: 'top' };
    });
  }

  // what each input column takes, once per column over the rows
  const validations = (sheet as unknown as { dataValidations: ValidationList }).dataValidations;
  if (input.rows.length > 0)
    columns.forEach((column, i) => {
      const validation = validationOf(column);
      if (validation) validations.add(`${letter(i + 1)}${firstRow}:${letter(i + 1)}${lastRow}`, validation);
    });

  // the totals row, only when there are rows to add up
  if (input.rows.length > 1) {
    const r = lastRow + 1;
    const row = sheet.getRow(r);
    row.getCell(2).value = TOTALS_LABEL;
    columns.forEach((column, i) => {
      const cell = row.getCell(i + 1);
      cell.font = { bold: true };
      cell.border = THIN;
      cell.fill = FORMULA_FILL;
      const at = letter(i + 1);
      if (column.ratioOf) {
        const [n, d] = column.ratioOf.map((key) => `${letter(columnOf.get(key)!)}${r}`);
        cell.value = { formula: `IF(N(${d})>0,${n}/${d},"")` } as ExcelJS.CellFormulaValue;
        cell.numFmt = NUMBER_FORMATS.ratio;
      } else if (column.total && column.input === 'choice') {
        const yes = Object.entries(column.choices ?? {}).find(([, n]) => n === 1)?.[0] ?? '';
        cell.value = {
          formula: `COUNTIF(${at}${firstRow}:${at}${lastRow},"${yes}")`,
        } as ExcelJS.CellFormulaValue;
        cell.numFmt = NUMBER_FORMATS.whole;
      } else if (column.total) {
        cell.value = { formula: `SUM(${at}${firstRow}:${at}${lastRow})` } as ExcelJS.CellFormulaValue;
        cell.numFmt = column.input === 'decimal' ? NUMBER_FORMATS.decimal : NUMBER_FORMATS.whole;
      }
    });
  }

  await sheet.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    insertRows: true,
    insertColumns: true,
    deleteRows: true,
    deleteColumns: true,
    autoFilter: true,
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

interface ValidationList {
  add(address: string, validation: ExcelJS.DataValidation): void;
}

function styleInput(cell: ExcelJS.Cell, column: TemplateColumn) {
  if (column.input === 'whole') cell.numFmt = NUMBER_FORMATS.whole;
  else if (column.input === 'decimal') cell.numFmt = NUMBER_FORMATS.decimal;
  else if (column.input === 'percent') cell.numFmt = NUMBER_FORMATS.percent;
}

/** The data validation of an input column: Excel refuses what the import would refuse, and says why. */
export function validationOf(column: TemplateColumn): ExcelJS.DataValidation | null {
  const common = { allowBlank: true, showErrorMessage: true, errorStyle: 'stop' as const };
  switch (column.input) {
    case 'whole':
      return {
        ...common,
        type: 'whole',
        operator: 'greaterThanOrEqual',
        formulae: [0],
        errorTitle: 'Cần số nguyên',
        error: 'Nhập một số nguyên không âm (0, 1, 2, …).',
      };
    case 'decimal':
      return {
        ...common,
        type: 'decimal',
        operator: 'greaterThanOrEqual',
        formulae: [0],
        errorTitle: 'Cần một số',
        error: 'Nhập một số không âm.',
      };
    case 'percent':
      return {
        ...common,
        type: 'decimal',
        operator: 'between',
        formulae: [0, 100],
        errorTitle: 'Cần tỷ lệ từ 0 đến 100',
        error: 'Nhập số phần trăm từ 0 đến 100 (ví dụ 90 cho 90%).',
      };
    case 'choice':
      return {
        ...common,
        type: 'list',
        formulae: [`"${Object.keys(column.choices ?? {}).join(',')}"`],
        errorTitle: 'Chọn trong danh sách',
        error: `Chọn một trong: ${Object.keys(column.choices ?? {}).join(', ')}.`,
      };
    default:
      return null;
  }
}
