import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldChars, foldText, matchesAllTerms, searchTerms, slug, withoutMarks } from './fold-text.ts';

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

describe('foldChars', () => {
  it('folds like foldText but keeps every index', () => {
    const source = 'Kế hoạch số 72/KH-LĐLĐ  ngày 10/5';
    expect(foldChars(source)).toBe('ke hoach so 72/kh-ldld  ngay 10/5');
    expect(foldChars(source).length).toBe(source.length);
  });
  it('is foldText up to whitespace on any composed text', () => {
    const letters = fc.constantFrom(
      ...'aăâbcdđeêghiklmnoôơpqrstuưvxyÀÁẢÃẠẮẰẲẴẶẤẦẨẪẬĐÈÉẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ 0123456789/-.'.split(
        '',
      ),
    );
    fc.assert(
      fc.property(fc.array(letters, { maxLength: 40 }), (chars) => {
        const text = chars.join('');
        expect(foldChars(text).length).toBe(text.length);
        expect(foldChars(text).replace(/\s+/g, ' ').trim()).toBe(foldText(text));
      }),
    );
  });
});

describe('withoutMarks and slug', () => {
  it('drops the marks and keeps the case, or makes a lower-case slug', () => {
    expect(withoutMarks('Công đoàn phường Tân Phong – ĐẮK LẮK')).toBe('Cong doan phuong Tan Phong – DAK LAK');
    expect(slug('Báo cáo tổng hợp: Năm 2025 (Đợt 1)')).toBe('bao-cao-tong-hop-nam-2025-dot-1');
    expect(slug('a'.repeat(100), 60)).toHaveLength(60);
    expect(slug('!!!')).toBe('');
  });
});
