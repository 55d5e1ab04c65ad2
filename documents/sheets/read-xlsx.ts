import { strFromU8, unzipSync } from 'fflate';
import type { SheetCell } from '../../domain/reporting/report-sheet.ts';

// An XLSX read straight from its XML parts (workbook, relationships, shared strings, styles, the
// sheets) into plain cells, without a spreadsheet library: the worker that reads an upload starts
// without loading ExcelJS (seconds on a busy machine) and reads a 5,000-row template in a fraction
// of ExcelJS's time. It reads what a filled template holds — numbers, text (shared, inline, rich),
// booleans, errors, formulas with their cached result, dates and percentages told by their number
// format — as `read-workbook.ts` did through ExcelJS (its test compares the two on the same files).

/** One sheet: `rows[r - 1][c - 1]` is the cell in row r, column c (1-based, as Excel). */
export interface XlsxSheet {
  name: string;
  rows: SheetCell[][];
}

/** What one read may hold: rows, columns read per row, characters of a cell. */
export interface XlsxLimits {
  maxRows: number;
  maxColumns: number;
  maxCellChars: number;
}

/** The part a workbook must have is missing or broken. */
export class XlsxUnreadable extends Error {}
/** A row past `maxRows` or a cell past `maxCellChars`. */
export class XlsxTooLarge extends Error {
  constructor(readonly what: 'rows' | 'cell') {
    super(`workbook too large: ${what}`);
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML text as written: entities and character references, and Excel's `_xHHHH_` escapes. */
function decode(text: string): string {
  const plain = text.includes('&')
    ? text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, name: string) => {
        if (name.startsWith('#x')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
        if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
        return ENTITIES[name] ?? whole;
      })
    : text;
  return plain.includes('_x')
    ? plain.replace(/_x([0-9a-fA-F]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    : plain;
}

/** The attributes of one start tag (its text from `<name` to `>`). */
function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of tag.matchAll(/([\w:]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
    found.set(m[1]!, decode(m[2] ?? m[3] ?? ''));
  return found;
}

/** The text of every `<t>` of a string item, leaving out phonetic runs (`<rPh>`). */
function textOf(item: string): string {
  const withoutPhonetic = item.includes('<rPh') ? item.replace(/<rPh[\s\S]*?<\/rPh>/g, '') : item;
  let text = '';
  for (const m of withoutPhonetic.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g))
    text += decode(m[1] ?? '');
  return text;
}

const BUILT_IN_FORMATS: Record<number, string> = {
  9: '0%',
  10: '0.00%',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy h:mm',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
};

/** A number format without its literal text, escapes and bracketed parts (colours, locales). */
const bare = (format: string) =>
  format
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '');

/** Whether a number format shows a percentage. */
export const isPercentFormatCode = (format: string | undefined): boolean =>
  !!format && bare(format).includes('%');

/** Whether a number format shows a date or a time (as ExcelJS tells them). */
const isDateFormatCode = (format: string | undefined): boolean =>
  !!format && format !== 'General' && /[dmyhs]/i.test(bare(format).replace(/General/gi, ''));

const pad = (n: number) => String(n).padStart(2, '0');

/** Excel's serial day as "dd/mm/yyyy" (1900 system, or 1904 when the workbook says so). */
function serialDate(serial: number, date1904: boolean): { date: string } | null {
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  const day = new Date(epoch + Math.round(serial * 86_400_000));
  if (Number.isNaN(day.getTime())) return null;
  return { date: `${pad(day.getUTCDate())}/${pad(day.getUTCMonth() + 1)}/${day.getUTCFullYear()}` };
}

/** "AB12" → column 28 (1-based). */
function columnOf(reference: string): number {
  let column = 0;
  for (const ch of reference) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) break;
    column = column * 26 + (code - 64);
  }
  return column;
}

/** The parts of the package, by path without the leading slash. */
function partsOf(data: Uint8Array): Map<string, string> {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(data, {
      filter: (file) => file.name.startsWith('xl/') || file.name.startsWith('/xl/'),
    });
  } catch (error) {
    throw new XlsxUnreadable(error instanceof Error ? error.message : String(error));
  }
  return new Map(Object.entries(files).map(([name, bytes]) => [name.replace(/^\//, ''), strFromU8(bytes)]));
}

/** Reads every sheet of the workbook, in the workbook's order. */
export function readXlsx(data: Uint8Array, limits: XlsxLimits): XlsxSheet[] {
  const parts = partsOf(data);
  const workbook = parts.get('xl/workbook.xml');
  if (!workbook) throw new XlsxUnreadable('no xl/workbook.xml');
  const date1904 = /<workbookPr[^>]*\bdate1904\s*=\s*["'](1|true)["']/.test(workbook);
  const targets = new Map<string, string>();
  for (const m of (parts.get('xl/_rels/workbook.xml.rels') ?? '').matchAll(/<Relationship\b[^>]*>/g)) {
    const a = attributes(m[0]);
    const target = a.get('Target') ?? '';
    targets.set(a.get('Id') ?? '', target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const shared = [...(parts.get('xl/sharedStrings.xml') ?? '').matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)].map(
    (m) => textOf(m[1] ?? ''),
  );
  const formats = stylesOf(parts.get('xl/styles.xml') ?? '');
  const sheets: XlsxSheet[] = [];
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const a = attributes(m[0]);
    const path = targets.get(a.get('r:id') ?? '');
    const xml = path ? parts.get(path.replace(/\/\.\//g, '/')) : undefined;
    if (xml === undefined) continue;
    sheets.push({ name: a.get('name') ?? '', rows: rowsOf(xml, shared, formats, date1904, limits) });
  }
  return sheets;
}

/** The number format of each cell style (`s` index), from `cellXfs` and the custom `numFmts`. */
function stylesOf(xml: string): (string | undefined)[] {
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<numFmt\b[^>]*>/g)) {
    const a = attributes(m[0]);
    custom.set(Number(a.get('numFmtId')), a.get('formatCode') ?? '');
  }
  const cellXfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? '';
  return [...cellXfs.matchAll(/<xf\b[^>]*>/g)].map((m) => {
    const id = Number(attributes(m[0]).get('numFmtId') ?? 0);
    return custom.get(id) ?? BUILT_IN_FORMATS[id];
  });
}

function rowsOf(
  xml: string,
  shared: readonly string[],
  formats: readonly (string | undefined)[],
  date1904: boolean,
  limits: XlsxLimits,
): SheetCell[][] {
  const rows: SheetCell[][] = [];
  const sharedFormulas = new Map<string, string>();
  const data = /<sheetData\b[^>]*>([\s\S]*?)<\/sheetData>/.exec(xml)?.[1] ?? '';
  let lastRow = 0;
  for (const row of data.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const r = Number(/\br="(\d+)"/.exec(row[1]!)?.[1] ?? lastRow + 1);
    lastRow = r;
    if (!row[2]) continue;
    if (r > limits.maxRows) throw new XlsxTooLarge('rows');
    const cells: SheetCell[] = [];
    let lastColumn = 0;
    for (const c of row[2].matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const a = attributes(c[1]!);
      const reference = a.get('r');
      const column = reference ? columnOf(reference) : lastColumn + 1;
      lastColumn = column;
      if (column > limits.maxColumns || !c[2]) continue;
      const cell = cellOf(c[2], a, reference ?? '', shared, formats, date1904, sharedFormulas);
      if (cell === null) continue;
      if (typeof cell === 'string' && cell.length > limits.maxCellChars) throw new XlsxTooLarge('cell');
      cells[column - 1] = cell;
    }
    if (cells.length === 0) continue;
    for (let k = 0; k < cells.length; k++) cells[k] ??= null;
    rows[r - 1] = cells;
  }
  for (let k = 0; k < rows.length; k++) rows[k] ??= [];
  return rows;
}

/** One cell's content (what is inside `<c>`) as a plain cell. */
function cellOf(
  inner: string,
  a: Map<string, string>,
  reference: string,
  shared: readonly string[],
  formats: readonly (string | undefined)[],
  date1904: boolean,
  sharedFormulas: Map<string, string>,
): SheetCell {
  const type = a.get('t') ?? 'n';
  const format = formats[Number(a.get('s') ?? 0)];
  const raw = /<v(?:\s[^>]*)?>([\s\S]*?)<\/v>/.exec(inner)?.[1];
  const value = raw === undefined ? undefined : decode(raw);
  const formulaTag = /<f\b([^>]*?)(?:\/>|>([\s\S]*?)<\/f>)/.exec(inner);

  /** The cached value, typed as the cell says. */
  const typed = (): number | string | boolean | { error: string } | null => {
    if (type === 'inlineStr') return textOf(/<is>([\s\S]*?)<\/is>/.exec(inner)?.[1] ?? '');
    if (value === undefined) return null;
    if (type === 's') return shared[Number(value)] ?? '';
    if (type === 'str') return value;
    if (type === 'b') return value === '1' || value === 'true';
    if (type === 'e') return { error: value };
    if (type === 'd') return value;
    const n = Number(value);
    return Number.isFinite(n) ? n : value;
  };
  const result = typed();

  if (formulaTag) {
    const fa = attributes(formulaTag[1]!);
    let formula = decode(formulaTag[2] ?? '');
    const si = fa.get('si');
    if (fa.get('t') === 'shared' && si !== undefined) {
      if (formula) sharedFormulas.set(si, reference);
      // a dependent of a shared formula is named by the cell that holds it, as ExcelJS does
      else formula = sharedFormulas.get(si) ?? '';
    }
    if (typeof result === 'number') {
      if (isDateFormatCode(format) && !isPercentFormatCode(format)) return serialDate(result, date1904);
      if (isPercentFormatCode(format)) return { percent: result };
    }
    if (result !== null && typeof result === 'object') return result;
    return { formula, result };
  }
  if (result === null) return null;
  if (typeof result === 'number') {
    if (isPercentFormatCode(format)) return { percent: result };
    if (isDateFormatCode(format)) return serialDate(result, date1904);
  }
  if (type === 'd' && typeof result === 'string') {
    const day = new Date(result);
    return Number.isNaN(day.getTime())
      ? null
      : { date: `${pad(day.getUTCDate())}/${pad(day.getUTCMonth() + 1)}/${day.getUTCFullYear()}` };
  }
  return result;
}
