/**
 * Our reporting periods under DHIS2's period ids and ADX's ISO 8601 periods. Pure: no I/O.
 *
 * | our key     | DHIS2     | ADX                  |
 * |-------------|-----------|----------------------|
 * | `2026`      | `2026`    | `2026-01-01/P1Y`     |
 * | `2026-H1`   | `2026S1`  | `2026-01-01/P6M`     |
 * | `2026-Q3`   | `2026Q3`  | `2026-07-01/P3M`     |
 * | `2026-07`   | `202607`  | `2026-07-01/P1M`     |
 * | `2021-2025` | (none)    | `2021-01-01/P5Y`     |
 *
 * DHIS2 has no period type of several years, so a one-time report over years goes out in ADX only.
 */

export interface ExchangePeriod {
  /** DHIS2's period id, or null when DHIS2 has no period type for it. */
  dhis2: string | null;
  /** ADX: the first day and the duration, `2026-01-01/P3M`. */
  adx: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The DHIS2 and ADX forms of one of our period keys; null for a key of no known form. */
export function exchangePeriodOf(key: string): ExchangePeriod | null {
  let m = /^(\d{4})$/.exec(key);
  if (m) return { dhis2: m[1]!, adx: `${m[1]}-01-01/P1Y` };
  m = /^(\d{4})-H([12])$/.exec(key);
  if (m) return { dhis2: `${m[1]}S${m[2]}`, adx: `${m[1]}-${m[2] === '1' ? '01' : '07'}-01/P6M` };
  m = /^(\d{4})-Q([1-4])$/.exec(key);
  if (m) return { dhis2: `${m[1]}Q${m[2]}`, adx: `${m[1]}-${pad((Number(m[2]) - 1) * 3 + 1)}-01/P3M` };
  m = /^(\d{4})-(\d{2})$/.exec(key);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12)
    return { dhis2: `${m[1]}${m[2]}`, adx: `${m[1]}-${m[2]}-01/P1M` };
  m = /^(\d{4})-(\d{4})$/.exec(key);
  if (m && Number(m[2]) > Number(m[1])) {
    return { dhis2: null, adx: `${m[1]}-01-01/P${Number(m[2]) - Number(m[1]) + 1}Y` };
  }
  return null;
}

/**
 * Our period key for a DHIS2 period id or an ADX period (`2026Q1`, `2026-01-01/P3M`); null when
 * it names no period we report by (a week, a financial year, a span not starting on its boundary).
 */
export function periodKeyOf(id: string): string | null {
  const text = id.trim();
  let m = /^(\d{4})$/.exec(text);
  if (m) return m[1]!;
  m = /^(\d{4})S([12])$/.exec(text);
  if (m) return `${m[1]}-H${m[2]}`;
  m = /^(\d{4})Q([1-4])$/.exec(text);
  if (m) return `${m[1]}-Q${m[2]}`;
  m = /^(\d{4})(\d{2})$/.exec(text);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return `${m[1]}-${m[2]}`;
  m = /^(\d{4})-(\d{2})-(\d{2})\/P(\d+)([YM])$/.exec(text);
  if (m?.[3] !== '01') return null;
  const [year, month, count, unit] = [Number(m[1]), Number(m[2]), Number(m[4]), m[5]];
  if (unit === 'Y') {
    if (month !== 1 || count < 1) return null;
    return count === 1 ? String(year) : `${year}-${year + count - 1}`;
  }
  if (count === 6 && (month === 1 || month === 7)) return `${year}-H${month === 1 ? 1 : 2}`;
  if (count === 3 && month % 3 === 1) return `${year}-Q${(month - 1) / 3 + 1}`;
  if (count === 1 && month >= 1 && month <= 12) return `${year}-${pad(month)}`;
  if (count === 12 && month === 1) return String(year);
  return null;
}
