import { describe, expect, it } from 'vitest';
import { symbolKey, symbolNumber, withNumber } from './symbol.ts';

describe('document symbols', () => {
  it('folds OCR and typed variants to one key', () => {
    expect(symbolKey('72/KH-LĐLĐ')).toBe(symbolKey('72/KH-LDLD'));
    expect(symbolKey(' 72 / kh-lđlđ ')).toBe('72/KH-LDLD');
  });
  it('reads a number with leading zeros as the same number, and keeps a lone zero', () => {
    expect(symbolKey('07/HD-TLĐ')).toBe(symbolKey('7/HD-TLĐ'));
    expect(symbolKey(' 007 /hd-tlđ')).toBe('7/HD-TLD');
    expect(symbolKey('0/KH')).toBe('0/KH');
    expect(symbolKey('70/KH')).not.toBe(symbolKey('7/KH'));
  });
  it('reads and replaces the number of state and Party symbols', () => {
    expect(symbolNumber('28-CT/TW')).toBe(28);
    expect(symbolNumber('134/KH-LĐLĐ')).toBe(134);
    expect(withNumber('134/KH-LĐLĐ', 135)).toBe('135/KH-LĐLĐ');
    expect(symbolNumber('KH-LĐLĐ')).toBeNull();
  });
});
