/**
 * Target tables whose columns are years: a header row "Chỉ tiêu | Đơn vị tính | Năm 2025 | Năm
 * 2030", then one row per indicator. DOCX gives the cells one a line (empty cells vanish); a PDF
 * gives each row as one line of text ("1 Tỷ lệ doanh nghiệp … % 40 60").
 */
import type { TComparator, TMilestone, TTarget } from '../../contracts/plan-extract.ts';
import { foldChars } from '../../domain/fold-text.ts';

const YEAR_CELL = /^(?:(?:n[a-z]m|den\snam|giai\sdoan)\s)?((?:19|20)\d{2})$/;
const LABEL_CELL = /^(?:ten\s)?(?:chi tieu|noi dung(?: chi tieu)?|muc tieu|cac chi tieu)(?:\s[a-z ]{0,30})?$/;
const UNIT_HEAD = /^(?:don vi(?: tinh)?|dvt)$/;
const NUMBER_HEAD = /^(?:s?tt|so tt)$/;
const VALUE =
  /^(≥|>=|≤|<=|>|<|trên|dưới|tối thiểu|ít nhất|tối đa|không quá|từ)?\s*(\d{1,3}(?:[.,]\d{1,3})*)\s?(%)?(\s*trở lên)?$/iu;
const YEAR_IN_LINE = /(?:^|\s)(?:(?:n[a-z]m|den\snam)\s)?((?:19|20)\d{2})(?=\s|$)/g;

interface Header {
  years: number[];
  hasUnit: boolean;
  /** index of the last header line */
  end: number;
  oneLine: boolean;
}

export function readValue(cell: string): { op: TComparator; value: number; percent: boolean } | null {
  const m = VALUE.exec(cell.trim());
  if (!m) return null;
  const raw = m[2]!;
  // "1.500" is a thousand grouping, "35,5" or "35.5" a decimal
  const value = /^\d{1,3}(?:\.\d{3})+$/.test(raw)
    ? Number(raw.replace(/\./g, ''))
    : Number(raw.replace(',', '.'));
  if (!Number.isFinite(value)) return null;
  const word = foldChars(m[1] ?? '');
  let op: TComparator = '=';
  if (m[4] || word === '≥' || word === '>=' || word === 'toi thieu' || word === 'it nhat') op = '>=';
  else if (word === '≤' || word === '<=' || word === 'toi da' || word === 'khong qua') op = '<=';
  else if (word === '>' || word === 'tren') op = '>';
  else if (word === '<' || word === 'duoi') op = '<';
  return { op, value, percent: m[3] !== undefined };
}

function readHeader(lines: readonly string[], at: number, to: number): Header | null {
  const first = lines[at]!.trim();
  const folded = foldChars(first);
  // one line: "TT Chỉ tiêu Đơn vị tính Năm 2025 Năm 2030"
  if (/\b(?:chi tieu|noi dung|muc tieu)\b/.test(folded) && first.length <= 160) {
    const years = [...folded.matchAll(YEAR_IN_LINE)].map((m) => Number(m[1]));
    const label = folded.search(/\b(?:chi tieu|noi dung|muc tieu)\b/);
    const firstYear = folded.search(YEAR_IN_LINE);
    if (years.length >= 2 && label < firstYear) {
      const between = folded.slice(label, firstYear);
      return { years, hasUnit: /don vi|dvt/.test(between), end: at, oneLine: true };
    }
  }
  // cells one a line: [TT] Chỉ tiêu [Đơn vị tính] Năm 2025 Năm 2030
  if (!LABEL_CELL.test(folded)) return null;
  const years: number[] = [];
  let hasUnit = false;
  let end = at;
  for (let i = at + 1; i < to && i < at + 16; i++) {
    const cell = foldChars(lines[i]!.trim());
    if (cell.length === 0) continue;
    const y = YEAR_CELL.exec(cell);
    if (y) {
      years.push(Number(y[1]));
      end = i;
      continue;
    }
    if (years.length === 0 && (UNIT_HEAD.test(cell) || NUMBER_HEAD.test(cell))) {
      hasUnit ||= UNIT_HEAD.test(cell);
      continue;
    }
    break;
  }
  return years.length >= 2 ? { years, hasUnit, end, oneLine: false } : null;
}

function milestones(
  years: readonly number[],
  values: readonly { op: TComparator; value: number; percent: boolean }[],
  unit: string | null,
): TMilestone[] {
  return values.slice(0, years.length).map((v, k) => ({
    year: years[k]!,
    op: v.op,
    value: v.value,
    unit: v.percent ? '%' : unit,
  }));
}

function cleanIndicator(text: string): string {
  return text
    .replace(/^\s*\d{1,2}[.)]?\s+/, '')
    .replace(/[\s:;,.]+$/, '')
    .trim();
}

export interface TableTargets {
  targets: TTarget[];
  /** lines the tables took (their cells must not be read again as paragraphs) */
  used: Set<number>;
}

// a row ends the table: a numbered section heading or a long paragraph
function endsTable(line: string): boolean {
  return /^(?:[IVX]+\.|[a-zđ]\)|[-–+•])\s/.test(line) || line.length > 260;
}

/** Targets of the year-column tables in lines [from, to). */
export function readTargetTables(lines: readonly string[], from: number, to: number): TableTargets {
  const targets: TTarget[] = [];
  const used = new Set<number>();
  for (let i = from; i < to; i++) {
    const line = lines[i]!.trim();
    if (line.length === 0 || line.length > 160) continue;
    const header = readHeader(lines, i, to);
    if (!header) continue;
    for (let k = i; k <= header.end; k++) used.add(k);
    const k = header.years.length;
    let j = header.end + 1;
    if (header.oneLine) {
      let pending = '';
      for (; j < to; j++) {
        const row = lines[j]!.trim();
        if (row.length === 0) continue;
        if (endsTable(row) || /^\d{1,2}\.\s+\p{Lu}/u.test(row)) break;
        const tokens = row.split(/\s+/);
        const values: { op: TComparator; value: number; percent: boolean }[] = [];
        let end = tokens.length;
        while (end > 0 && values.length < k) {
          // "≥ 35" and "35 trở lên" are one cell
          let cell = tokens[end - 1]!;
          let take = 1;
          if (/^(?:lên)$/i.test(cell) && end >= 3) {
            cell = `${tokens[end - 3]} ${tokens[end - 2]} ${cell}`;
            take = 3;
          } else if (
            end >= 3 &&
            /^(?:tối thiểu|ít nhất|tối đa|không quá)$/iu.test(`${tokens[end - 3]} ${tokens[end - 2]}`)
          ) {
            cell = `${tokens[end - 3]} ${tokens[end - 2]} ${cell}`;
            take = 3;
          } else if (end >= 2 && /^(?:≥|>=|≤|<=|>|<|trên|dưới)$/iu.test(tokens[end - 2]!)) {
            cell = `${tokens[end - 2]} ${cell}`;
            take = 2;
          }
          const v = readValue(cell);
          if (!v) break;
          values.unshift(v);
          end -= take;
        }
        if (values.length === 0) {
          // an indicator wrapped over two lines
          if (pending.length < 300) pending = `${pending} ${row}`.trim();
          used.add(j);
          continue;
        }
        let unit: string | null = null;
        if (header.hasUnit && end > 1) {
          unit = tokens[end - 1]!;
          end--;
        }
        const text = cleanIndicator(`${pending} ${tokens.slice(0, end).join(' ')}`);
        pending = '';
        used.add(j);
        if (/\p{L}{2}/u.test(text))
          targets.push({ text, milestones: milestones(header.years, values, unit) });
      }
    } else {
      // cells one a line: a text cell opens a row; unit and value cells follow
      let row: { text: string; unit: string | null; values: ReturnType<typeof readValue>[] } | null = null;
      const flush = (): void => {
        if (row && row.values.length > 0) {
          const text = cleanIndicator(row.text);
          if (/\p{L}{2}/u.test(text))
            targets.push({
              text,
              milestones: milestones(
                header.years,
                row.values.filter((v) => v !== null),
                row.unit,
              ),
            });
        }
        row = null;
      };
      let lastCell = j - 1;
      let rowLine = j;
      for (; j < to; j++) {
        const cell = lines[j]!.trim();
        if (cell.length === 0) continue;
        if (endsTable(cell)) break;
        const value = readValue(cell);
        const current = row as typeof row;
        if (
          value &&
          current &&
          (current.values.length > 0 || !/^\d{1,2}$/.test(cell) || current.unit !== null)
        ) {
          if (current.values.length < k) current.values.push(value);
          lastCell = j;
          continue;
        }
        if (value && /^\d{1,2}$/.test(cell) && (!current || current.values.length > 0)) {
          // a row number (TT) before the next indicator
          lastCell = j;
          continue;
        }
        const short = cell.length <= 20 && !/\d/.test(cell) && cell.split(/\s+/).length <= 3;
        if (current && header.hasUnit && current.unit === null && current.values.length === 0 && short) {
          current.unit = cell;
          lastCell = j;
          continue;
        }
        if (current && current.values.length === 0 && !short) {
          // a text cell after a text cell without values: the table has ended before that one
          lastCell = rowLine - 1;
          row = null;
          break;
        }
        flush();
        if (!/\p{L}{2}/u.test(cell) || cell.length > 260) break;
        row = { text: cell, unit: null, values: [] };
        rowLine = j;
        lastCell = j;
      }
      const open = row as typeof row;
      if (open && open.values.length === 0) lastCell = Math.min(lastCell, rowLine - 1);
      flush();
      for (let u = header.end + 1; u <= lastCell; u++) used.add(u);
      j = lastCell + 1;
    }
    i = j - 1;
  }
  return { targets, used };
}
