import { periodOfKey, type ReportingPeriod } from './periods.ts';

const ROMAN = ['I', 'II', 'III', 'IV'];
const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * A period's name, the one place it is written: "Năm 2025", "6 tháng đầu năm 2025", "Quý III/2025",
 * "Tháng 7/2025" (stored with the period, printed on papers); in English "Year 2025", "First half
 * of 2025", "Q3 2025", "July 2025".
 */
export function periodLabel(
  period: Pick<ReportingPeriod, 'frequency' | 'year' | 'index' | 'key'>,
  lang: 'vi' | 'en' = 'vi',
): string {
  const vi = lang === 'vi';
  switch (period.frequency) {
    case 'annual':
      return vi ? `Năm ${period.year}` : `Year ${period.year}`;
    case 'semiannual':
      return vi
        ? `6 tháng ${period.index === 1 ? 'đầu' : 'cuối'} năm ${period.year}`
        : `${period.index === 1 ? 'First' : 'Second'} half of ${period.year}`;
    case 'quarterly':
      return vi ? `Quý ${ROMAN[period.index - 1]}/${period.year}` : `Q${period.index} ${period.year}`;
    case 'monthly':
      return vi ? `Tháng ${period.index}/${period.year}` : `${MONTHS_EN[period.index - 1]} ${period.year}`;
    case 'once':
      return vi ? `Báo cáo một lần (${period.key})` : `One-time report (${period.key})`;
  }
}

/** A stored period's name in the reader's language, from its key; the stored label when the key is not one of ours. */
export function periodLabelOfKey(key: string, storedLabel: string, lang: 'vi' | 'en'): string {
  if (lang === 'vi') return storedLabel;
  const period = periodOfKey(key);
  return period ? periodLabel(period, lang) : storedLabel;
}
