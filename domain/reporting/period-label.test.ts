import { describe, expect, it } from 'vitest';
import { periodLabel, periodLabelOfKey } from './period-label.ts';
import { periodOfKey } from './periods.ts';

describe('periodLabel', () => {
  it('names each kind of period in Vietnamese and in English', () => {
    const names = ['2025', '2025-H1', '2025-Q3', '2025-07', '2021-2025'].map((key) => {
      const period = periodOfKey(key)!;
      return [periodLabel(period), periodLabel(period, 'en')];
    });
    expect(names).toEqual([
      ['Năm 2025', 'Year 2025'],
      ['6 tháng đầu năm 2025', 'First half of 2025'],
      ['Quý III/2025', 'Q3 2025'],
      ['Tháng 7/2025', 'July 2025'],
      ['Báo cáo một lần (2021-2025)', 'One-time report (2021-2025)'],
    ]);
  });

  it('keeps the stored name in Vietnamese, and for a key that is not one of ours', () => {
    expect(periodLabelOfKey('2025-Q3', 'Quý III/2025', 'vi')).toBe('Quý III/2025');
    expect(periodLabelOfKey('đợt 1', 'Đợt 1', 'en')).toBe('Đợt 1');
  });
});
