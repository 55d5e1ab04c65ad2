import { categoryKeysOf } from '../reporting/breakdowns.ts';

/**
 * Indicators (chỉ số): what a unit reports for a target, how values combine up the tree, and how a
 * value is broken down by category (by sex). Pure: no I/O.
 */

/**
 * - `ratio`: a numerator over a denominator ("cán bộ chủ chốt được tập huấn" / "cán bộ chủ chốt").
 * - `count`: a whole number (số buổi tuyên truyền).
 * - `sum`: any non-negative number (kinh phí).
 * - `boolean`: yes/no, stored 0/1 (đã tổ chức hoạt động hay chưa).
 */
export type IndicatorKind = 'ratio' | 'count' | 'sum' | 'boolean';

/**
 * - `sum`: counts and sums add up; ratios add numerators and denominators separately and divide
 *   at the end — never an average of percentages.
 * - `count_units_meeting`: units in scope whose value ≥ threshold, over the units in scope
 *   ("80% công đoàn cơ sở tổ chức được ít nhất một buổi tuyên truyền").
 * - `max` / `min`: the largest / smallest value reported in the subtree.
 */
export type AggregationRule = 'sum' | 'count_units_meeting' | 'max' | 'min';

/**
 * How `total` relates to the categories (one breakdown, mutually exclusive categories):
 * - `sum_of_categories`: the categories cover the whole (nam + nữ = tổng). Every category must be
 *   given; the total may be left out and is computed; if given it must equal the sum.
 * - `given`: the total is entered; categories are "trong đó" parts, each optional and none larger
 *   than the total. Together they are not larger than the total, and when every category is given
 *   they add up to it (the categories of a breakdown cover the whole: "trong đó nữ" is the sex
 *   breakdown with only `female` given).
 */
export type TotalRule = 'sum_of_categories' | 'given';

export const TOTAL = 'total';
export const SEX_CATEGORIES: readonly string[] = ['male', 'female'];

export interface Indicator {
  kind: IndicatorKind;
  aggregation: AggregationRule;
  /** For `count_units_meeting`: a unit meets when its value ≥ threshold. Default 1. */
  threshold?: number;
  /** Categories besides `total`, e.g. `['male', 'female']`; empty when not broken down. */
  categories: readonly string[];
  totalRule: TotalRule;
}

export interface RatioCell {
  numerator: number;
  denominator: number;
}
export interface ValueCell {
  value: number;
}
export type Cell = RatioCell | ValueCell;

/** A validated value: `total` always present, plus the categories given. */
export interface Entry {
  readonly total: Cell;
  readonly [category: string]: Cell | undefined;
}

/** A value as typed in (the total may be missing when it is the sum of the categories). */
export type RawEntry = Readonly<Record<string, Cell | undefined>>;

export const ALLOWED_RULES: Readonly<Record<IndicatorKind, readonly AggregationRule[]>> = {
  ratio: ['sum'],
  count: ['sum', 'count_units_meeting', 'max', 'min'],
  sum: ['sum', 'max', 'min'],
  boolean: ['sum', 'count_units_meeting'],
};

export interface IndicatorProblem {
  /** Path of the offending field, e.g. `female.numerator`. */
  field: string;
  /** Stable code for translations and tests. */
  code: string;
  /** Vietnamese message for the form. */
  message: string;
}

export function thresholdOf(indicator: Indicator): number {
  return indicator.threshold ?? 1;
}

/** Whether a cell has the shape this kind needs. */
export function isRatioCell(cell: Cell): cell is RatioCell {
  return 'numerator' in cell && 'denominator' in cell;
}

/** Problems in an indicator's definition; empty when it is usable. */
export function validateIndicator(indicator: Indicator): IndicatorProblem[] {
  const problems: IndicatorProblem[] = [];
  if (!ALLOWED_RULES[indicator.kind].includes(indicator.aggregation)) {
    problems.push({
      field: 'aggregation',
      code: 'rule_not_allowed',
      message: `Cách tổng hợp "${indicator.aggregation}" không dùng được cho chỉ số loại "${indicator.kind}".`,
    });
  }
  if (indicator.threshold !== undefined && !Number.isFinite(indicator.threshold)) {
    problems.push({ field: 'threshold', code: 'not_a_number', message: 'Ngưỡng phải là một số.' });
  }
  const seen = new Set<string>();
  indicator.categories.forEach((category, index) => {
    if (category === TOTAL || category.trim() === '' || seen.has(category)) {
      problems.push({
        field: `categories.${index}`,
        code: 'bad_category',
        message: `Nhóm phân tổ "${category}" trống, trùng hoặc trùng với "tổng số".`,
      });
    }
    seen.add(category);
  });
  if (indicator.kind === 'boolean' && indicator.categories.length > 0) {
    problems.push({
      field: 'categories',
      code: 'boolean_breakdown',
      message: 'Chỉ số có/không không phân tổ theo nhóm.',
    });
  }
  if (indicator.totalRule === 'sum_of_categories' && indicator.categories.length === 0) {
    problems.push({
      field: 'totalRule',
      code: 'no_categories',
      message: 'Tổng số bằng tổng các nhóm nhưng chỉ số không có nhóm nào.',
    });
  }
  return problems;
}

function checkNumber(
  problems: IndicatorProblem[],
  field: string,
  value: unknown,
  kind: IndicatorKind,
): value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    problems.push({ field, code: 'not_a_number', message: 'Giá trị phải là một số.' });
    return false;
  }
  if (value < 0) {
    problems.push({ field, code: 'negative', message: 'Giá trị không được âm.' });
    return false;
  }
  if ((kind === 'count' || kind === 'ratio') && !Number.isInteger(value)) {
    problems.push({ field, code: 'not_whole', message: 'Giá trị phải là số nguyên.' });
    return false;
  }
  if (kind === 'boolean' && value !== 0 && value !== 1) {
    problems.push({ field, code: 'not_boolean', message: 'Giá trị có/không phải là 0 hoặc 1.' });
    return false;
  }
  return true;
}

function checkCell(problems: IndicatorProblem[], field: string, cell: Cell, kind: IndicatorKind): boolean {
  const before = problems.length;
  if (kind === 'ratio') {
    if (!isRatioCell(cell)) {
      problems.push({ field, code: 'shape', message: 'Chỉ số tỷ lệ cần tử số và mẫu số.' });
      return false;
    }
    const okN = checkNumber(problems, `${field}.numerator`, cell.numerator, kind);
    const okD = checkNumber(problems, `${field}.denominator`, cell.denominator, kind);
    if (okN && okD && cell.numerator > cell.denominator) {
      problems.push({
        field: `${field}.numerator`,
        code: 'numerator_exceeds_denominator',
        message: 'Tử số lớn hơn mẫu số.',
      });
    }
  } else if (!('value' in cell)) {
    problems.push({ field, code: 'shape', message: 'Chỉ số này cần một giá trị.' });
  } else {
    checkNumber(problems, `${field}.value`, cell.value, kind);
  }
  return problems.length === before;
}

/** [numerator, denominator] of a ratio cell, [value, 1] otherwise. */
function parts(cell: Cell): [number, number] {
  return isRatioCell(cell) ? [cell.numerator, cell.denominator] : [cell.value, 1];
}

function sumCells(kind: IndicatorKind, cells: Cell[]): Cell {
  let n = 0;
  let d = 0;
  for (const cell of cells) {
    const [a, b] = parts(cell);
    n += a;
    d += b;
  }
  return kind === 'ratio' ? { numerator: n, denominator: d } : { value: n };
}

const EPSILON = 1e-9;

export type NormalizeResult = { ok: true; entry: Entry } | { ok: false; problems: IndicatorProblem[] };

/**
 * Validates a typed-in value against the indicator and returns it with its total: computed from
 * the categories under `sum_of_categories`, checked against them under `given`.
 */
export function normalizeEntry(indicator: Indicator, raw: RawEntry): NormalizeResult {
  const problems: IndicatorProblem[] = [];
  const allowed = new Set([TOTAL, ...indicator.categories]);
  for (const key of Object.keys(raw)) {
    if (!allowed.has(key)) {
      problems.push({ field: key, code: 'unknown_category', message: `Nhóm "${key}" không thuộc chỉ số.` });
    }
  }
  const given: Record<string, Cell> = {};
  for (const key of allowed) {
    const cell = raw[key];
    if (cell !== undefined && checkCell(problems, key, cell, indicator.kind)) given[key] = cell;
  }
  if (problems.length > 0) return { ok: false, problems };

  const categoryCells = indicator.categories.flatMap((c) => (given[c] ? [given[c]] : []));
  const rawTotal = given[TOTAL];
  let total: Cell;
  if (indicator.totalRule === 'sum_of_categories') {
    for (const category of indicator.categories) {
      if (!given[category]) {
        problems.push({
          field: category,
          code: 'missing_category',
          message: `Thiếu số liệu nhóm "${category}".`,
        });
      }
    }
    if (problems.length > 0) return { ok: false, problems };
    total = sumCells(indicator.kind, categoryCells);
    if (rawTotal) {
      const [n, d] = parts(total);
      const [rn, rd] = parts(rawTotal);
      if (Math.abs(n - rn) > EPSILON || Math.abs(d - rd) > EPSILON) {
        problems.push({
          field: TOTAL,
          code: 'total_mismatch',
          message: 'Tổng số không bằng tổng các nhóm.',
        });
      }
    }
  } else {
    if (!rawTotal) {
      return { ok: false, problems: [{ field: TOTAL, code: 'missing_total', message: 'Thiếu tổng số.' }] };
    }
    total = rawTotal;
    const [tn, td] = parts(total);
    for (const category of indicator.categories) {
      const cell = given[category];
      if (!cell) continue;
      const [n, d] = parts(cell);
      if (n > tn + EPSILON || (isRatioCell(cell) && d > td + EPSILON)) {
        problems.push({
          field: category,
          code: 'category_exceeds_total',
          message: `Nhóm "${category}" lớn hơn tổng số.`,
        });
      }
    }
    const [sn, sd] = parts(sumCells(indicator.kind, categoryCells));
    const complete = categoryCells.length > 0 && categoryCells.length === indicator.categories.length;
    if (problems.length > 0) {
      // already reported per category
    } else if (sn > tn + EPSILON || (indicator.kind === 'ratio' && sd > td + EPSILON)) {
      problems.push({
        field: TOTAL,
        code: 'categories_exceed_total',
        message: 'Tổng các nhóm lớn hơn tổng số.',
      });
    } else if (
      complete &&
      (Math.abs(sn - tn) > EPSILON || (indicator.kind === 'ratio' && Math.abs(sd - td) > EPSILON))
    ) {
      problems.push({
        field: TOTAL,
        code: 'total_mismatch',
        message: 'Tổng số không bằng tổng các nhóm.',
      });
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  const entry: Record<string, Cell> & { total: Cell } = { total };
  for (const category of indicator.categories) {
    const cell = given[category];
    if (cell) entry[category] = cell;
  }
  return { ok: true, entry };
}

/** The indicator as the reporting contract stores it (`contracts/reporting.ts`). */
export interface StoredIndicator {
  kind: IndicatorKind;
  aggregation: 'sum' | 'count_units_meeting';
  /** `none`, `sex`, `sex+area`…: `domain/reporting/breakdowns.ts`. */
  disaggregation: string;
  threshold: number;
}

/**
 * The rules for a stored indicator: its breakdown's category keys (one dimension's options or the
 * combinations of two) with an entered total.
 */
export function indicatorFromStored(stored: StoredIndicator): Indicator {
  return {
    kind: stored.kind,
    aggregation: stored.aggregation,
    threshold: stored.threshold,
    categories: categoryKeysOf(stored.disaggregation),
    totalRule: 'given',
  };
}

/** One stored value row: the numerator holds the value of a non-ratio indicator. */
export interface StoredValue {
  category: string;
  numerator: number | null;
  denominator: number | null;
}

/** A unit's stored rows for one indicator as a raw entry (rows without a number are left out). */
export function entryFromStored(indicator: Indicator, rows: readonly StoredValue[]): RawEntry {
  const entry: Record<string, Cell> = {};
  for (const row of rows) {
    if (row.numerator === null) continue;
    entry[row.category] =
      indicator.kind === 'ratio'
        ? { numerator: row.numerator, denominator: row.denominator ?? Number.NaN }
        : { value: row.numerator };
  }
  return entry;
}
