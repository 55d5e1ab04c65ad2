import type { TFunction } from 'i18next';
import type { TComparator, TMilestone, TReportingFrequency } from '../../../contracts/plan-extract.ts';
import { formatIsoDate, formatNumber } from './format.ts';

/** "90" + "%" → "90%"; "10" + "mô hình" → "10 mô hình". */
export function valueWithUnit(value: number, unit: string | null): string {
  const number = formatNumber(value);
  if (!unit) return number;
  return unit === '%' ? `${number}%` : `${number} ${unit}`;
}

/** The comparator in words around a value: ">=" 90% → "từ 90% trở lên". */
export function comparatorPhrase(t: TFunction, op: TComparator, valueText: string): string {
  return t(`plan.comparatorPhrase.${COMPARATOR_KEY[op]}`, { value: valueText });
}

export const COMPARATOR_KEY: Record<TComparator, string> = {
  '>': 'gt',
  '>=': 'gte',
  '=': 'eq',
  '<': 'lt',
  '<=': 'lte',
};

/** "Đến năm 2025: trên 90%", "Hằng năm: từ 2 trở lên". */
export function milestoneSentence(t: TFunction, milestone: TMilestone): string {
  const phrase = comparatorPhrase(t, milestone.op, valueWithUnit(milestone.value, milestone.unit));
  if (milestone.recurrence === 'annual') return t('plan.milestoneAnnual', { phrase });
  if (milestone.year !== null) return t('plan.milestoneYear', { year: milestone.year, phrase });
  return phrase;
}

/** "11-10" (MM-DD) → "10/11". */
export function formatMonthDay(monthDay: string): string {
  const match = /^(\d{2})-(\d{2})$/.exec(monthDay);
  return match ? `${match[2]}/${match[1]}` : monthDay;
}

/** "10/11" or "10/11/2025" typed by a user → "11-10"; null when it is not a day of the year. */
export function parseMonthDay(text: string): string | null {
  const match = /^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*$/.exec(text);
  if (!match) return null;
  const day = Number(match[1]);
  const month = Number(match[2]);
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(2024, month, 0)).getUTCDate())
    return null;
  return `${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A reporting duty's due date in words: "trước ngày 10/11 hằng năm". */
export function dueSentence(t: TFunction, frequency: TReportingFrequency, due: string | null): string {
  if (frequency === 'on_request') return t('plan.due.onRequest');
  if (!due) return t('plan.due.unknown');
  switch (frequency) {
    case 'annual':
      return t('plan.due.annual', { date: formatMonthDay(due) });
    case 'semiannual':
      return t('plan.due.semiannual', { date: formatMonthDay(due) });
    case 'quarterly':
      return t('plan.due.quarterly', { day: Number(due) });
    case 'monthly':
      return t('plan.due.monthly', { day: Number(due) });
    case 'once':
      return t('plan.due.once', { date: formatIsoDate(due) });
    default:
      return t('plan.due.periodic', { date: /^\d{2}-\d{2}$/.test(due) ? formatMonthDay(due) : due });
  }
}

/** The form of `due` each frequency takes (plan-extract/v1). */
export type DueShape = 'monthDay' | 'day' | 'date' | 'none';

export function dueShape(frequency: TReportingFrequency): DueShape {
  if (frequency === 'annual' || frequency === 'semiannual') return 'monthDay';
  if (frequency === 'monthly' || frequency === 'quarterly') return 'day';
  if (frequency === 'once') return 'date';
  return 'none';
}

/** Does `due` fit the frequency (the server refuses one that does not)? */
export function dueFits(frequency: TReportingFrequency, due: string | null): boolean {
  if (due === null) return true;
  const shape = dueShape(frequency);
  if (shape === 'monthDay') return /^\d{2}-\d{2}$/.test(due);
  if (shape === 'day') return /^\d{2}$/.test(due);
  if (shape === 'date') return /^\d{4}-\d{2}-\d{2}$/.test(due);
  return false;
}
