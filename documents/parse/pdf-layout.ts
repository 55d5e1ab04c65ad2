/**
 * A PDF page's text items → lines as the page lays them out: items regrouped into rows by y, then
 * ordered by x. Where rows are split by a wide gap at the same place (the issuer left of the motto,
 * "Nơi nhận" left of the signer), the run of rows is read as two columns: the left column's lines as
 * one block, then the right column's. Also tells a broken text layer (a font without a Unicode
 * map: "BØCÔNG AN", "cÙng Óng") from Vietnamese text, so that page can be OCR'd instead.
 */
import { normalizeText } from './normalize-text.ts';

export interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Row {
  y: number;
  height: number;
  items: Item[];
}

interface Gap {
  lo: number;
  hi: number;
  /** index of the first item right of the gap */
  at: number;
}

/** a gap this many times the text height splits a row into columns (a word space is ~0.3) */
const WIDE_GAP = 1.8;
/** a header or a closing shares at most this many rows between its two columns; more is a table */
const MAX_SPLIT_ROWS = 5;
/** more than this many text heights of blank page ends a two-column run (a signature leaves ~6) */
const MAX_COLUMN_SKIP = 12;

function rowText(items: readonly Item[]): string {
  let text = '';
  let end: number | null = null;
  for (const item of items) {
    const gap = end === null ? 0 : item.x - end;
    if (
      end !== null &&
      gap > Math.max(1, item.height * 0.15) &&
      !text.endsWith(' ') &&
      !item.str.startsWith(' ')
    )
      text += gap > item.height * 4 ? '    ' : ' ';
    text += item.str;
    end = item.x + item.width;
  }
  return text;
}

function wideGaps(row: Row): Gap[] {
  const gaps: Gap[] = [];
  let end = Number.NEGATIVE_INFINITY;
  row.items.forEach((item, k) => {
    if (k > 0 && item.x - end >= WIDE_GAP * row.height) gaps.push({ lo: end, hi: item.x, at: k });
    end = Math.max(end, item.x + item.width);
  });
  return gaps;
}

/** The gap that starts two columns: the widest, clearly wider than any other (else a table row). */
function columnGap(row: Row): Gap | null {
  const gaps = wideGaps(row).sort((a, b) => b.hi - b.lo - (a.hi - a.lo));
  const [first, second] = gaps;
  if (!first) return null;
  if (second && second.hi - second.lo > (first.hi - first.lo) / 1.5) return null;
  return first;
}

function groupRows(items: readonly Item[]): Row[] {
  const sorted = items.filter((i) => i.str.trim().length > 0).sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: Row[] = [];
  for (const item of sorted) {
    const row = rows.at(-1);
    const tolerance = Math.max(2, (row?.height ?? item.height) * 0.45);
    if (row && Math.abs(row.y - item.y) <= tolerance) {
      row.items.push(item);
      row.height = Math.max(row.height, item.height || 0);
    } else rows.push({ y: item.y, height: item.height || 10, items: [item] });
  }
  for (const row of rows) row.items.sort((a, b) => a.x - b.x);
  return rows;
}

/**
 * From row `start` (split by a wide gap), the rows that keep to two columns: each split by a gap
 * over the same band, or lying wholly on one side of it. Returns the columns and the next row.
 */
function readColumns(rows: Row[], start: number): { left: string[]; right: string[]; next: number } | null {
  const gap = columnGap(rows[start]!);
  if (!gap) return null;
  let lo = gap.lo;
  let hi = gap.hi;
  const left: string[] = [];
  const right: string[] = [];
  let splitRows = 0;
  let rightCentre = 0;
  let k = start;
  for (; k < rows.length; k++) {
    const row = rows[k]!;
    const skip = k > start ? (rows[k - 1]!.y - row.y) / Math.max(row.height, rows[k - 1]!.height) : 0;
    if (skip > MAX_COLUMN_SKIP) break;
    const split = k === start ? gap : wideGaps(row).find((g) => g.lo < hi && g.hi > lo);
    const x0 = row.items[0]!.x;
    const x1 = Math.max(...row.items.map((i) => i.x + i.width));
    if (split) {
      const nlo = Math.max(lo, split.lo);
      const nhi = Math.min(hi, split.hi);
      if (nhi <= nlo) break;
      lo = nlo;
      hi = nhi;
      if (k === start) rightCentre = (row.items[split.at]!.x + x1) / 2;
      splitRows++;
      left.push(rowText(row.items.slice(0, split.at)));
      right.push(rowText(row.items.slice(split.at)));
    } else if (x1 <= hi && x1 < lo + (hi - lo) * 0.75 && skip < 1.9) {
      // a left line below a blank (a new paragraph, "Kính gửi:") is not the column's
      left.push(rowText(row.items));
      lo = Math.max(lo, x1);
    } else if (
      x0 >= lo &&
      x0 > lo + (hi - lo) * 0.25 &&
      Math.abs((x0 + x1) / 2 - rightCentre) <= 2.5 * row.height
    ) {
      // the right column's lines are centred under its first line (a title centred on the page is not)
      right.push(rowText(row.items));
      hi = Math.min(hi, x0);
    } else break;
  }
  // many rows split alike, each with both sides: a table of two columns, read row by row (unless
  // the right side is a numbered list going on from the left: a list in two columns)
  const numbered = right.filter((l) => /^\S?\d{1,3} ?[.)]/.test(l)).length >= 0.7 * right.length;
  if (splitRows > MAX_SPLIT_ROWS && splitRows >= 0.7 * (k - start) && !numbered) return null;
  return { left, right, next: k };
}

/** Rebuilds lines from positioned text items (y grows upwards, as in PDF space). */
export function itemsToLines(items: readonly Item[]): string {
  const rows = groupRows(items);
  const lines: string[] = [];
  let prev: Row | null = null;
  let k = 0;
  while (k < rows.length) {
    const row = rows[k]!;
    if (prev && prev.y - row.y > Math.max(prev.height, row.height) * 1.9 && lines.at(-1) !== '')
      lines.push('');
    const columns = readColumns(rows, k);
    if (columns && columns.left.length > 0 && columns.right.length > 0) {
      if (lines.length > 0 && lines.at(-1) !== '') lines.push('');
      lines.push(...columns.left, '', ...columns.right, '');
      prev = rows[columns.next - 1]!;
      k = columns.next;
      continue;
    }
    lines.push(rowText(row.items));
    prev = row;
    k++;
  }
  while (lines.at(-1) === '') lines.pop();
  return lines.join('\n');
}

const VIETNAMESE_LETTERS = new Set(
  'abcdefghijklmnopqrstuvwxyzàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ',
);

/**
 * True when a page's text layer is not Vietnamese text, even after the legacy-encoding repair
 * (TCVN3, VNI): letters outside the Vietnamese alphabet, Latin-1 signs inside words, capitals
 * inside lower-case words ("cÙng", "tĂi"), all above 3% of the letters.
 */
export function isGarbledText(text: string): boolean {
  const normal = normalizeText(text);
  let letters = 0;
  let bad = 0;
  for (const ch of normal) {
    if (!/\p{L}/u.test(ch)) continue;
    letters++;
    if (!VIETNAMESE_LETTERS.has(ch.toLowerCase())) bad++;
  }
  if (letters < 40) return false;
  bad += normal.match(/\p{L}[\u00a1-\u00bf]|[\u00a1-\u00bf]\p{L}/gu)?.length ?? 0;
  bad += normal.match(/\p{Ll}\p{Lu}/gu)?.length ?? 0;
  return bad > letters * 0.03;
}
