/**
 * Target tables written one row a line (`| TT | Chỉ tiêu | Đơn vị | Chỉ tiêu năm 2024 | Cơ quan
 * chủ trì |`, Markdown or rebuilt by rebuild-tables.ts): the indicator column, the unit column and
 * the value columns are known by their header words; a value column's year comes from its label
 * ("năm 2024", "đến năm 2025"), else from the group row above ("Giai đoạn 2025-2027"), else from the
 * document's year. An indicator ending in "tối thiểu"/"tối đa" sets the comparator.
 */
import type { TComparator, TMilestone, TTarget } from '../../contracts/plan-extract.ts';
import { foldChars } from '../../domain/fold-text.ts';
import { readValue } from './read-target-table.ts';
import { columnLabels, findTables, type TableRow } from './read-task-table.ts';

const ORDINAL = /^(?:\d{1,3})(?:\.\d{1,2})*[.)]?$/;
const GROUP = /^(?:[IVXLC]+|[A-Z])(?:\.\d{1,2})*[.)]?$/;
const YEAR_LABEL = /(?:nam|den nam|giai doan\s*(?:19|20)\d{2}\s*[-–]\s*)\s*((?:19|20)\d{2})/;

interface Columns {
  ordinal: number;
  indicator: number;
  unit: number;
  values: { column: number; year: number | null }[];
}

function columnsOf(header: readonly string[][]): Columns | null {
  const labels = columnLabels(header);
  const width = labels.length;
  const label = (c: number): string => labels[c]!;
  let ordinal = -1;
  let indicator = -1;
  let unit = -1;
  const values: { column: number; year: number | null }[] = [];
  for (let c = 0; c < width; c++) {
    const l = label(c).trim();
    if (ordinal < 0 && /^(?:stt|tt|so tt)\b/.test(l)) ordinal = c;
    else if (
      indicator < 0 &&
      /chi tieu|chi so|noi dung|bo chi so/.test(l) &&
      !/nam\s(?:19|20)\d{2}|phan dau/.test(l)
    )
      indicator = c;
    else if (unit < 0 && /^(?:don vi(?: tinh)?|dvt)$/.test(l)) unit = c;
    else if (
      /ket qua|muc tieu|chi tieu|ke hoach|gia tri|phan dau|nam\s(?:19|20)\d{2}/.test(l) &&
      !/chu tri|phoi hop|theo doi|dau moi|ghi chu/.test(l)
    ) {
      const y = YEAR_LABEL.exec(l);
      values.push({ column: c, year: y ? Number(y[1]) : null });
    }
  }
  if (indicator < 0 || values.length === 0) return null;
  return { ordinal: ordinal < 0 ? 0 : ordinal, indicator, unit, values };
}

function readCellValue(cell: string): { op: TComparator; value: number; unit: string | null } | null {
  const t = cell.replace(/\*/g, '').trim();
  const direct = readValue(t);
  if (direct) return { op: direct.op, value: direct.value, unit: direct.percent ? '%' : null };
  // "Tăng ít nhất 10 bậc", "Trên 600 công trình"
  const m =
    /^(?:tăng|giảm|nâng)?\s*(ít nhất|tối thiểu|trên|dưới|tối đa|không quá)?\s*(\d{1,3}(?:[.,]\d{1,3})*)\s*(%|[\p{L}][\p{L}\s]{0,25})?$/iu.exec(
      t,
    );
  if (!m) return null;
  const value = Number(m[2]!.replace(/\.(?=\d{3}\b)/g, '').replace(',', '.'));
  if (!Number.isFinite(value)) return null;
  const word = foldChars(m[1] ?? '');
  const op: TComparator =
    word === 'it nhat' || word === 'toi thieu'
      ? '>='
      : word === 'tren'
        ? '>'
        : word === 'duoi'
          ? '<'
          : word
            ? '<='
            : '=';
  return { op, value, unit: m[3] ? m[3].trim() : null };
}

/** Targets of the row-a-line target tables in lines [from, to); `year` is the document's. */
export function readPipeTargetTables(
  lines: readonly string[],
  from: number,
  to: number,
  year: number | null,
): TTarget[] {
  const out: TTarget[] = [];
  for (const table of findTables(lines, from, to)) {
    const firstData = table.findIndex(
      (r: TableRow) =>
        ORDINAL.test((r.cells[0] ?? '').replace(/\*/g, '').trim()) ||
        GROUP.test((r.cells[0] ?? '').replace(/\*/g, '').trim()),
    );
    if (firstData <= 0) continue;
    const cols = columnsOf(table.slice(0, firstData).map((r) => r.cells));
    if (!cols) continue;
    let groupYear: number | null = null;
    let parent: string | null = null;
    for (const row of table.slice(firstData)) {
      const ord = (row.cells[cols.ordinal] ?? '').replace(/\*/g, '').trim();
      const text = (row.cells[cols.indicator] ?? '').replace(/\*/g, '').trim();
      if (GROUP.test(ord) || (!ord && text)) {
        const phase = /giai doan\s*(?:19|20)\d{2}\s*[-–]\s*((?:19|20)\d{2})|nam\s((?:19|20)\d{2})/.exec(
          foldChars(text),
        );
        if (phase) groupYear = Number(phase[1] ?? phase[2]);
        parent = null;
        continue;
      }
      if (!ORDINAL.test(ord) || text.length < 3) continue;
      let indicator = text.replace(/[\s.;:]+$/, '');
      let bound: TComparator | null = null;
      const tail = /\s(tối thiểu|tối đa)$/iu.exec(indicator);
      if (tail) {
        bound = foldChars(tail[1]!) === 'toi thieu' ? '>=' : '<=';
        indicator = indicator.slice(0, tail.index).trim();
      }
      const milestones: TMilestone[] = [];
      const unitCell = cols.unit >= 0 ? (row.cells[cols.unit] ?? '').trim() : '';
      for (const { column, year: columnYear } of cols.values) {
        const v = readCellValue(row.cells[column] ?? '');
        if (!v) continue;
        const unit = v.unit === '%' || unitCell === '%' ? '%' : (v.unit ?? (unitCell || null));
        if (!unit) continue;
        const ms: TMilestone = {
          year: columnYear ?? groupYear ?? year,
          op: bound && v.op === '=' ? bound : v.op,
          value: v.value,
          unit,
        };
        if (!milestones.some((m) => m.year === ms.year && m.value === ms.value && m.op === ms.op))
          milestones.push(ms);
      }
      if (milestones.length === 0) {
        // a parent row without values names what its sub-rows measure
        if (!ord.includes('.')) parent = indicator;
        continue;
      }
      const full = parent && ord.includes('.') ? `${parent}: ${indicator}` : indicator;
      out.push({ text: full, milestones });
    }
  }
  return out;
}
