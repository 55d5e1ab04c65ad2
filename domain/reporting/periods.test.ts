import { describe, expect, it } from 'vitest';
import {
  daysLate,
  dueDateOf,
  isOnTime,
  levelDueDate,
  periodOfKey,
  periodsOf,
  unitDueDate,
} from './periods.ts';

const span = (p: { key: string; start: string; end: string }) => `${p.key} ${p.start}..${p.end}`;

describe('periodsOf', () => {
  it('uses the Decree 09 cut-offs by default', () => {
    expect(periodsOf('annual', 2024, 2025).map(span)).toEqual([
      '2024 2023-12-15..2024-12-14',
      '2025 2024-12-15..2025-12-14',
    ]);
    expect(periodsOf('semiannual', 2025, 2025).map(span)).toEqual([
      '2025-H1 2024-12-15..2025-06-14',
      '2025-H2 2025-06-15..2025-12-14',
    ]);
    expect(periodsOf('quarterly', 2025, 2025).map(span)).toEqual([
      '2025-Q1 2024-12-15..2025-03-14',
      '2025-Q2 2025-03-15..2025-06-14',
      '2025-Q3 2025-06-15..2025-09-14',
      '2025-Q4 2025-09-15..2025-12-14',
    ]);
    const months = periodsOf('monthly', 2025, 2025);
    expect(months).toHaveLength(12);
    expect(span(months[0]!)).toBe('2025-01 2024-12-15..2025-01-14');
    expect(span(months[6]!)).toBe('2025-07 2025-06-15..2025-07-14');
  });

  it('keeps the calendar span beside the cut-off, and can use it instead', () => {
    const [h1] = periodsOf('semiannual', 2025, 2025);
    expect(h1).toMatchObject({
      calendarStart: '2025-01-01',
      calendarEnd: '2025-06-30',
      year: 2025,
      index: 1,
    });
    expect(periodsOf('quarterly', 2024, 2024, { cutoff: 'calendar' }).map(span)[0]).toBe(
      '2024-Q1 2024-01-01..2024-03-31',
    );
    expect(span(periodsOf('monthly', 2024, 2024, { cutoff: 'calendar' })[1]!)).toBe(
      '2024-02 2024-02-01..2024-02-29',
    );
    expect(span(periodsOf('annual', 2025, 2025, { cutoff: { day: 21 } })[0]!)).toBe(
      '2025 2024-12-21..2025-12-20',
    );
    expect(() => periodsOf('annual', 2025, 2025, { cutoff: { day: 31 } })).toThrow(RangeError);
  });

  it('makes one period of a one-time report over the plan’s years', () => {
    expect(periodsOf('once', 2021, 2025).map(span)).toEqual(['2021-2025 2020-12-15..2025-12-14']);
    expect(periodsOf('once', 2025, 2025)[0]!.key).toBe('2025');
  });

  it('reads keys back', () => {
    for (const frequency of ['annual', 'semiannual', 'quarterly', 'monthly'] as const) {
      for (const period of periodsOf(frequency, 2024, 2025)) expect(periodOfKey(period.key)).toEqual(period);
    }
    expect(periodOfKey('2021-2025')?.frequency).toBe('once');
    expect(periodOfKey('2025-13')).toBeNull();
    expect(periodOfKey('2025-H3')).toBeNull();
  });
});

describe('dueDateOf', () => {
  const year2025 = periodOfKey('2025')!;
  const h1 = periodOfKey('2025-H1')!;
  const h2 = periodOfKey('2025-H2')!;

  it('"trước ngày 10/11 hằng năm": the same year; a January date falls in the next year', () => {
    expect(dueDateOf(year2025, '11-10')).toBe('2025-11-10');
    expect(dueDateOf(year2025, '01-15')).toBe('2026-01-15');
    expect(dueDateOf(periodOfKey('2023')!, '02-29')).toBe('2024-02-29');
  });

  it('six-monthly: the first half on its date, the second half with the annual report', () => {
    expect(dueDateOf(h1, '06-10')).toBe('2025-06-10');
    expect(dueDateOf(h2, '06-10', { annualDue: '11-10' })).toBe('2025-11-10');
    expect(dueDateOf(h2, '06-10')).toBe('2025-12-10');
    expect(dueDateOf(h2, '07-15')).toBe('2026-01-15');
  });

  it('monthly and quarterly: that day of the month after the period', () => {
    expect(dueDateOf(periodOfKey('2025-07')!, '05')).toBe('2025-08-05');
    expect(dueDateOf(periodOfKey('2025-12')!, '20')).toBe('2026-01-20');
    expect(dueDateOf(periodOfKey('2025-Q3')!, '10')).toBe('2025-10-10');
    expect(dueDateOf(periodOfKey('2025-01')!, '31')).toBe('2025-02-28');
  });

  it('once: the date written; none when the plan names none', () => {
    expect(dueDateOf(periodsOf('once', 2021, 2025)[0]!, '2025-12-16')).toBe('2025-12-16');
    expect(dueDateOf(year2025, null)).toBeNull();
  });

  it('refuses a date in the wrong notation', () => {
    expect(() => dueDateOf(year2025, '10/11')).toThrow(RangeError);
    expect(() => dueDateOf(year2025, '13-01')).toThrow(RangeError);
    expect(() => dueDateOf(periodOfKey('2025-07')!, '11-10')).toThrow(RangeError);
    expect(() => dueDateOf(periodsOf('once', 2025, 2025)[0]!, '11-10')).toThrow(RangeError);
  });
});

describe('levelDueDate and timeliness', () => {
  it('each level asks its units earlier than it must report itself', () => {
    const national = dueDateOf(periodOfKey('2025')!, '11-10')!;
    const province = levelDueDate(national, 10);
    const commune = levelDueDate(province, 5);
    expect([national, province, commune]).toEqual(['2025-11-10', '2025-10-31', '2025-10-26']);
    expect(levelDueDate('2025-03-05', 10)).toBe('2025-02-23');
    expect(() => levelDueDate(national, -1)).toThrow(RangeError);
  });

  it('counts the whole due day, Vietnam time', () => {
    expect(isOnTime('2025-11-10', '2025-11-10')).toBe(true);
    expect(isOnTime('2025-11-10T16:59:00Z', '2025-11-10')).toBe(true); // 23:59 in Hà Nội
    expect(isOnTime('2025-11-10T17:01:00Z', '2025-11-10')).toBe(false); // 00:01 on the 11th
    expect(isOnTime('2025-11-20', null)).toBe(true);
    expect(daysLate('2025-11-13T08:00:00+07:00', '2025-11-10')).toBe(3);
    expect(daysLate('2025-11-01', '2025-11-10')).toBe(0);
    expect(() => isOnTime('hôm qua', '2025-11-10')).toThrow(RangeError);
  });
});

describe('unitDueDate', () => {
  it('moves the date earlier by the lead for each level past the first', () => {
    expect(unitDueDate('2025-11-10', 10, 1)).toBe('2025-11-10');
    expect(unitDueDate('2025-11-10', 10, 2)).toBe('2025-10-31');
    expect(unitDueDate('2025-11-10', 10, 3)).toBe('2025-10-21');
    expect(unitDueDate('2025-11-10', 10, 0)).toBe('2025-11-10');
    expect(unitDueDate('2025-11-10', 0, 4)).toBe('2025-11-10');
  });
});
