import type { TCategory, TExcelImportResult, TForm } from '../../contracts/reporting.ts';
import { type TemplateColumn, TOTALS_LABEL } from '../../documents/render/report-template.xlsx.ts';
import type { WorkbookSheet } from '../../documents/sheets/read-workbook.ts';
import { foldText } from '../../domain/fold-text.ts';
import {
  cellDisplayText,
  isEmptyContent,
  type LocatedTable,
  locateTable,
  mergeRow,
  type RowContent,
  sameContent,
  UNIT_CODE_KEY,
} from '../../domain/reporting/report-sheet.ts';
import { type RowColumn, readTemplateRow } from '../../domain/reporting/report-sheet-row.ts';
import { isEditable } from '../../domain/reporting/report-states.ts';
import { indicatorRulesOf, validateReport } from '../../domain/reporting/validate-report.ts';

/**
 * The rows of an uploaded report template read into what the import does: each unit's row merged
 * over its stored report and checked by the form's rules, every problem named by sheet, row and
 * cell. `ReportExcelService.import` gathers what the rows need (scope, reports, values, the access
 * policy) and saves or sends what this returns.
 */

/** A column of the template: what the renderer draws and what the row reader reads. */
export type Column = TemplateColumn & RowColumn;

/** How far down a sheet the table's header is looked for (title rows, notes above it). */
const HEADER_SEARCH_ROWS = 30;

/** The first sheet, in the workbook's order, whose first rows hold the table of the form. */
export function findTable(sheets: readonly WorkbookSheet[], columns: Column[]) {
  for (const sheet of sheets) {
    const rows = sheet.rows
      .slice(0, HEADER_SEARCH_ROWS)
      .map((cells) => Array.from(cells, (cell) => cellDisplayText(cell ?? null)));
    const table = locateTable(rows, columns);
    if (table) return { sheet, table };
  }
  return null;
}

/** "A", "Z", "AA" for columns 1, 26, 27. */
export function columnLetter(column: number): string {
  let n = column;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

interface StoredValue {
  indicatorId: number;
  category: string;
  numerator: number | null;
  denominator: number | null;
  comment: string | null;
}

export interface SheetImportInput {
  sheet: WorkbookSheet;
  table: LocatedTable;
  /** The form's columns the sheet has, the unit code's aside. */
  dataColumns: readonly Column[];
  form: TForm;
  /** The units that report this period. */
  scope: readonly { id: number; code: string; depth: number }[];
  /** The period's reports by unit, and their stored values by report. */
  reports: ReadonlyMap<number, { id: number; status: string; narrative: unknown }>;
  values: ReadonlyMap<number, readonly StoredValue[]>;
  /** Whether the import sends: every filled, open row is checked as for sending. */
  submit: boolean;
  /** Whether the importing user may act on a unit (the access policy). */
  mayAccess: (unitId: number) => Promise<boolean>;
}

export interface SheetImport {
  errors: TExcelImportResult['errors'];
  /** The rows that change their report. */
  rowsToSave: { unitId: number; depth: number; content: RowContent }[];
  /** The units whose report the file sends (with `submit`): every filled, open row. */
  rowsToSend: { unitId: number; depth: number }[];
  /** Rows equal to what is stored; rows of a report already sent (locked, left as they are). */
  unchanged: number;
  skipped: number;
}

export async function readSheetImport(input: SheetImportInput): Promise<SheetImport> {
  const { sheet, table, dataColumns, form } = input;
  const errors: TExcelImportResult['errors'] = [];
  const byCode = new Map(input.scope.map((u) => [u.code, u]));
  const rules = indicatorRulesOf(form);
  const rowsToSave: SheetImport['rowsToSave'] = [];
  const rowsToSend: SheetImport['rowsToSend'] = [];
  let unchanged = 0;
  let skipped = 0;
  const seen = new Set<number>();
  const codeColumn = table.columnOf.get(UNIT_CODE_KEY)!;
  const nameColumn = table.columnOf.get('unit_name');
  const address = (row: number, column: number) => `${columnLetter(column)}${row}`;
  for (let r = table.firstDataRow; r <= sheet.rows.length; r++) {
    const cells = sheet.rows[r - 1] ?? [];
    const at = (column: number) => cells[column - 1] ?? null;
    const code = cellDisplayText(at(codeColumn)).trim();
    const codeCell = address(r, codeColumn);
    if (!code) {
      // the totals row is the template's own; a row of figures without a code is the officer's
      const label = nameColumn === undefined ? '' : foldText(cellDisplayText(at(nameColumn)));
      if (label === foldText(TOTALS_LABEL)) continue;
      const filled = dataColumns.find(
        (c) => !c.ratioOf && cellDisplayText(at(table.columnOf.get(c.key)!)).trim() !== '',
      );
      if (filled)
        errors.push({
          sheet: sheet.name,
          cell: codeCell,
          row: r,
          field: 'unit_code',
          message: `Dòng ${r} có số liệu (ô ${address(r, table.columnOf.get(filled.key)!)}) nhưng ô ${codeCell} không có mã đơn vị; hãy điền mã hoặc xoá dòng.`,
        });
      continue;
    }
    const unit = byCode.get(code);
    const refuse = (message: string) =>
      errors.push({ sheet: sheet.name, cell: codeCell, row: r, field: 'unit_code', message });
    if (!unit) {
      refuse(`Đơn vị mã ${code} (ô ${codeCell}) không thuộc diện báo cáo kỳ này.`);
      continue;
    }
    if (!(await input.mayAccess(unit.id))) {
      refuse(`Đơn vị ${code} (ô ${codeCell}) nằm ngoài phạm vi của bạn.`);
      continue;
    }
    if (seen.has(unit.id)) {
      refuse(`Đơn vị ${code} có hai dòng (ô ${codeCell}).`);
      continue;
    }
    seen.add(unit.id);
    const existing = input.reports.get(unit.id);
    // submitted or approved: locked in the template, left as it is (the web's unlock reopens it)
    if (existing && !isEditable(existing.status)) {
      skipped += 1;
      continue;
    }
    const {
      read,
      cellOf,
      errors: cellErrors,
    } = readTemplateRow(dataColumns, table.columnOf, at, (column) => address(r, column));
    for (const e of cellErrors) errors.push({ sheet: sheet.name, row: r, ...e });
    const stored: RowContent | null = existing
      ? {
          values: (input.values.get(existing.id) ?? []).map((v) => ({
            indicatorId: v.indicatorId,
            category: v.category,
            numerator: v.numerator,
            denominator: v.denominator,
            comment: v.comment,
          })),
          narrative: (existing.narrative ?? {}) as Record<string, string>,
        }
      : null;
    const content = mergeRow(stored, read);
    const values = content.values.map((v) => ({
      indicatorId: v.indicatorId,
      category: v.category as TCategory,
      numerator: v.numerator,
      denominator: v.denominator,
      comment: v.comment ?? null,
    }));
    const sends = input.submit && !isEmptyContent(content);
    for (const issue of validateReport(rules, form.sections, values, content.narrative, [], sends)) {
      if (issue.severity !== 'error') continue;
      const cell = cellOf.get(issue.field) ?? codeCell;
      errors.push({
        sheet: sheet.name,
        cell,
        row: r,
        field: issue.field,
        message: `Ô ${cell}: ${issue.message}`,
      });
    }
    if (sends) rowsToSend.push({ unitId: unit.id, depth: unit.depth });
    if (stored ? sameContent(stored, content) : isEmptyContent(content)) {
      unchanged += 1;
      continue;
    }
    rowsToSave.push({ unitId: unit.id, depth: unit.depth, content });
  }
  return { errors, rowsToSave, rowsToSend, unchanged, skipped };
}
