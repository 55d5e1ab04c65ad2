import { describe, expect, it } from 'vitest';
import { eventOccurrences, leapMonthOf, lunarToSolar, planYears } from './lunar-events.ts';

const lunar = (start: string, end: string | null = null) =>
  ({ name: 'Sự kiện', start, end, calendar: 'lunar', recurring: true }) as const;

describe('lunar campaign events', () => {
  it('converts the festivals of the Vietnamese calendar', () => {
    expect(lunarToSolar(15, 8, 2025)).toBe('2025-10-06'); // Tết Trung thu 2025
    expect(lunarToSolar(1, 1, 2026)).toBe('2026-02-17'); // Tết Nguyên đán Bính Ngọ
    expect(lunarToSolar(10, 3, 2025)).toBe('2025-04-07'); // Giỗ Tổ Hùng Vương 2025
  });

  it('knows the leap months: 6 in 2025, 2 in 2023, none in 2024', () => {
    expect(leapMonthOf(2025)).toBe(6);
    expect(leapMonthOf(2023)).toBe(2);
    expect(leapMonthOf(2024)).toBeNull();
    expect(lunarToSolar(15, 6, 2025, false)).toBe('2025-07-09');
    expect(lunarToSolar(15, 6, 2025, true)).toBe('2025-08-08');
  });

  it('gives a yearly lunar event its solar day in each year of the plan', () => {
    expect(eventOccurrences(lunar('08-15'), [2025, 2026]).map((o) => o.start)).toEqual([
      '2025-10-06',
      '2026-09-25',
    ]);
  });

  it('takes the 12th lunar month from the previous lunar year, and spans into the next', () => {
    expect(eventOccurrences(lunar('12-23', '01-07'), [2026])).toEqual([
      { year: 2026, start: '2026-02-10', end: '2026-02-23', adjusted: false },
    ]);
  });

  it('moves a 30th to the 29th in a short month', () => {
    expect(eventOccurrences(lunar('12-30'), [2026])).toEqual([
      { year: 2026, start: '2026-02-16', end: null, adjusted: true },
    ]);
    expect(lunarToSolar(30, 12, 2025)).toBeNull();
  });

  it('leaves solar events as they are and converts one-off lunar dates once', () => {
    expect(
      eventOccurrences(
        { name: 'Tháng Công nhân', start: '05-01', end: '05-31', calendar: 'solar', recurring: true },
        [2025],
      ),
    ).toEqual([{ year: 2025, start: '2025-05-01', end: '2025-05-31', adjusted: false }]);
    expect(eventOccurrences(lunar('2025-08-15'), [2024, 2025, 2026])).toEqual([
      { year: 2025, start: '2025-10-06', end: null, adjusted: false },
    ]);
    expect(eventOccurrences(lunar('13-40'), [2025])).toEqual([]);
  });

  it('spans the plan’s years, capped for long visions', () => {
    expect(planYears(2025, 2027, 2024)).toEqual([2025, 2026, 2027]);
    expect(planYears(null, null, 2024)).toEqual([2024]);
    expect(planYears(2021, 2100, 2024)).toHaveLength(30);
  });
});
