/**
 * Tables written one cell a block between lines holding only "|" (the form in which the large
 * public legal-text sites and HTML-to-text converters give Word tables) are rebuilt:
 *
 * - a **layout table** (the two-column header with the national motto, "Số:" and the date line;
 *   the closing table with "Nơi nhận" and the signature) becomes its left column's lines, then its
 *   right column's lines, each cell's own lines kept — the way Decree 30/2020 lays the page out;
 * - a **data table** (targets by year, tasks with lead unit and deadline) becomes one line a row,
 *   `| cell | cell | … |`, each cell's wrapped lines joined, as a Markdown pipe table already is.
 *
 * Grammar of the "|" form: a row opens with "|", its cells are separated by "|", it closes with
 * "|"; a run of k bars between two cells is the end of a row (k − 2 empty cells closing it) or
 * k − 1 empty cells inside it. The first row of a file may lack its opening bar.
 */
import { foldChars } from '../../domain/fold-text.ts';

const BAR = /^\s*\|\s*$/;

interface Table {
  start: number;
  end: number;
  rows: string[][][];
}

const LAYOUT_CELL =
  /c[o0]ng\s*h[o0]a\s*x[a-z]\s*h[o0]i|dang\s*cong\s*san\s*viet\s*nam|doc lap\s*-\s*tu do|^\s*s[oô]\s?:|ngay\s*\S{0,4}\s*(?:thang|$)|noi nhan|^(?:tm|kt|tl|tuq|q|t\/m|k\/t)\.?\s|kinh gui/;

// the cells of the header's two columns: the motto, the Party's name, "Số:", the date line
const HEADER_CELL =
  /c[o0]ng\s*h[o0]a\s*x[a-z]\s*h[o0]i|dang\s*cong\s*san|doc lap\s*-|^\s*s[oô]\s?:|ngay\s*\S{0,4}\s*(?:thang|$)/;

const ORDINAL_CELL = /^(?:[IVXLC]+|\d{1,3}|[a-zđ])(?:\.\d{1,3}){0,3}[.)]?$/;

function cellText(lines: readonly string[]): string {
  return lines
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Reads one "|"-delimited table from `from` (just after its opening bar, or at the file's start). */
function readTable(lines: readonly string[], from: number): Table {
  const rows: string[][][] = [];
  let row: string[][] = [];
  let cell: string[] = [];
  let columns = 0;
  let i = from;
  while (i < lines.length) {
    if (!BAR.test(lines[i]!)) {
      cell.push(lines[i]!);
      i++;
      continue;
    }
    let k = 0;
    while (i + k < lines.length && BAR.test(lines[i + k]!)) k++;
    row.push(cell);
    cell = [];
    const next = lines[i + k];
    const atEnd = next === undefined;
    if (k === 1) {
      // one bar: between two cells, or the closing bar of the table's last row
      const filled = row.length;
      const layoutRow = row.some((c) => LAYOUT_CELL.test(foldChars(cellText(c))));
      const nextIsRowStart =
        next !== undefined &&
        ORDINAL_CELL.test(next.replace(/\*/g, '').trim()) &&
        lines[i + 2] !== undefined &&
        BAR.test(lines[i + 2]!);
      if (columns > 0 && filled >= columns && nextIsRowStart) {
        // a row closed without the next one's opening bar
        rows.push(row);
        row = [];
        i += 1;
        continue;
      }
      // the first row's cells are short; a long block after its bar is the text after the table
      let blockEnd = i + 1;
      while (blockEnd < lines.length && !BAR.test(lines[blockEnd]!)) blockEnd++;
      const nextBlock = lines.slice(i + 1, blockEnd);
      const textFollows =
        columns === 0 && filled >= 2 && (nextBlock.length > 8 || nextBlock.join(' ').length > 600);
      if ((columns > 0 && filled >= columns) || (columns === 0 && filled >= 2 && layoutRow) || textFollows) {
        rows.push(row);
        row = [];
        i += 1;
        return { start: from, end: i, rows };
      }
      i += 1;
      if (atEnd) break;
      continue;
    }
    // k ≥ 2 bars: the end of a row (then k − 2 empty cells) or k − 1 empty cells inside it
    const asRowEnd = row.length + (k - 2);
    const nextLooksLikeRowStart =
      next !== undefined &&
      ORDINAL_CELL.test(next.replace(/\*/g, '').trim()) &&
      (k === 2 || (lines[i + k + 1] !== undefined && BAR.test(lines[i + k + 1]!)));
    const endsRow =
      columns === 0 || asRowEnd >= columns || nextLooksLikeRowStart || row.length + (k - 1) > columns;
    if (endsRow) {
      for (let e = 0; e < k - 2; e++) row.push([]);
      if (columns === 0) columns = row.length;
      rows.push(row);
      row = [];
    } else {
      for (let e = 0; e < k - 1; e++) row.push([]);
    }
    i += k;
  }
  if (cell.length > 0) row.push(cell);
  if (row.length > 0) rows.push(row);
  return { start: from, end: i, rows };
}

function isLayoutTable(table: Table): boolean {
  const columns = Math.max(...table.rows.map((r) => r.length));
  if (columns > 3) return false;
  // a small two-column box (an addressee list beside an empty cell, a note) is laid out, not data
  if (columns <= 2 && table.rows.length <= 2) return true;
  return table.rows.some((r) => r.some((c) => LAYOUT_CELL.test(foldChars(cellText(c)))));
}

function render(table: Table): string[] {
  if (isLayoutTable(table)) {
    // the rows that hold the header's two columns (motto, "Số:", date line) read column by
    // column; rows after them ("Kính gửi" beside its list) read row by row
    let last = -1;
    table.rows.forEach((r, i) => {
      if (r.some((c) => HEADER_CELL.test(foldChars(cellText(c))))) last = i;
    });
    const byColumn = table.rows.slice(0, last + 1);
    const byRow = table.rows.slice(last + 1);
    const out: string[] = [];
    const columns = Math.max(0, ...byColumn.map((r) => r.length));
    const push = (cell: readonly string[] | undefined): void => {
      if (!cell) return;
      for (const l of cell) if (l.trim().length > 0) out.push(l.trim());
      out.push('');
    };
    for (let c = 0; c < columns; c++) for (const row of byColumn) push(row[c]);
    for (const row of byRow) for (const cell of row) push(cell);
    return out;
  }
  const out = [''];
  for (const row of table.rows) {
    const cells = row.map(cellText);
    if (cells.every((c) => c.length === 0)) continue;
    out.push(`| ${cells.join(' | ')} |`);
  }
  out.push('');
  return out;
}

/** True when the lines hold tables in the "|"-line form. */
export function hasBarTables(lines: readonly string[]): boolean {
  let bars = 0;
  for (const l of lines) if (BAR.test(l) && ++bars >= 2) return true;
  return false;
}

/** Rebuilds every "|"-line table of the lines (see the module's comment); other lines pass through. */
export function rebuildBarTables(lines: readonly string[]): string[] {
  if (!hasBarTables(lines)) return [...lines];
  const out: string[] = [];
  const firstBar = lines.findIndex((l) => BAR.test(l));
  // a file that starts inside its header table: the first row has no opening bar
  const headStart = lines.slice(0, firstBar).filter((l) => l.trim().length > 0);
  let i = 0;
  if (firstBar > 0 && headStart.length <= 12 && headStart.every((l) => l.length <= 200)) {
    const table = readTable(lines, 0);
    out.push(...render(table));
    i = table.end;
  }
  while (i < lines.length) {
    const line = lines[i]!;
    if (!BAR.test(line)) {
      out.push(line);
      i++;
      continue;
    }
    // an opening bar; a run of bars with nothing between opens after the run
    let j = i;
    while (j + 1 < lines.length && BAR.test(lines[j + 1]!)) j++;
    const table = readTable(lines, j + 1);
    if (table.rows.length === 0) {
      i = j + 1;
      continue;
    }
    out.push(...render(table));
    i = Math.max(table.end, j + 1);
  }
  return out;
}

const PIPE_ROW = /^\s*\|.*\|\s*$/;
const PIPE_SEPARATOR = /^[\s|:-]+$/;

/**
 * A Markdown pipe table holding the header's two columns ("| THỦ TƯỚNG CHÍNH PHỦ | CỘNG HÒA … |",
 * "| Số: 773/QĐ-TTg | Hà Nội, ngày … |") in the first lines becomes its left column's cells, then
 * its right column's, as rebuilt layout tables are.
 */
export function rebuildPipeHeader(lines: readonly string[]): string[] {
  const limit = Math.min(lines.length, 30);
  let start = -1;
  for (let i = 0; i < limit; i++) {
    const cells = lines[i]!.split('|').map((c) => foldChars(c.trim()));
    if (PIPE_ROW.test(lines[i]!) && cells.some((c) => HEADER_CELL.test(c))) {
      start = i;
      break;
    }
  }
  if (start < 0) return [...lines];
  let end = start;
  while (end < lines.length && PIPE_ROW.test(lines[end]!)) end++;
  const rows = lines
    .slice(start, end)
    .filter((l) => !PIPE_SEPARATOR.test(l))
    .map((l) =>
      l
        .trim()
        .replace(/^\|/, '')
        .replace(/\|$/, '')
        .split('|')
        // "Số: 5115/LĐTBXH-KHTC V/v thí điểm …": the subject line under the number
        .map((c) => c.trim().split(/\s(?=V\/v[\s:.])/u)),
    );
  const table: Table = { start, end, rows };
  return [...lines.slice(0, start), ...render(table), ...lines.slice(end)];
}
