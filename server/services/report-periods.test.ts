import { describe, expect, it } from 'vitest';
import { schedulePeriods } from './report-periods.ts';

describe('schedulePeriods', () => {
  it('makes annual periods with the Decree 09 cut-off and the plan’s own date', () => {
    const [p] = schedulePeriods('annual', 2025, 2025, '11-10');
    expect(p).toMatchObject({
      key: '2025',
      label: 'Năm 2025',
      cutoffFrom: '2024-12-15',
      cutoffTo: '2025-12-14',
      dueOn: '2025-11-10',
    });
  });
  it('labels half-years, quarters and months in Vietnamese and dates them', () => {
    expect(schedulePeriods('semiannual', 2025, 2025, '06-20').map((p) => [p.label, p.dueOn])).toEqual([
      ['6 tháng đầu năm 2025', '2025-06-20'],
      ['6 tháng cuối năm 2025', '2025-12-20'],
    ]);
    expect(schedulePeriods('quarterly', 2025, 2025, '10')[2]).toMatchObject({
      label: 'Quý III/2025',
      dueOn: '2025-10-10',
    });
    expect(schedulePeriods('monthly', 2025, 2025, null)[0]).toMatchObject({
      label: 'Tháng 1/2025',
      dueOn: '2025-02-20',
    });
  });
  it('makes one period for a one-off duty, and survives a rule that does not fit', () => {
    expect(schedulePeriods('once', 2025, 2025, '2025-12-16')).toMatchObject([{ dueOn: '2025-12-16' }]);
    expect(schedulePeriods('annual', 2025, 2025, 'abc')[0]!.dueOn).toBe('2026-01-20');
  });
});
