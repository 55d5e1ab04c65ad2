import { LunarDate } from '@nghiavuive/lunar_date_vi';

/**
 * Campaign events dated in the Vietnamese lunar calendar (Tết Trung thu 15/8 âm lịch, Tết Nguyên
 * đán 1/1) and the solar days they fall on, year by year. The conversion is the package's
 * (Hồ Ngọc Đức's algorithm at UTC+7, the Vietnamese calendar, not the Chinese one at UTC+8).
 */

const pad = (n: number) => String(n).padStart(2, '0');

/** The solar ISO date of a lunar day, or null when that day does not exist (30th of a 29-day month). */
export function lunarToSolar(
  day: number,
  month: number,
  lunarYear: number,
  leapMonth = false,
): string | null {
  try {
    const lunar = new LunarDate({ day, month, year: lunarYear, leap_month: leapMonth });
    lunar.init();
    const solar = lunar.toSolarDate().get();
    return `${solar.year}-${pad(solar.month)}-${pad(solar.day)}`;
  } catch {
    return null;
  }
}

/** The leap month of a lunar year (tháng nhuận), or null when the year has none. */
export function leapMonthOf(lunarYear: number): number | null {
  // The package ignores the leap flag for a month that is not leap in that year.
  for (let month = 1; month <= 12; month++) {
    const leap = lunarToSolar(1, month, lunarYear, true);
    if (leap !== null && leap !== lunarToSolar(1, month, lunarYear, false)) return month;
  }
  return null;
}

/**
 * A lunar day of a given lunar year; day 30 of a month that has only 29 days that year falls on
 * its 29th (the last day of the month, as "30 Tết" does in a short year).
 */
function lunarDay(day: number, month: number, lunarYear: number): { date: string; adjusted: boolean } | null {
  const exact = lunarToSolar(day, month, lunarYear);
  if (exact) return { date: exact, adjusted: false };
  if (day === 30) {
    const last = lunarToSolar(29, month, lunarYear);
    if (last) return { date: last, adjusted: true };
  }
  return null;
}

export interface EventDates {
  name: string;
  /** `MM-DD` (yearly) or `YYYY-MM-DD` (once), in the event's calendar. */
  start: string;
  end: string | null;
  calendar: 'solar' | 'lunar';
  recurring: boolean;
}

export interface Occurrence {
  /** The solar year it falls in. */
  year: number;
  start: string;
  end: string | null;
  /** A lunar 30th moved to the 29th because the month is short that year. */
  adjusted: boolean;
}

const MONTH_DAY = /^(\d{2})-(\d{2})$/;
const FULL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The solar days an event falls on within the given solar years. A yearly lunar event can fall
 * in the next solar year (the 12th lunar month is in January or February), so each solar year
 * takes the occurrence of whichever lunar year lands in it.
 */
export function eventOccurrences(event: EventDates, years: readonly number[]): Occurrence[] {
  if (event.calendar === 'solar') {
    const once = FULL_DATE.exec(event.start);
    if (once) return [{ year: Number(once[1]), start: event.start, end: event.end, adjusted: false }];
    return years.map((year) => ({
      year,
      start: `${year}-${event.start}`,
      end:
        event.end && MONTH_DAY.test(event.end)
          ? `${event.end < event.start ? year + 1 : year}-${event.end}`
          : event.end,
      adjusted: false,
    }));
  }
  const once = FULL_DATE.exec(event.start);
  if (once) {
    const start = lunarDay(Number(once[3]), Number(once[2]), Number(once[1]));
    if (!start) return [];
    const endMatch = event.end ? FULL_DATE.exec(event.end) : null;
    const end = endMatch ? lunarDay(Number(endMatch[3]), Number(endMatch[2]), Number(endMatch[1])) : null;
    return [
      {
        year: Number(start.date.slice(0, 4)),
        start: start.date,
        end: end?.date ?? null,
        adjusted: start.adjusted || (end?.adjusted ?? false),
      },
    ];
  }
  const md = MONTH_DAY.exec(event.start);
  if (!md) return [];
  const month = Number(md[1]);
  const day = Number(md[2]);
  const endMd = event.end ? MONTH_DAY.exec(event.end) : null;
  const out: Occurrence[] = [];
  for (const year of years) {
    for (const lunarYear of [year - 1, year]) {
      const start = lunarDay(day, month, lunarYear);
      if (!start || Number(start.date.slice(0, 4)) !== year) continue;
      let end: { date: string; adjusted: boolean } | null = null;
      if (endMd) {
        const endMonth = Number(endMd[1]);
        // An end month before the start month is in the next lunar year (12-23 → 01-07).
        end = lunarDay(Number(endMd[2]), endMonth, endMonth < month ? lunarYear + 1 : lunarYear);
      }
      out.push({
        year,
        start: start.date,
        end: end?.date ?? null,
        adjusted: start.adjusted || (end?.adjusted ?? false),
      });
    }
  }
  return out;
}

/** The solar years a plan spans (at most 30, for a "đến năm 2045" vision). */
export function planYears(yearFrom: number | null, yearTo: number | null, fallback: number): number[] {
  const from = yearFrom ?? yearTo ?? fallback;
  const to = Math.max(from, yearTo ?? from);
  const years: number[] = [];
  for (let y = from; y <= Math.min(to, from + 29); y++) years.push(y);
  return years;
}
