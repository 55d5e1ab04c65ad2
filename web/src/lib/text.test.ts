import { describe, expect, it } from 'vitest';
import { formatIsoDate, formatNumber } from './format.ts';
import { foldedSelectSearch, includesFolded } from './text.ts';

describe('includesFolded', () => {
  it('ignores tones, vowel marks, đ and case', () => {
    expect(includesFolded('Công đoàn ngành Giáo dục', 'cong doan nganh giao')).toBe(true);
  });
});

describe('format', () => {
  it('shows dates dd/mm/yyyy and numbers in Vietnamese', () => {
    expect(formatIsoDate('2025-06-30')).toBe('30/06/2025');
    expect(formatNumber(10500000)).toBe('10.500.000');
  });
});

describe('foldedSelectSearch', () => {
  it('finds an option typed without diacritics, and not another', () => {
    const { filterOption } = foldedSelectSearch;
    expect(filterOption('can bo', { label: 'TE_CB — Cán bộ công đoàn chủ chốt' })).toBe(true);
    expect(filterOption('DUONG', { label: 'Công đoàn xã Tam Đường' })).toBe(true);
    expect(filterOption('tan phong', { label: 'Công đoàn xã Tam Đường' })).toBe(false);
    expect(filterOption('x', undefined)).toBe(false);
  });
});
