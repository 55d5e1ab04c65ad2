import { describe, expect, it } from 'vitest';
import { dateNeedles, findAnyInSource, findInSource, foldSource, segmentText } from './source-spans.ts';

describe('findInSource', () => {
  const text =
    'Số: 72/KH-LĐLĐ   Lai Châu, ngày 10 tháng 5 năm 2024\n\nKẾ HOẠCH\nThực hiện Chỉ thị\nsố 28-CT/TW';
  const source = foldSource(text);

  it('finds text typed without accents, in another case, across line breaks', () => {
    const span = findInSource(source, 'ke hoach thuc hien chi thi so 28-ct/tw');
    expect(span).not.toBeNull();
    expect(text.slice(span?.start, span?.end)).toBe('KẾ HOẠCH\nThực hiện Chỉ thị\nsố 28-CT/TW');
  });

  it('finds a symbol with Đ written as D', () => {
    const span = findInSource(source, '72/KH-LDLD');
    expect(text.slice(span?.start, span?.end)).toBe('72/KH-LĐLĐ');
  });

  it('finds the date in words', () => {
    const span = findAnyInSource(source, dateNeedles('2024-05-10'));
    expect(text.slice(span?.start, span?.end)).toBe('ngày 10 tháng 5 năm 2024');
  });

  it('answers null for text that is not there or too short', () => {
    expect(findInSource(source, 'Hưng Yên')).toBeNull();
    expect(findInSource(source, ' ')).toBeNull();
  });

  it('maps back through decomposed characters', () => {
    const decomposed = 'Lai Cha\u0302u va\u0300 Ha\u0300 Nội';
    const span = findInSource(foldSource(decomposed), 'ha noi');
    expect(decomposed.slice(span?.start, span?.end)).toBe('Ha\u0300 Nội');
  });
});

describe('segmentText', () => {
  it('cuts at every boundary and marks where each span starts', () => {
    const spans = new Map([
      ['a', { start: 2, end: 8 }],
      ['b', { start: 5, end: 10 }],
    ]);
    const segments = segmentText(12, spans);
    expect(segments.map((s) => [s.start, s.end, s.keys.join('+'), s.startsHere.join('+')])).toEqual([
      [0, 2, '', ''],
      [2, 5, 'a', 'a'],
      [5, 8, 'a+b', 'b'],
      [8, 10, 'b', ''],
      [10, 12, '', ''],
    ]);
  });
});
