import { describe, expect, it } from 'vitest';
import { formatIsoDate, formatNumber } from './format.ts';
import { foldVietnamese, includesFolded } from './text.ts';

describe('foldVietnamese', () => {
  it('strips tones, vowel marks and đ', () => {
    expect(foldVietnamese('LĐLĐ tỉnh Thái Bình')).toBe('ldld tinh thai binh');
    expect(includesFolded('Công đoàn ngành Giáo dục', 'cong doan nganh giao')).toBe(true);
  });
});

describe('format', () => {
  it('shows dates dd/mm/yyyy and numbers in Vietnamese', () => {
    expect(formatIsoDate('2025-06-30')).toBe('30/06/2025');
    expect(formatNumber(10500000)).toBe('10.500.000');
  });
});
