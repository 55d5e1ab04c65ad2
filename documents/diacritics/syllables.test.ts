import { describe, expect, it } from 'vitest';
import { foldText } from '../../domain/fold-text.ts';
import { applyCase, hasDiacritics, looksVietnamese, tokenize } from './syllables.ts';

describe('syllables', () => {
  it('folds a syllable to lower case without marks, đ to d', () => {
    expect(foldText('Đồng')).toBe('dong');
    expect(foldText('NGHIÊNG')).toBe('nghieng');
  });

  it('tells marked words, đ included, from bare ones', () => {
    expect(hasDiacritics('công')).toBe(true);
    expect(hasDiacritics('đi')).toBe(true);
    expect(hasDiacritics('cong')).toBe(false);
    expect(hasDiacritics('co\u0302ng')).toBe(true); // NFD
  });

  it('recognises the shape of a Vietnamese syllable, not an acronym', () => {
    for (const s of ['cong', 'nghieng', 'khuyen', 'truong', 'gi', 'quy', 'oanh'])
      expect(looksVietnamese(s)).toBe(true);
    for (const s of ['ubnd', 'tw', 'ct', 'hcm', 'outdoor']) expect(looksVietnamese(s)).toBe(false);
  });

  it('keeps symbols and numbers out of the words (one gap for a run of them), and breaks at sentence ends and lines', () => {
    const kinds = tokenize('Chi thi so 28-CT/TW ve cong tac.\nKe hoach, TP.HCM').map((t) =>
      t.kind === 'word' ? t.text : `<${t.kind}>`,
    );
    expect(kinds).toEqual([
      'Chi',
      'thi',
      'so',
      '<gap>',
      've',
      'cong',
      'tac',
      '<break>',
      'Ke',
      'hoach',
      '<gap>',
    ]);
  });

  it('gives the positions of each word in the text', () => {
    const text = '  (Thuc hien)';
    const words = tokenize(text).filter((t) => t.kind === 'word');
    expect(words.map((w) => (w.kind === 'word' ? text.slice(w.start, w.end) : ''))).toEqual(['Thuc', 'hien']);
  });

  it('carries capitalisation letter by letter', () => {
    expect(applyCase('HA', 'hà')).toBe('HÀ');
    expect(applyCase('Ha', 'hà')).toBe('Hà');
    expect(applyCase('ha', 'hà')).toBe('hà');
    expect(applyCase('tHuc', 'thực')).toBe('tHực');
  });
});
