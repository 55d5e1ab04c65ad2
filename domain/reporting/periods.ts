import { addDays, todayInVietnam } from '../dates.ts';

/**
 * Reporting periods (kỳ báo cáo), data cut-offs (thời gian chốt số liệu) and due dates (hạn gửi).
 * Defaults follow Decree 09/2019/NĐ-CP; a plan's own dates override them. Pure: no clocks.
 */

export type PeriodFrequency = 'annual' | 'semiannual' | 'quarterly' | 'monthly' | 'once';

export interface ReportingPeriod {
  /** '2025', '2025-H1', '2025-Q3', '2025-07'; a one-time report over 2021–2025: '2021-2025'. */
  key: string;
  frequency: PeriodFrequency;
  /** The year the period belongs to (the last year for a one-time report). */
  year: number;
  /** 1 for a year or a one-time report; 1–2 half, 1–4 quarter, 1–12 month. */
  index: number;
  /**
   * Data cut-off span, both ends inclusive. (Roll-ups take the organisation as it stood on
   * `calendarEnd`, the day that also decides who must report: see README.md.)
   */
  start: string;
  end: string;
  /** The calendar span the period names (1/1–30/6 for the first half). */
  calendarStart: string;
  calendarEnd: string;
}

/**
 * - `decree-09`: from the 15th of the month before the period's first month to the 14th of its
 *   last month (month 15/6–14/7; Q3 15/6–14/9; first half 15/12–14/6; year 15/12–14/12).
 * - `{ day: D }`: the same pattern with another day (D in 2–28): from D to D − 1.
 * - `calendar`: the calendar span itself.
 */
export type CutoffRule = 'decree-09' | 'calendar' | { day: number };

export interface PeriodOptions {
  cutoff?: CutoffRule;
}

const pad = (n: number) => String(n).padStart(2, '0');

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** Month arithmetic on (year, month 1–12). */
function shiftMonth(year: number, month: number, by: number): [number, number] {
  const zeroBased = year * 12 + (month - 1) + by;
  return [Math.floor(zeroBased / 12), (zeroBased % 12) + 1];
}

function cutoffDay(rule: CutoffRule | undefined): number | null {
  if (rule === undefined || rule === 'decree-09') return 15;
  if (rule === 'calendar') return null;
  if (!Number.isInteger(rule.day) || rule.day < 2 || rule.day > 28) {
    throw new RangeError(`Cut-off day must be a whole number from 2 to 28, not ${rule.day}.`);
  }
  return rule.day;
}

/** A period over whole months [first, last] (year and month of each). */
function makePeriod(
  frequency: PeriodFrequency,
  key: string,
  year: number,
  index: number,
  first: [number, number],
  last: [number, number],
  options: PeriodOptions,
): ReportingPeriod {
  const calendarStart = isoDate(first[0], first[1], 1);
  const calendarEnd = isoDate(last[0], last[1], lastDayOfMonth(last[0], last[1]));
  const day = cutoffDay(options.cutoff);
  if (day === null)
    return {
      key,
      frequency,
      year,
      index,
      start: calendarStart,
      end: calendarEnd,
      calendarStart,
      calendarEnd,
    };
  const [y0, m0] = shiftMonth(first[0], first[1], -1);
  return {
    key,
    frequency,
    year,
    index,
    start: isoDate(y0, m0, day),
    end: isoDate(last[0], last[1], day - 1),
    calendarStart,
    calendarEnd,
  };
}

/** The reporting periods of a schedule from `fromYear` to `toYear`, oldest first. */
export function periodsOf(
  frequency: PeriodFrequency,
  fromYear: number,
  toYear: number,
  options: PeriodOptions = {},
): ReportingPeriod[] {
  if (!Number.isInteger(fromYear) || !Number.isInteger(toYear) || fromYear > toYear) {
    throw new RangeError(`Years ${fromYear}–${toYear} do not make a span.`);
  }
  if (frequency === 'once') {
    const key = fromYear === toYear ? String(toYear) : `${fromYear}-${toYear}`;
    return [makePeriod('once', key, toYear, 1, [fromYear, 1], [toYear, 12], options)];
  }
  const perYear = { annual: 1, semiannual: 2, quarterly: 4, monthly: 12 }[frequency];
  const months = 12 / perYear;
  const periods: ReportingPeriod[] = [];
  for (let year = fromYear; year <= toYear; year++) {
    for (let index = 1; index <= perYear; index++) {
      const key =
        frequency === 'annual'
          ? String(year)
          : frequency === 'semiannual'
            ? `${year}-H${index}`
            : frequency === 'quarterly'
              ? `${year}-Q${index}`
              : `${year}-${pad(index)}`;
      const firstMonth = (index - 1) * months + 1;
      periods.push(
        makePeriod(frequency, key, year, index, [year, firstMonth], [year, firstMonth + months - 1], options),
      );
    }
  }
  return periods;
}

/** The period a key names ('2025', '2025-H2', '2025-Q3', '2025-07', '2021-2025' for once); null if none. */
export function periodOfKey(key: string, options: PeriodOptions = {}): ReportingPeriod | null {
  let match = /^(\d{4})$/.exec(key);
  if (match) return periodsOf('annual', Number(match[1]), Number(match[1]), options)[0]!;
  match = /^(\d{4})-(\d{4})$/.exec(key);
  if (match && Number(match[1]) < Number(match[2])) {
    return periodsOf('once', Number(match[1]), Number(match[2]), options)[0]!;
  }
  const kinds: [RegExp, PeriodFrequency][] = [
    [/^(\d{4})-H([12])$/, 'semiannual'],
    [/^(\d{4})-Q([1-4])$/, 'quarterly'],
    [/^(\d{4})-(0[1-9]|1[0-2])$/, 'monthly'],
  ];
  for (const [pattern, frequency] of kinds) {
    match = pattern.exec(key);
    if (match) {
      const year = Number(match[1]);
      return periodsOf(frequency, year, year, options)[Number(match[2]) - 1] ?? null;
    }
  }
  return null;
}

/** MM-DD in a given year; 29/02 falls back to 28/02 outside leap years. */
function monthDayIn(year: number, monthDay: string): string {
  const [month, day] = monthDay.split('-').map(Number) as [number, number];
  return isoDate(year, month, Math.min(day, lastDayOfMonth(year, month)));
}

function checkMonthDay(rule: string): void {
  const match = /^(\d{2})-(\d{2})$/.exec(rule);
  const month = Number(match?.[1]);
  const day = Number(match?.[2]);
  if (!match || month < 1 || month > 12 || day < 1 || day > lastDayOfMonth(2024, month)) {
    throw new RangeError(`Due date "${rule}" is not MM-DD.`);
  }
}

/** The first date with this MM-DD on or after `from`. */
function nextMonthDay(monthDay: string, from: string): string {
  const year = Number(from.slice(0, 4));
  const candidate = monthDayIn(year, monthDay);
  return candidate >= from ? candidate : monthDayIn(year + 1, monthDay);
}

/** The middle of a period's calendar span, to the day: 1/7 for a year, 1/4 and 1/10 for halves. */
function middleOf(period: ReportingPeriod): string {
  const [year, month] = period.calendarStart.split('-').map(Number) as [number, number];
  const [endYear, endMonth] = period.calendarEnd.split('-').map(Number) as [number, number];
  const months = (endYear - year) * 12 + endMonth - month + 1;
  const [y, m] = shiftMonth(year, month, Math.floor(months / 2));
  return isoDate(y, m, 1);
}

export interface DueOptions {
  /** Semiannual schedules: the annual report's MM-DD, which the second half's report uses. */
  annualDue?: string | null;
}

/**
 * The due date (hạn gửi) of a period's report, from the plan-extract notation:
 * - annual `MM-DD`: the first such day on or after 1 July of the year — "trước 10/11 hằng năm" is
 *   10/11 of the same year; "15/01" is 15/01 of the next year.
 * - semiannual `MM-DD`: the first half's date (first such day on or after 1 April). The second
 *   half's report is the year's report: it is due on `options.annualDue` by the annual rule, or,
 *   without one, six months after the first half's date (10/6 → 10/12).
 * - monthly / quarterly `DD`: that day of the month after the period (31 → the month's last day).
 * - once `YYYY-MM-DD`: that date.
 * Null when the plan names no date.
 */
export function dueDateOf(
  period: ReportingPeriod,
  dueRule: string | null,
  options: DueOptions = {},
): string | null {
  if (dueRule === null) return null;
  switch (period.frequency) {
    case 'once':
      if (!/^\d{4}-\d{2}-\d{2}$/.test(dueRule))
        throw new RangeError(`Due date "${dueRule}" is not YYYY-MM-DD.`);
      return dueRule;
    case 'monthly':
    case 'quarterly': {
      const day = /^\d{1,2}$/.test(dueRule) ? Number(dueRule) : Number.NaN;
      if (!(day >= 1 && day <= 31)) throw new RangeError(`Due day "${dueRule}" is not DD.`);
      const [year, month] = period.calendarEnd.split('-').map(Number) as [number, number];
      const [y, m] = shiftMonth(year, month, 1);
      return isoDate(y, m, Math.min(day, lastDayOfMonth(y, m)));
    }
    case 'annual':
      checkMonthDay(dueRule);
      return nextMonthDay(dueRule, middleOf(period));
    case 'semiannual': {
      checkMonthDay(dueRule);
      if (period.index === 1) return nextMonthDay(dueRule, middleOf(period));
      const annual = options.annualDue;
      if (annual) {
        checkMonthDay(annual);
        return nextMonthDay(annual, `${period.year}-07-01`);
      }
      const [month, day] = dueRule.split('-').map(Number) as [number, number];
      const shifted = `${pad(((month + 5) % 12) + 1)}-${pad(day)}`;
      return nextMonthDay(shifted, middleOf(period));
    }
  }
}

/**
 * The date a level sets for its own units: `leadDays` before the date it must itself report by
 * (the province reports by 10/11, so its units by 31/10 with a lead of 10 days).
 */
export function levelDueDate(parentDue: string, leadDays: number): string {
  if (!Number.isInteger(leadDays) || leadDays < 0) {
    throw new RangeError(`Lead must be a whole number of days ≥ 0, not ${leadDays}.`);
  }
  return addDays(parentDue, -leadDays);
}

/** The Vietnamese calendar day of a submission: a date as is, a timestamp read at UTC+7. */
function submissionDay(submittedAt: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(submittedAt)) return submittedAt;
  const time = Date.parse(submittedAt);
  if (Number.isNaN(time)) throw new RangeError(`"${submittedAt}" is not a date or a timestamp.`);
  return todayInVietnam(new Date(time));
}

/**
 * Whether a report submitted at `submittedAt` (date or ISO timestamp) met the due date: any time
 * on the due day itself, Vietnam time, is on time. No due date means on time.
 */
export function isOnTime(submittedAt: string, due: string | null): boolean {
  return due === null || submissionDay(submittedAt) <= due;
}

/** Whole days after the due date (0 when on time). */
export function daysLate(submittedAt: string, due: string | null): number {
  if (due === null) return 0;
  const late =
    (Date.parse(`${submissionDay(submittedAt)}T00:00:00Z`) - Date.parse(`${due}T00:00:00Z`)) / 86_400_000;
  return Math.max(0, Math.round(late));
}

/**
 * The date a unit reports a period by, `levelsBelow` levels under the plan's unit: each level sets
 * its units' date `leadDays` before its own, so the units just below report by the period's date.
 */
export function unitDueDate(periodDue: string, leadDays: number, levelsBelow: number): string {
  return addDays(periodDue, -leadDays * Math.max(0, levelsBelow - 1));
}
