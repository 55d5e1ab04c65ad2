import dayjs, { type Dayjs } from 'dayjs';

/** Dates are shown dd/mm/yyyy in every UI language (the official Vietnamese format). */
export const DISPLAY_DATE_FORMAT = 'DD/MM/YYYY';
export const ISO_DATE_FORMAT = 'YYYY-MM-DD';

const numberFormat = new Intl.NumberFormat('vi-VN');

export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/** `2025-06-30` → `30/06/2025`; anything else is returned unchanged. */
export function formatIsoDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : iso;
}

/** A timestamp (ISO string) as `dd/mm/yyyy hh:mm` in local time. */
export function formatTimestamp(iso: string): string {
  // Also accept PostgreSQL's text form `2026-11-22 11:27:58.387+00`.
  const normalised = iso.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00');
  const value = dayjs(new Date(normalised));
  return value.isValid() ? value.format(`${DISPLAY_DATE_FORMAT} HH:mm`) : iso;
}

export const toIsoDate = (value: Dayjs): string => value.format(ISO_DATE_FORMAT);

export const fromIsoDate = (iso: string): Dayjs => dayjs(iso);

export function todayIso(): string {
  return dayjs().format(ISO_DATE_FORMAT);
}

export function isIsoDate(value: string | null | undefined): value is string {
  return !!value && /^\d{4}-\d{2}-\d{2}$/.test(value) && dayjs(value).isValid();
}
