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
  it('makes half-years, quarters and months with their cut-offs', () => {
    const halves = schedulePeriods('semiannual', 2025, 2025, '06-20');
    expect(halves.map((p) => [p.key, p.cutoffFrom, p.cutoffTo, p.dueOn])).toEqual([
      ['2025-H1', '2024-12-15', '2025-06-14', '2025-06-20'],
      ['2025-H2', '2025-06-15', '2025-12-14', '2025-12-20'],
    ]);
    const quarters = schedulePeriods('quarterly', 2025, 2025, '10');
    expect(quarters[2]).toMatchObject({
      key: '2025-Q3',
      label: 'Quý III/2025',
      cutoffFrom: '2025-06-15',
      cutoffTo: '2025-09-14',
      dueOn: '2025-10-10',
    });
    const months = schedulePeriods('monthly', 2025, 2025, null);
    expect(months[0]).toMatchObject({
      key: '2025-01',
      cutoffFrom: '2024-12-15',
      cutoffTo: '2025-01-14',
      dueOn: '2025-02-20',
    });
  });
  it('makes one period for a one-off duty', () => {
    expect(schedulePeriods('once', 2025, 2025, '2025-12-16')).toHaveLength(1);
  });
});
