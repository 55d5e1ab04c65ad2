import type { TComparator, TMilestone } from '../../contracts/plan-extract.ts';
import {
  type BasisPhrase,
  basisText,
  describeMilestone,
  INDICATOR_ADVICE,
  type VerdictPhrase,
  verdictText,
} from './assessment-text.ts';

/**
 * Where a target (chỉ tiêu) stands against its next milestone, and where its trend leads: the
 * "on track / at risk / off track" of the dashboards. Pure: `asOf` is passed in.
 */

export { describeMilestone, INDICATOR_ADVICE };

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
  /** How the projection was made, in Vietnamese (`basisText` of `basisPhrases`). */
  basis: string;
  basisPhrases: BasisPhrase[];
  /** What the status means, in Vietnamese (`verdictText` of `verdictPhrase`). */
  verdict: string;
  verdictPhrase: VerdictPhrase;
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
  /**
   * The series is a closed period's report: asOf is its last day, and nothing more will come for
   * it. A milestone due in a year that period closes (a 2025 report against the 2025 milestone)
   * and not met is missed, not projected.
   */
  closesPeriod?: boolean;
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
  // the assessment's words are made once, from its phrases
  const said = (verdictPhrase: VerdictPhrase, basisPhrases: BasisPhrase[]) => ({
    verdictPhrase,
    verdict: verdictText(verdictPhrase),
    basisPhrases,
    basis: basisText(basisPhrases),
  });
  const base: TargetAssessment = {
    status: 'no_data',
    nextMilestone: next?.milestone ?? null,
    dueYear: next?.dueYear ?? null,
    current: latest?.value ?? null,
    currentPeriodEnd: latest?.periodEnd ?? null,
    currentProvisional: latest !== null && latest.periodEnd > asOf,
    projection: null,
    trendPerYear: null,
    ...said({ kind: next ? 'not_assessable' : 'no_milestone' }, [{ kind: 'no_data', asOf }]),
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
  let projection: Projection | null = null;
  if (line && next) {
    const raw = line.at(timeInYears(`${next.dueYear}-12-31`));
    const value = Math.max(0, unit === '%' ? Math.min(100, raw) : raw);
    projection = { year: next.dueYear, value };
  }
  const basisPhrases: BasisPhrase[] = [
    line
      ? { kind: 'trend', points: points.length, years, slope: line.slope, unit, projection }
      : { kind: 'too_few', points: points.length, years, current: latest.value, unit },
  ];
  if (base.currentProvisional) basisPhrases.push({ kind: 'provisional', until: latest.periodEnd });
  if (!next) return { ...base, ...said(base.verdictPhrase, basisPhrases), trendPerYear };

  const { milestone, dueYear, passed } = next;
  if (options.valueIsPercent !== undefined && options.valueIsPercent !== (milestone.unit === '%')) {
    return {
      ...base,
      trendPerYear,
      ...said({ kind: 'cannot_compare', valueIsPercent: options.valueIsPercent, milestone }, basisPhrases),
    };
  }
  const high = aimsHigh(milestone.op);
  const tolerance = options.tolerance ?? defaultTolerance(milestone);
  const recurring = milestone.year === null;
  // An annual milestone counts only values of the due year itself: last year's activity is not this year's.
  const counted = !recurring || yearOf(latest.periodEnd) === dueYear;
  const gap = !counted ? null : high ? milestone.value - latest.value : latest.value - milestone.value;
  const result = { ...base, projection, trendPerYear, gap, tolerance };

  if (counted && satisfies(milestone.op, latest.value, milestone.value)) {
    return {
      ...result,
      status: 'met',
      ...said({ kind: 'met', milestone, year: recurring ? dueYear : null }, basisPhrases),
    };
  }
  // a report of a period that ends with the due year (31/12) has the year's last word
  if (passed || (options.closesPeriod && asOf >= `${dueYear}-12-31` && counted)) {
    return {
      ...result,
      status: 'off_track',
      ...said({ kind: 'missed', milestone, year: dueYear }, basisPhrases),
    };
  }
  const reference = projection?.value ?? latest.value;
  const projected = projection !== null;
  if (satisfies(milestone.op, reference, milestone.value)) {
    return {
      ...result,
      status: 'on_track',
      ...said({ kind: 'on_track', milestone, year: dueYear, projected, shortfall: null, unit }, basisPhrases),
    };
  }
  const shortfall = Math.max(0, high ? milestone.value - reference : reference - milestone.value);
  const status = shortfall < tolerance ? 'at_risk' : 'off_track';
  return {
    ...result,
    status,
    ...said({ kind: status, milestone, year: dueYear, projected, shortfall, unit }, basisPhrases),
  };
}
