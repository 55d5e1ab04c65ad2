import { addDays } from '../../domain/dates.ts';

/** One reporting period as stored: its span, the data cut-off and the due date. */
export interface PeriodSpec {
  key: string;
  label: string;
  startsOn: string;
  endsOn: string;
  cutoffFrom: string;
  cutoffTo: string;
  dueOn: string;
}

type Frequency = 'annual' | 'semiannual' | 'quarterly' | 'monthly' | 'once';

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const iso = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;

/** The due date of a period from a duty's rule (plan-extract notation), or a default. */
function dueOf(frequency: Frequency, endYear: number, endMonth: number, rule: string | null): string {
  if (rule && /^\d{4}-\d{2}-\d{2}$/.test(rule)) return rule;
  if (rule && /^\d{2}-\d{2}$/.test(rule) && (frequency === 'annual' || frequency === 'semiannual')) {
    const [m, d] = rule.split('-').map(Number) as [number, number];
    // A half-year's rule names the first half's date; the second half is due on the same
    // day six months later (rolling into the next year).
    const month = frequency === 'semiannual' && endMonth === 12 ? ((m + 5) % 12) + 1 : m;
    const year = frequency === 'semiannual' && endMonth === 12 && month < m ? endYear + 1 : endYear;
    return iso(year, month, Math.min(d, lastDay(year, month)));
  }
  const nextMonth = endMonth === 12 ? 1 : endMonth + 1;
  const nextYear = endMonth === 12 ? endYear + 1 : endYear;
  if (rule && /^\d{2}$/.test(rule))
    return iso(nextYear, nextMonth, Math.min(Number(rule), lastDay(nextYear, nextMonth)));
  // Default: the 20th of the month after the period.
  return iso(nextYear, nextMonth, 20);
}

/**
 * Periods of a schedule between two years, with the Decree 09/2019/NĐ-CP data cut-offs:
 * month: 15th of the previous month to the 14th; quarter: 15th of the month before it to the
 * 14th of its last month; half-year: 15/12 (or 15/06) to 14/06 (or 14/12); year: 15/12 to 14/12.
 */
export function schedulePeriods(
  frequency: Frequency,
  fromYear: number,
  toYear: number,
  dueRule: string | null,
): PeriodSpec[] {
  const out: PeriodSpec[] = [];
  const push = (key: string, label: string, y: number, m1: number, m2: number) => {
    const startsOn = iso(y, m1, 1);
    const endsOn = iso(y, m2, lastDay(y, m2));
    out.push({
      key,
      label,
      startsOn,
      endsOn,
      cutoffFrom: addDays(iso(y, m1, 15), -lastDay(m1 === 1 ? y - 1 : y, m1 === 1 ? 12 : m1 - 1)),
      cutoffTo: iso(y, m2, 14),
      dueOn: dueOf(frequency, y, m2, dueRule),
    });
  };
  if (frequency === 'once') {
    const due = dueRule && /^\d{4}-\d{2}-\d{2}$/.test(dueRule) ? dueRule : iso(toYear, 12, 31);
    return [
      {
        key: `once-${due}`,
        label: `Báo cáo một lần (hạn ${due.split('-').reverse().join('/')})`,
        startsOn: iso(fromYear, 1, 1),
        endsOn: due,
        cutoffFrom: iso(fromYear, 1, 1),
        cutoffTo: due,
        dueOn: due,
      },
    ];
  }
  for (let y = fromYear; y <= toYear; y++) {
    if (frequency === 'annual') push(String(y), `Năm ${y}`, y, 1, 12);
    if (frequency === 'semiannual') {
      push(`${y}-H1`, `6 tháng đầu năm ${y}`, y, 1, 6);
      push(`${y}-H2`, `6 tháng cuối năm ${y}`, y, 7, 12);
    }
    if (frequency === 'quarterly')
      for (let q = 1; q <= 4; q++)
        push(`${y}-Q${q}`, `Quý ${['I', 'II', 'III', 'IV'][q - 1]}/${y}`, y, q * 3 - 2, q * 3);
    if (frequency === 'monthly')
      for (let m = 1; m <= 12; m++) push(`${y}-${pad(m)}`, `Tháng ${m}/${y}`, y, m, m);
  }
  return out;
}
