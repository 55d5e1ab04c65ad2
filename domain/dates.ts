/** Calendar dates as ISO `YYYY-MM-DD` strings: no time zones, no clocks. */

const DAY_MS = 86_400_000;

export function addDays(isoDate: string, days: number): string {
  const time = Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS;
  return new Date(time).toISOString().slice(0, 10);
}

/** Today in Vietnam (UTC+7, no daylight saving), from an injectable clock. */
export function todayInVietnam(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** dd/mm/yyyy, the way Vietnamese documents and screens write dates. */
export function formatDateVi(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d}/${m}/${y}`;
}

/** Inclusive span test: `validTo` null means still valid. */
export function isWithin(date: string, validFrom: string, validTo: string | null): boolean {
  return validFrom <= date && (validTo === null || date <= validTo);
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(value);
}

/** Accepts `YYYY-MM-DD`, `dd/mm/yyyy` or `d/m/yyyy`; returns ISO or null. */
export function parseUserDate(value: string): string | null {
  const text = value.trim();
  if (isIsoDate(text)) return text;
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (!match) return null;
  const iso = `${match[3]}-${match[2]!.padStart(2, '0')}-${match[1]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

/** A PostgreSQL timestamp text (either engine's style) as an ISO 8601 string. */
export function toIsoTimestamp(value: string): string {
  const normalised = value.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00');
  const time = Date.parse(normalised);
  return Number.isNaN(time) ? value : new Date(time).toISOString();
}
