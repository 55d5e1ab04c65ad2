import type { TComparator, TMilestone } from '../../contracts/plan-extract.ts';
import { formatDateVi } from '../dates.ts';
import { formatNumberVi } from './format-number.ts';

/**
 * Where a target (chỉ tiêu) stands against its next milestone, and where its trend leads: the
 * "on track / at risk / off track" of the dashboards. Pure: `asOf` is passed in.
 */

/** What the app asks of the officer when a target's indicator cannot be compared with its milestone. */
export const INDICATOR_ADVICE = ' — hãy chọn lại chỉ số đo chỉ tiêu này';

/** A verdict as an official paper prints it: the app's advice to its user left out. */
export function officialVerdict(verdict: string): string {
  return verdict.replace(INDICATOR_ADVICE, '');
}

export type ProgressStatus = 'met' | 'on_track' | 'at_risk' | 'off_track' | 'no_data';

/** One reported value of the target's indicator (e.g. the province's rolled-up %), in the milestone's unit. */
export interface SeriesPoint {
  periodEnd: string;
  value: number;
  /**
   * The period's first day, when known. A period that has begun but not ended by asOf counts, its
   * value marked provisional (approved reports of the running period); without it a value counts
   * only once its period has ended.
   */
  periodStart?: string;
}

export interface Projection {
  year: number;
  value: number;
}

export interface TargetAssessment {
  status: ProgressStatus;
  /** The first milestone due in asOf's year or later, else the annual one; the last one once all have passed. */
  nextMilestone: TMilestone | null;
  /** The year that milestone falls due (asOf's year for an annual or undated one). */
  dueYear: number | null;
  /** The latest value up to asOf, and the end of its period. */
  current: number | null;
  currentPeriodEnd: string | null;
  /** The current value is from a period still running at asOf (more reports may come). */
  currentProvisional: boolean;
  /** Least-squares line over the series, at the end of `dueYear`; null with fewer than 2 dates. */
  projection: Projection | null;
  /** The line's slope per year; null with fewer than 2 dates. */
  trendPerYear: number | null;
  /** How the projection was made, in Vietnamese. */
  basis: string;
  /** What the status means, in Vietnamese. */
  verdict: string;
  /** Still to go to the milestone's value, in the good direction (≤ 0: there or beyond). */
  gap: number | null;
  /** How far a projection may miss and still be `at_risk` rather than `off_track`. */
  tolerance: number | null;
}

export interface AssessOptions {
  /** Overrides the default tolerance: 2 percentage points for %, else 5% of the milestone's value. */
  tolerance?: number;
  /**
   * Whether the series' values are percentages. When given and the milestone says otherwise (a
   * count of activities held against "trên 95%"), the two cannot be compared: no status, and the
   * verdict says why, rather than a gap between numbers of different kinds.
   */
  valueIsPercent?: boolean;
}

const EPSILON = 1e-9;
const DAYS_PER_YEAR = 365.2425;

/** '<' and '<=' aim low ("dưới 5%"); '>', '>=' and '=' ("đạt 100%") aim high. */
export function aimsHigh(op: TComparator): boolean {
  return op === '>' || op === '>=' || op === '=';
}

/** Whether a value satisfies the milestone. '=' is read as "reach": at least the value. */
export function satisfies(op: TComparator, value: number, target: number): boolean {
  switch (op) {
    case '>':
      return value > target + EPSILON;
    case '>=':
    case '=':
      return value >= target - EPSILON;
    case '<':
      return value < target - EPSILON;
    case '<=':
      return value <= target + EPSILON;
  }
}

export function defaultTolerance(milestone: TMilestone): number {
  return milestone.unit === '%' ? 2 : 0.05 * Math.abs(milestone.value);
}

function yearOf(isoDate: string): number {
  return Number(isoDate.slice(0, 4));
}

/** A date as years on a linear scale, so slopes come out per year. */
function timeInYears(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000 / DAYS_PER_YEAR;
}

/** The milestone to measure against as of a date, with the year it falls due. */
export function nextMilestoneOf(
  milestones: readonly TMilestone[],
  asOf: string,
): { milestone: TMilestone; dueYear: number; passed: boolean } | null {
  const year = yearOf(asOf);
  const dated = milestones.filter((m) => m.year !== null).sort((a, b) => a.year! - b.year!);
  const upcoming = dated.find((m) => m.year! >= year);
  if (upcoming) return { milestone: upcoming, dueYear: upcoming.year!, passed: false };
  const standing = milestones.find((m) => m.year === null);
  if (standing) return { milestone: standing, dueYear: year, passed: false };
  const last = dated.at(-1);
  return last ? { milestone: last, dueYear: last.year!, passed: true } : null;
}

function formatValue(value: number, unit: string | null): string {
  const number = formatNumberVi(value);
  if (unit === '%') return `${number}%`;
  return unit ? `${number} ${unit}` : number;
}

function formatChange(amount: number, unit: string | null): string {
  const number = formatNumberVi(amount);
  if (unit === '%') return `${number} điểm %`;
  return unit ? `${number} ${unit}` : number;
}

/** "trên 90%", "ít nhất 1 hoạt động", "dưới 5%". */
export function describeMilestone(milestone: TMilestone): string {
  const value = formatValue(milestone.value, milestone.unit);
  const words: Record<TComparator, string> = {
    '>': `trên ${value}`,
    '>=': `ít nhất ${value}`,
    '=': value,
    '<': `dưới ${value}`,
    '<=': `không quá ${value}`,
  };
  return words[milestone.op];
}

interface Line {
  slope: number;
  at: (x: number) => number;
}

function leastSquares(points: readonly SeriesPoint[]): Line | null {
  const xs = points.map((p) => timeInYears(p.periodEnd));
  const meanX = xs.reduce((s, x) => s + x, 0) / xs.length;
  const meanY = points.reduce((s, p) => s + p.value, 0) / points.length;
  let sxx = 0;
  let sxy = 0;
  points.forEach((p, i) => {
    const dx = xs[i]! - meanX;
    sxx += dx * dx;
    sxy += dx * (p.value - meanY);
  });
  if (sxx < EPSILON) return null;
  const slope = sxy / sxx;
  return { slope, at: (x) => meanY + slope * (x - meanX) };
}

/**
 * Assesses a target as of a date:
 * - `met`: the latest value already satisfies the milestone (for an annual milestone, a value of
 *   the due year itself);
 * - `on_track`: the linear trend, projected to the end of the due year, satisfies it;
 * - `at_risk`: the projection misses by less than the tolerance;
 * - `off_track`: it misses by more, or the due year has passed unmet;
 * - `no_data`: no value up to `asOf`.
 * With one value only, the value held flat stands in for the projection. Projections stay ≥ 0
 * and, for %, ≤ 100.
 */
export function assessTarget(
  milestones: readonly TMilestone[],
  series: readonly SeriesPoint[],
  asOf: string,
  options: AssessOptions = {},
): TargetAssessment {
  const next = nextMilestoneOf(milestones, asOf);
  const points = series
    .filter((p) => (p.periodStart ?? p.periodEnd) <= asOf)
    .sort((a, b) => a.periodEnd.localeCompare(b.periodEnd));
  const latest = points.at(-1) ?? null;
  const base: TargetAssessment = {
    status: 'no_data',
    nextMilestone: next?.milestone ?? null,
    dueYear: next?.dueYear ?? null,
    current: latest?.value ?? null,
    currentPeriodEnd: latest?.periodEnd ?? null,
    currentProvisional: latest !== null && latest.periodEnd > asOf,
    projection: null,
    trendPerYear: null,
    basis: `Chưa có số liệu đến ngày ${formatDateVi(asOf)}.`,
    verdict: next ? 'Chưa đánh giá được.' : 'Chỉ tiêu chưa có mốc để đánh giá.',
    gap: null,
    tolerance: null,
  };
  if (!latest) return base;

  const firstYear = yearOf(points[0]!.periodEnd);
  const lastYear = yearOf(latest.periodEnd);
  const years = firstYear === lastYear ? `${lastYear}` : `${firstYear}–${lastYear}`;
  const line = leastSquares(points);
  const milestoneUnit = next?.milestone.unit ?? null;
  // The values are in the indicator's unit; when it is known to differ from the milestone's (a
  // count measured against a % milestone), they are not written with the milestone's unit.
  const unit =
    options.valueIsPercent === undefined || options.valueIsPercent === (milestoneUnit === '%')
      ? milestoneUnit
      : options.valueIsPercent
        ? '%'
        : null;
  const trendPerYear = line?.slope ?? null;
  let basis: string;
  let projection: Projection | null = null;
  if (line && next) {
    const raw = line.at(timeInYears(`${next.dueYear}-12-31`));
    const value = Math.max(0, unit === '%' ? Math.min(100, raw) : raw);
    projection = { year: next.dueYear, value };
  }
  if (line) {
    const rounded = formatNumberVi(Math.abs(line.slope));
    const direction =
      rounded === '0'
        ? 'không đổi'
        : `${line.slope > 0 ? 'tăng' : 'giảm'} ${formatChange(Math.abs(line.slope), unit)}/năm`;
    basis = `Xu hướng tuyến tính từ ${points.length} kỳ (${years}): ${direction}`;
    basis += projection ? `; dự báo năm ${projection.year} đạt ${formatValue(projection.value, unit)}.` : '.';
  } else {
    basis = `Chưa đủ số liệu để tính xu hướng (${points.length} kỳ, ${years}); giá trị hiện tại ${formatValue(latest.value, unit)}.`;
  }
  if (base.currentProvisional) {
    basis += ` Số liệu kỳ đang diễn ra (đến ${formatDateVi(latest.periodEnd)}) là tạm tính: còn báo cáo chưa duyệt.`;
  }
  if (!next) return { ...base, basis, trendPerYear };

  const { milestone, dueYear, passed } = next;
  const target = describeMilestone(milestone);
  if (options.valueIsPercent !== undefined && options.valueIsPercent !== (milestone.unit === '%')) {
    return {
      ...base,
      basis,
      trendPerYear,
      verdict: `Chỉ số đo ${options.valueIsPercent ? 'tỉ lệ (%)' : 'số lượng'} nhưng mốc ${target} ${milestone.unit === '%' ? 'tính bằng %' : 'là số lượng'}: chưa so sánh được${INDICATOR_ADVICE}.`,
    };
  }
  const high = aimsHigh(milestone.op);
  const tolerance = options.tolerance ?? defaultTolerance(milestone);
  const recurring = milestone.year === null;
  // An annual milestone counts only values of the due year itself: last year's activity is not this year's.
  const counted = !recurring || yearOf(latest.periodEnd) === dueYear;
  const gap = !counted ? null : high ? milestone.value - latest.value : latest.value - milestone.value;
  const result = { ...base, basis, projection, trendPerYear, gap, tolerance };

  if (counted && satisfies(milestone.op, latest.value, milestone.value)) {
    return {
      ...result,
      status: 'met',
      verdict: `Đã đạt chỉ tiêu ${target}${recurring ? ` năm ${dueYear}` : ''}.`,
    };
  }
  if (passed) {
    return {
      ...result,
      status: 'off_track',
      verdict: `Đã hết năm ${dueYear} mà chưa đạt chỉ tiêu ${target}.`,
    };
  }
  const reference = projection?.value ?? latest.value;
  const how = projection ? 'Theo xu hướng này' : 'Nếu giữ nguyên mức hiện tại';
  if (satisfies(milestone.op, reference, milestone.value)) {
    return { ...result, status: 'on_track', verdict: `${how} sẽ đạt chỉ tiêu ${target} năm ${dueYear}.` };
  }
  const shortfall = Math.max(0, high ? milestone.value - reference : reference - milestone.value);
  const missing = shortfall > 0 ? ` (còn cách ${formatChange(shortfall, unit)})` : '';
  if (shortfall < tolerance) {
    return {
      ...result,
      status: 'at_risk',
      verdict: `${how} có nguy cơ không đạt chỉ tiêu ${target} năm ${dueYear}${missing}.`,
    };
  }
  return {
    ...result,
    status: 'off_track',
    verdict: `${how} sẽ không đạt chỉ tiêu ${target} năm ${dueYear}${missing}.`,
  };
}
