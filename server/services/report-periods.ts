import { addDays } from '../../domain/dates.ts';
import { periodLabel } from '../../domain/reporting/period-label.ts';
import { dueDateOf, type PeriodFrequency, periodsOf } from '../../domain/reporting/periods.ts';

/** One reporting period as stored: its calendar span, the data cut-off and the due date. */
export interface PeriodSpec {
  key: string;
  label: string;
  startsOn: string;
  endsOn: string;
  cutoffFrom: string;
  cutoffTo: string;
  dueOn: string;
}

/** "Năm 2025", "6 tháng đầu năm 2025", "Quý III/2025", "Tháng 7/2025" (domain/reporting/period-label.ts). */
export { periodLabel };

/**
 * A schedule's periods between two years: the Decree 09/2019/NĐ-CP data cut-offs and the due
 * date from the duty's rule (domain/reporting/periods.ts). Without a rule the report is due on the
 * 20th of the month after the period.
 */
export function schedulePeriods(
  frequency: PeriodFrequency,
  fromYear: number,
  toYear: number,
  dueRule: string | null,
): PeriodSpec[] {
  return periodsOf(frequency, fromYear, toYear).map((period) => {
    let due: string | null = null;
    try {
      due = dueDateOf(period, dueRule);
    } catch {
      due = null;
    }
    const [y, m] = period.calendarEnd.split('-').map(Number) as [number, number];
    const fallback = m === 12 ? `${y + 1}-01-20` : `${y}-${String(m + 1).padStart(2, '0')}-20`;
    return {
      key: period.key,
      label: periodLabel(period),
      startsOn: period.calendarStart,
      endsOn: period.calendarEnd,
      cutoffFrom: period.start,
      cutoffTo: period.end,
      dueOn: due ?? (frequency === 'once' ? addDays(period.calendarEnd, 20) : fallback),
    };
  });
}
