/**
 * Reading a report sheet back, whatever an officer did to it in Excel: the rules of the Excel
 * round trip, pure. The table is found by content — the hidden row of column keys, or else the
 * header row with "Mã đơn vị" — so a title row inserted above, a cover sheet before it, a renamed
 * sheet or moved columns still read. A row is merged into what is stored: a column missing from
 * the file leaves its stored content as it is; only what changed is saved.
 */
import { foldText } from '../fold-text.ts';

/** A column of the template: its machine key and its header. */
export interface SheetColumn {
  key: string;
  header: string;
}

export interface LocatedTable {
  /** 1-based row of the column headers (or of the keys, when the header row is gone) */
  headerRow: number;
  /** 1-based first row of data */
  firstDataRow: number;
  /** column key → 1-based column */
  columnOf: Map<string, number>;
}

export const UNIT_CODE_KEY = 'unit_code';
const UNIT_CODE_HEADERS = new Set(['ma don vi', 'ma dv']);

/**
 * Finds the table in the first rows of a sheet (`rows[k][c]` = text of row k+1, column c+1).
 * The key row wins when present; otherwise headers are matched to the columns' headers, folded
 * (case, diacritics and spacing aside). Null when no row names the unit-code column.
 */
export function locateTable(
  rows: readonly (readonly string[])[],
  columns: readonly SheetColumn[],
): LocatedTable | null {
  const keys = new Set(columns.map((c) => c.key));
  for (const [k, cells] of rows.entries()) {
    if (!cells.some((text) => text.trim() === UNIT_CODE_KEY)) continue;
    const columnOf = new Map<string, number>();
    cells.forEach((text, c) => {
      const key = text.trim();
      if (keys.has(key) && !columnOf.has(key)) columnOf.set(key, c + 1);
    });
    // the header row follows the key row in the template; data start after it
    const next = rows[k + 1] ?? [];
    const headerFollows = next.some((text) => UNIT_CODE_HEADERS.has(foldText(text)));
    return { headerRow: k + 1, firstDataRow: k + (headerFollows ? 3 : 2), columnOf };
  }
  const byHeader = new Map(columns.map((c) => [foldText(c.header), c.key]));
  for (const [k, cells] of rows.entries()) {
    if (!cells.some((text) => UNIT_CODE_HEADERS.has(foldText(text)))) continue;
    const columnOf = new Map<string, number>();
    cells.forEach((text, c) => {
      const folded = foldText(text);
      const key = UNIT_CODE_HEADERS.has(folded) ? UNIT_CODE_KEY : byHeader.get(folded);
      if (key && !columnOf.has(key)) columnOf.set(key, c + 1);
    });
    // a two-level header: the indicator above (merged across its parts), the part below
    const below = rows[k + 1] ?? [];
    let group = '';
    let twoLevel = false;
    below.forEach((text, c) => {
      group = (cells[c] ?? '').trim() || group;
      if (!text.trim()) return;
      const key = byHeader.get(foldText(`${group}${HEADER_LEVEL_JOIN}${text}`));
      if (!key) return;
      twoLevel = true;
      if (!columnOf.has(key)) columnOf.set(key, c + 1);
    });
    return { headerRow: k + 1, firstDataRow: k + (twoLevel ? 3 : 2), columnOf };
  }
  return null;
}

/** How a two-level header's column is named in one line: "<indicator> — <part>". */
export const HEADER_LEVEL_JOIN = ' — ';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A cell as read from a workbook, in plain data (so a worker can hand it over): a number, a text,
 * or what Excel holds apart — a date (shown dd/mm/yyyy), a number formatted as a percentage (its
 * stored fraction, 0.9 for 90%), a formula (its cached result, none when it was never computed),
 * an error value ("#DIV/0!"). Null is an empty cell.
 */
export type SheetCell =
  | null
  | number
  | string
  | boolean
  | { date: string }
  | { percent: number }
  | { formula: string; result: number | string | boolean | null }
  | { error: string };

/** Why a cell is not the number wanted, and how the officer sees it. */
export type NumberProblem = 'date' | 'text' | 'percent' | 'formula' | 'error';

/** A cell's number, or what the officer typed instead, as they would read it. */
export type NumberCell =
  | { ok: true; value: number | null }
  | { ok: false; shown: string; isDate: boolean; problem: NumberProblem };

/** "01/06/2026" for a date cell (Excel's dates are read as UTC midnight). */
export function shownDate(date: Date): string {
  return `${pad(date.getUTCDate())}/${pad(date.getUTCMonth() + 1)}/${date.getUTCFullYear()}`;
}

const fail = (shown: string, problem: NumberProblem): NumberCell => ({
  ok: false,
  shown,
  isDate: problem === 'date',
  problem,
});

/** 0.9 → 90 without the float's tail (0.9 × 100 = 90.00000000000001). */
const hundredfold = (fraction: number) => Number((fraction * 100).toPrecision(12));

/** "90%" → "90" as an officer writes it ("12,5 %" → "12,5"); null when the text is no percentage. */
const percentText = (text: string) => /^(.*\d)\s*%$/.exec(text)?.[1] ?? null;

/**
 * A cell's number: numbers as they are; text in Vietnamese ("1.234,5", "12,5") or plain notation;
 * a formula by its cached result. A percentage ("90%" typed as text, or a number Excel formats as
 * a percentage) is a number only in a `percent` column, in percentage points (90). A date, a
 * formula never computed or other text is not a number and is given back as the officer sees it.
 */
export function readNumberCell(value: unknown, options: { percent?: boolean } = {}): NumberCell {
  if (value === null || value === undefined || value === '') return { ok: true, value: null };
  if (typeof value === 'number') {
    return Number.isFinite(value) ? { ok: true, value } : fail(String(value), 'text');
  }
  if (typeof value === 'boolean') return fail(value ? 'TRUE' : 'FALSE', 'text');
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? fail(String(value), 'text') : fail(shownDate(value), 'date');
  }
  if (typeof value === 'object') {
    if ('date' in value) return fail(String((value as { date: unknown }).date), 'date');
    if ('percent' in value) {
      const points = hundredfold(Number((value as { percent: number }).percent));
      return options.percent ? { ok: true, value: points } : fail(`${points}%`, 'percent');
    }
    if ('result' in value) {
      const { result, formula } = value as { result: unknown; formula?: unknown };
      if ((result === null || result === undefined) && formula !== undefined)
        return fail(`=${String(formula)}`, 'formula');
      return readNumberCell(result, options);
    }
    if ('error' in value) return fail(String((value as { error: unknown }).error), 'error');
  }
  const text = cellDisplayText(value).trim();
  if (text === '') return { ok: true, value: null };
  const percent = percentText(text);
  if (percent !== null) {
    if (!options.percent) return fail(text, 'percent');
    const points = readNumberCell(percent.trim());
    return points.ok ? points : fail(text, 'text');
  }
  const normalised = /^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(text)
    ? text.replace(/\./g, '').replace(',', '.')
    : text.replace(',', '.');
  const parsed = Number(normalised);
  return /^-?\d+(\.\d+)?$/.test(normalised) && Number.isFinite(parsed)
    ? { ok: true, value: parsed }
    : fail(text, 'text');
}

/** The text of a cell as Excel shows it (rich text joined, a link's text, a date as dd/mm/yyyy). */
export function cellDisplayText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : shownDate(value);
  if (typeof value === 'object') {
    if ('richText' in value)
      return (value as { richText: { text: string }[] }).richText.map((r) => r.text).join('');
    if ('text' in value) return String((value as { text: unknown }).text);
    if ('date' in value) return String((value as { date: unknown }).date);
    if ('percent' in value) return `${hundredfold(Number((value as { percent: unknown }).percent))}%`;
    if ('result' in value) return cellDisplayText((value as { result: unknown }).result);
    if ('error' in value) return String((value as { error: unknown }).error);
    return '';
  }
  return String(value);
}

/**
 * The officer's message for a cell that is not a number, naming the cell and what it holds:
 * "Ô C6 là ngày 01/06/2026, cần một số." / "Ô E50: "mười" không phải là số."
 */
export function numberCellMessage(cell: string, problem: { shown: string; problem?: NumberProblem }): string {
  switch (problem.problem ?? 'text') {
    case 'date':
      return `Ô ${cell} là ngày ${problem.shown}, cần một số.`;
    case 'percent':
      return `Ô ${cell} là tỷ lệ ${problem.shown}; cột này cần một số (không có dấu %).`;
    case 'formula':
      return `Ô ${cell} có công thức ${problem.shown} chưa được tính ra giá trị; hãy nhập số, hoặc mở tệp bằng Excel rồi lưu lại.`;
    case 'error':
      return `Ô ${cell} là lỗi ${problem.shown} của Excel, cần một số.`;
    default:
      return `Ô ${cell}: "${problem.shown}" không phải là số.`;
  }
}

export interface RowValue {
  indicatorId: number;
  category: string;
  numerator: number | null;
  denominator: number | null;
  /** a comment typed on the web: kept, the sheet has no column for it */
  comment?: string | null;
}

export interface RowContent {
  values: RowValue[];
  narrative: Record<string, string>;
}

/** What a row of the file holds: only the columns the file has. */
export interface RowRead {
  /** `${indicatorId}:${category}:${'n' | 'd'}` → the number (null: the cell is empty) */
  parts: Map<string, number | null>;
  /** section key → text ('' : the cell is empty) */
  sections: Map<string, string>;
}

/**
 * The row merged into the stored report: a part or section whose column is in the file takes
 * the file's content (an empty cell empties it); one whose column is missing keeps what is
 * stored. Values with neither number are dropped; other stored values (comments aside) stay.
 */
export function mergeRow(stored: RowContent | null, read: RowRead): RowContent {
  const values = new Map<string, RowValue>();
  for (const v of stored?.values ?? []) values.set(`${v.indicatorId}:${v.category}`, { ...v });
  for (const [key, number] of read.parts) {
    const [id, category, part] = key.split(':') as [string, string, 'n' | 'd'];
    const at = `${id}:${category}`;
    const entry = values.get(at) ?? { indicatorId: Number(id), category, numerator: null, denominator: null };
    if (part === 'n') entry.numerator = number;
    else entry.denominator = number;
    values.set(at, entry);
  }
  const narrative: Record<string, string> = { ...(stored?.narrative ?? {}) };
  for (const [key, text] of read.sections) {
    if (text.trim()) narrative[key] = text.trim();
    else delete narrative[key];
  }
  return {
    values: [...values.values()].filter((v) => v.numerator !== null || v.denominator !== null),
    narrative,
  };
}

/** Whether two contents say the same (order aside; empty sections are no content). */
export function sameContent(a: RowContent, b: RowContent): boolean {
  const valueKey = (v: RowValue) =>
    `${v.indicatorId}:${v.category}:${v.numerator ?? ''}:${v.denominator ?? ''}`;
  const values = (c: RowContent) => c.values.map(valueKey).sort().join('|');
  const narrative = (c: RowContent) =>
    Object.entries(c.narrative)
      .filter(([, text]) => text.trim() !== '')
      .map(([key, text]) => `${key}=${text.trim()}`)
      .sort()
      .join('\u0000');
  return values(a) === values(b) && narrative(a) === narrative(b);
}

/** Whether a content holds anything at all. */
export function isEmptyContent(c: RowContent): boolean {
  return c.values.length === 0 && Object.values(c.narrative).every((text) => text.trim() === '');
}
