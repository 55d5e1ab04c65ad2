import { describe, expect, it } from 'vitest';
import { foldText, matchesAllTerms, searchTerms } from './fold-text.ts';

describe('foldText', () => {
  it('removes diacritics and đ', () => {
    expect(foldText('Liên đoàn Lao động tỉnh Thái Bình')).toBe('lien doan lao dong tinh thai binh');
    expect(foldText('ĐẮK LẮK')).toBe('dak lak');
  });
  it('treats composed and decomposed input alike', () => {
    expect(foldText('Hòa'.normalize('NFD'))).toBe(foldText('Hòa'));
  });
  it('matches every search term', () => {
    const target = foldText('Kế hoạch 72/KH-LĐLĐ Lai Châu');
    expect(matchesAllTerms(target, searchTerms('ke hoach 72 lai chau'))).toBe(true);
    expect(matchesAllTerms(target, searchTerms('ke hoach 73'))).toBe(false);
  });
});
