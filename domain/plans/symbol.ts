import type { TUnitType } from '../../contracts/org.ts';
import { foldText } from '../fold-text.ts';

/**
 * A symbol folded for matching: "72/KH-LĐLĐ", "72/KH-LDLD" and "72 / kh-ldld" are one key, and so
 * are "07/HD-TLĐ" and "7/HD-TLĐ" (a number written with a leading zero is the same number).
 * Migration 20261122173015_symbol_key_leading_zeros applies the same rule to stored keys.
 */
export function symbolKey(symbol: string): string {
  return foldText(symbol)
    .replace(/\s+/g, '')
    .toUpperCase()
    .replace(/^0+(?=\d)/, '');
}

/** The number of a symbol ("72/KH-LĐLĐ" → 72, "28-CT/TW" → 28), or null. */
export function symbolNumber(symbol: string): number | null {
  const match = /^\s*(\d{1,6})/.exec(symbol);
  return match ? Number(match[1]) : null;
}

/** The same symbol with another number: the suggestion for a unit's next document. */
export function withNumber(template: string, next: number): string {
  return /^\s*\d{1,6}/.test(template) ? template.replace(/^\s*\d{1,6}/, String(next)) : `${next}/${template}`;
}

/** The abbreviation of an issuing unit's type in document symbols (72/KH-LĐLĐ). */
export const ISSUER_CODES: Record<TUnitType, string> = {
  national: 'TLĐ',
  province: 'LĐLĐ',
  central_sector: 'CĐN',
  district: 'LĐLĐ',
  commune: 'CĐ',
  sector: 'CĐN',
  industrial_zone: 'CĐKCN',
  grassroots: 'CĐCS',
};

/** "KH-CĐ": the part of a symbol after the number, for a unit's type. */
export function symbolSuffix(kind: string, unitType: string): string {
  return `${kind}-${ISSUER_CODES[unitType as TUnitType] ?? ISSUER_CODES.grassroots}`;
}
