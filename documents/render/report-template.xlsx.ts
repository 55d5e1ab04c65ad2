import ExcelJS from 'exceljs';

// The Excel template a unit (or a unit for all its units) fills for one period: a row per unit,
// a column per figure and narrative section. Reading it back is `domain/reporting/report-sheet.ts`'s,
// which finds the table by its content, so the layout here may change without breaking an import.

const SHEET = 'Báo cáo';
const KEY_ROW = 3;
const HEADER_ROW = 4;
const FIRST_DATA_ROW = 5;
const LOCKED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
const INSTRUCTIONS =
  'Điền số vào các ô trắng; không sửa cột mã đơn vị. Dòng tô xám là báo cáo đã gửi hoặc đã duyệt: khoá, bỏ qua khi nhập. Số liệu kỳ trước ở ghi chú của ô.';

/** A column: its machine key (the hidden row 3), its header and width. */
export interface TemplateColumn {
  key: string;
  header: string;
  width?: number;
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

/** The template as an XLSX file: a title, the instructions, the key and header rows, a row per unit. */
export async function renderReportTemplate(input: {
  title: string;
  columns: TemplateColumn[];
  rows: TemplateRow[];
}): Promise<Buffer> {
  const { columns } = input;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Tiến Độ';
  const sheet = workbook.addWorksheet(SHEET, {
    views: [{ state: 'frozen', xSplit: 2, ySplit: HEADER_ROW }],
  });
  sheet.columns = columns.map((c) => ({ key: c.key, width: c.width }));
  sheet.getCell(1, 1).value = input.title;
  sheet.getCell(1, 1).font = { bold: true, size: 13 };
  sheet.getCell(2, 1).value = INSTRUCTIONS;
  sheet.getCell(2, 1).font = { italic: true, color: { argb: 'FF555555' } };
  const keys = sheet.getRow(KEY_ROW);
  const headers = sheet.getRow(HEADER_ROW);
  columns.forEach((c, i) => {
    keys.getCell(i + 1).value = c.key;
    headers.getCell(i + 1).value = c.header;
  });
  keys.hidden = true;
  headers.font = { bold: true };
  headers.alignment = { wrapText: true, vertical: 'middle' };
  headers.height = 48;
  for (const [index, unit] of input.rows.entries()) {
    const row = sheet.getRow(FIRST_DATA_ROW + index);
    row.getCell(1).value = unit.code;
    row.getCell(2).value = unit.name;
    row.getCell(columns.length).value = unit.status;
    // the cells an officer fills: unlocked on an open row; a submitted row stays locked and grey
    for (let c = 3; c < columns.length; c++) {
      const cell = row.getCell(c);
      if (unit.open) cell.protection = { locked: false };
      else cell.fill = LOCKED_FILL;
    }
    if (!unit.open) for (const c of [1, 2, columns.length]) row.getCell(c).fill = LOCKED_FILL;
    for (const cell of unit.cells) {
      if (cell.value !== undefined) row.getCell(cell.column).value = cell.value;
      if (cell.note !== undefined) row.getCell(cell.column).note = cell.note;
    }
  }
  // no password: protection guards against typing over a locked row, not against the officer
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
