import { describe, expect, it } from 'vitest';
import { generatedCode, indicatorChangeRefusal, indicatorUnit } from './indicator-rules.ts';

describe('indicatorUnit', () => {
  it('fixes a ratio to %, whatever was typed', () => {
    expect(indicatorUnit('ratio', 'gia đình')).toBe('%');
    expect(indicatorUnit('ratio', null)).toBe('%');
  });
  it('keeps the unit of a count, a blank one as none', () => {
    expect(indicatorUnit('count', ' buổi ')).toBe('buổi');
    expect(indicatorUnit('sum', '  ')).toBeNull();
    expect(indicatorUnit('boolean', undefined)).toBeNull();
  });
});

describe('generatedCode', () => {
  it('takes the first letters of the words that carry meaning', () => {
    expect(generatedCode('Tỷ lệ cán bộ công đoàn được tập huấn', () => false)).toBe('CS-CBCDTH');
    expect(generatedCode('Số buổi tuyên truyền năm 2025', () => false)).toBe('CS-BTT2025');
  });
  it('adds a number until the code is free', () => {
    const taken = new Set(['CS-BTT', 'CS-BTT-2']);
    expect(generatedCode('Số buổi tuyên truyền', (c) => taken.has(c))).toBe('CS-BTT-3');
  });
  it('makes a code of a name of filler words or symbols', () => {
    expect(generatedCode('Số của', () => false)).toBe('CS-SC');
    expect(generatedCode('—', () => false)).toBe('CS-X');
  });
});

describe('indicatorChangeRefusal', () => {
  const shape = { kind: 'count', disaggregation: 'none', aggregation: 'sum', threshold: 1 };
  it('lets an unused indicator change anything', () => {
    expect(indicatorChangeRefusal(shape, { ...shape, kind: 'ratio' }, false)).toBeNull();
  });
  it('refuses a used indicator a new kind, breakdown, roll-up or threshold', () => {
    expect(indicatorChangeRefusal(shape, { ...shape, kind: 'sum' }, true)).toBe('indicator_in_use');
    expect(indicatorChangeRefusal(shape, { ...shape, disaggregation: 'sex' }, true)).toBe('indicator_in_use');
    expect(indicatorChangeRefusal(shape, { ...shape, aggregation: 'count_units_meeting' }, true)).toBe(
      'indicator_in_use',
    );
    expect(indicatorChangeRefusal(shape, { ...shape, threshold: 2 }, true)).toBe('indicator_in_use');
  });
  it('lets a used indicator keep its shape (name, unit, labels corrected)', () => {
    expect(indicatorChangeRefusal(shape, { ...shape }, true)).toBeNull();
  });
});
