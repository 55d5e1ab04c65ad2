/**
 * Task tables (the appendix "Danh mục nhiệm vụ" of a plan or programme, QĐ 933 and Decree 30
 * appendices alike): rows `| TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian |`
 * written one row a line (Markdown pipe tables, and the tables rebuilt by rebuild-tables.ts or
 * read from DOCX). Columns are known by their header words, not their place; each numbered row
 * is a task, its lead and deadline taken from their columns. Group rows (I, II, a, b) are not tasks.
 */
import type { TTask } from '../../contracts/plan-extract.ts';
import { foldChars } from '../../domain/fold-text.ts';
import { readTimeCell } from './vietnamese-dates.ts';

export interface TableRow {
  line: number;
  cells: string[];
}

/** Cells of a table row line ("| a | b |" or "a | b | c"), or null when the line is not one. */
export function rowCells(line: string): string[] | null {
  const t = line.trim();
  if (!t.includes('|')) return null;
  const inner = t.replace(/^\|/, '').replace(/\|$/, '');
  const cells = inner.split('|').map((c) => c.trim());
  if (cells.length < 2) return null;
  if (!t.startsWith('|') && cells.length < 3) return null;
  return cells;
}

const SEPARATOR_ROW = /^[\s|:-]+$/;

/** Consecutive row lines, as tables (separator rows dropped). */
export function findTables(lines: readonly string[], from = 0, to = lines.length): TableRow[][] {
  const tables: TableRow[][] = [];
  let current: TableRow[] = [];
  for (let i = from; i < to; i++) {
    const line = lines[i]!;
    const cells = line.trim().length > 0 ? rowCells(line) : null;
    if (cells) {
      if (!SEPARATOR_ROW.test(line)) current.push({ line: i, cells });
      continue;
    }
    if (line.trim().length === 0 && current.length > 0) continue;
    if (current.length > 0) tables.push(current);
    current = [];
  }
  if (current.length > 0) tables.push(current);
  return tables;
}

const ORDINAL = /^(?:\d{1,3})(?:[.)])?$/;
const GROUP = /^(?:[IVXLC]+|[A-Z]|[a-zđ])[.)]?$/;

interface Columns {
  ordinal: number;
  text: number;
  lead: number;
  time: number[];
}

/**
 * The folded label of each column of a table's header rows: a header cell left empty beside a
 * filled one spans it (merged cells) and takes its label; a second header row names sub-columns,
 * one whose cells do not line up with the first is ignored.
 */
export function columnLabels(header: readonly string[][]): string[] {
  const width = Math.max(...header.map((r) => r.length));
  const top = header[0] ?? [];
  const spanned: string[] = [];
  for (let c = 0; c < width; c++) spanned.push((top[c] ?? '').trim() || (c > 0 ? spanned[c - 1]! : ''));
  const subHeaders = header.slice(1).filter((r) => r.length === top.length);
  return spanned.map((s, c) => foldChars([s, ...subHeaders.map((r) => r[c] ?? '')].join(' ')));
}

function columnsOf(header: readonly string[][]): Columns | null {
  const labels = columnLabels(header);
  const width = labels.length;
  const label = (c: number): string => labels[c]!;
  let ordinal = -1;
  let text = -1;
  let lead = -1;
  const time: number[] = [];
  for (let c = 0; c < width; c++) {
    const l = label(c);
    if (ordinal < 0 && /^\s*(?:stt|tt|so tt|so thu tu)\b/.test(l)) ordinal = c;
    else if (
      text < 0 &&
      /nhiem vu|noi dung|ten (?:van ban|de an|nhiem vu|du an|chuong trinh|hoat dong)|giai phap|hoat dong|cong viec|de an|danh muc/.test(
        l,
      )
    )
      text = c;
    else if (
      lead < 0 &&
      /chu tri|don vi thuc hien|co quan thuc hien|chiu trach nhiem|don vi soan thao/.test(l)
    )
      lead = c;
    if (/thoi gian|thoi han|tien do|han hoan thanh|moc thoi gian/.test(l)) time.push(c);
  }
  if (text < 0 || (lead < 0 && time.length === 0)) return null;
  return { ordinal: ordinal < 0 ? 0 : ordinal, text, lead, time };
}

/** Tasks of every task table in `lines[from, to)`; `year` is the document's, for "Tháng 12". */
export function readTaskTables(
  lines: readonly string[],
  from: number,
  to: number,
  year: number | null,
): { tasks: TTask[]; used: Set<number> } {
  const tasks: TTask[] = [];
  const used = new Set<number>();
  for (const table of findTables(lines, from, to)) {
    // the header: rows before the first numbered row (a second header row names sub-columns)
    const firstData = table.findIndex(
      (r) =>
        ORDINAL.test(r.cells[0]!.replace(/\*/g, '')) || ORDINAL.test(r.cells[1]?.replace(/\*/g, '') ?? ''),
    );
    if (firstData <= 0) continue;
    const header = table.slice(0, firstData).map((r) => r.cells);
    const cols = columnsOf(header);
    if (!cols) continue;
    const headerText = foldChars(header.flat().join(' '));
    // a target table (indicators by year) is read elsewhere
    if (/chi tieu/.test(headerText) && !/nhiem vu|noi dung|de an|van ban/.test(headerText)) continue;
    for (const r of table.slice(0, firstData)) used.add(r.line);
    for (const row of table.slice(firstData)) {
      used.add(row.line);
      const ord = (row.cells[cols.ordinal] ?? '').replace(/\*/g, '').trim();
      if (!ORDINAL.test(ord) || GROUP.test(ord)) continue;
      const text = (row.cells[cols.text] ?? '').replace(/\*/g, '').trim();
      if (text.length < 3) continue;
      let deadline: string | null = null;
      for (const c of cols.time) {
        const d = readTimeCell(foldChars(row.cells[c] ?? ''), year);
        if (d) deadline = d;
      }
      const lead = cols.lead >= 0 ? (row.cells[cols.lead] ?? '').trim() || null : null;
      tasks.push({ text, deadline, lead });
    }
  }
  return { tasks, used };
}
