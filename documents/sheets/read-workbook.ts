import { readFile } from 'node:fs/promises';
import type ExcelJS from 'exceljs';
import type { SheetCell } from '../../domain/reporting/report-sheet.ts';
import { zipWithinLimits } from '../archive/zip-guard.ts';
import { readXlsx, XlsxTooLarge, XlsxUnreadable } from './read-xlsx.ts';

// THE entry point that parses an uploaded spreadsheet (a filled report template, as Excel or
// LibreOffice saved it) into plain rows: no ExcelJS object leaves this file, so the call can move
// into a worker process unchanged (a Buffer or a path in, JSON-safe rows out).

/** One sheet of a workbook: `rows[r - 1][c - 1]` is the cell in row r, column c (1-based, as Excel). */
export interface WorkbookSheet {
  name: string;
  rows: SheetCell[][];
}

/** The file is no XLSX we can open (not a ZIP, over the archive limits, or no workbook inside). */
export class UnreadableWorkbook extends Error {
  constructor(reason: string) {
    super(`unreadable workbook: ${reason}`);
  }
}

/** Columns read per row: a template has a few dozen; a stray format to XFD is not read. */
export const MAX_COLUMNS = 500;

/**
 * What a workbook may hold before it is refused in the worker (issue 18), so a sheet of a million
 * rows or a cell of megabytes never travels back to the server as rows: the rows of the largest
 * tree the product keeps (the organisation file's limit) and Excel's own longest cell.
 */
export const WORKBOOK_LIMITS = { maxRows: 200_000, maxCellChars: 32_767 };

/** The workbook is past `WORKBOOK_LIMITS` (a row beyond the last allowed, or a cell too long). */
export class WorkbookTooLarge extends Error {
  constructor(readonly what: 'rows' | 'cell') {
    super(`workbook too large: ${what}`);
  }
}

/**
 * Reads every sheet of an XLSX (a Buffer, or the path of an uploaded file on disk) into rows of
 * plain cells, in the workbook's order. The archive passes the one ZIP guard first. Read from the
 * package's XML (`read-xlsx.ts`), without loading ExcelJS.
 */
export async function readWorkbookRows(source: Buffer | string): Promise<WorkbookSheet[]> {
  const data = typeof source === 'string' ? await readFile(source) : source;
  if (!(await zipWithinLimits(data))) throw new UnreadableWorkbook('archive refused');
  try {
    return readXlsx(data, { ...WORKBOOK_LIMITS, maxColumns: MAX_COLUMNS });
  } catch (error) {
    if (error instanceof XlsxTooLarge) throw new WorkbookTooLarge(error.what);
    if (error instanceof XlsxUnreadable) throw new UnreadableWorkbook(error.message);
    throw new UnreadableWorkbook(error instanceof Error ? error.message : String(error));
  }
}

/**
 * The same rows read through ExcelJS, as `readWorkbookRows` read them before `read-xlsx.ts`: the
 * reference its test compares with (ExcelJS loaded only here).
 */
export async function readWorkbookRowsWithExcelJS(data: Buffer): Promise<WorkbookSheet[]> {
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  return workbook.worksheets.map((sheet) => {
    const rows: SheetCell[][] = [];
    sheet.eachRow({ includeEmpty: false }, (row, r) => {
      const cells: SheetCell[] = [];
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if (c > MAX_COLUMNS) return;
        cells[c - 1] = plainCell(cell);
      });
      for (let c = 0; c < cells.length; c++) cells[c] ??= null;
      rows[r - 1] = cells;
    });
    for (let r = 0; r < rows.length; r++) rows[r] ??= [];
    return { name: sheet.name, rows };
  });
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Whether a number format shows a percentage (a `%` outside quotes and escapes). */
export function isPercentFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  return /%/.test(numFmt.replace(/"[^"]*"/g, '').replace(/\\./g, ''));
}

/** A cell as plain data: what the officer sees, with dates, percentages and formulas told apart. */
function plainCell(cell: ExcelJS.Cell): SheetCell {
  const value = cell.value;
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    return {
      date: `${pad(value.getUTCDate())}/${pad(value.getUTCMonth() + 1)}/${value.getUTCFullYear()}`,
    };
  }
  if (typeof value === 'number') return isPercentFormat(cell.numFmt) ? { percent: value } : value;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('error' in value) return { error: String(value.error) };
    if ('formula' in value || 'sharedFormula' in value) {
      const formula =
        'formula' in value && value.formula
          ? value.formula
          : String((value as { sharedFormula?: string }).sharedFormula ?? '');
      const result = (value as { result?: unknown }).result;
      if (result instanceof Date)
        return {
          date: `${pad(result.getUTCDate())}/${pad(result.getUTCMonth() + 1)}/${result.getUTCFullYear()}`,
        };
      if (typeof result === 'number' && isPercentFormat(cell.numFmt)) return { percent: result };
      if (result !== null && typeof result === 'object' && 'error' in result)
        return { error: String((result as { error: unknown }).error) };
      return {
        formula,
        result:
          typeof result === 'number' || typeof result === 'string' || typeof result === 'boolean'
            ? result
            : null,
      };
    }
    if ('text' in value) return String(value.text);
  }
  return String(value);
}
