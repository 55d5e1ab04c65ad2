import { describe, expect, it } from 'vitest';
import {
  categoryKeysOf,
  categoryLabel,
  checkBreakdown,
  DIMENSIONS,
  DISAGGREGATIONS,
  dimensionsOf,
  marginalsOf,
} from './breakdowns.ts';

describe('breakdowns', () => {
  it('lists none, every dimension and every pair in the dimensions order', () => {
    const n = DIMENSIONS.length;
    expect(DISAGGREGATIONS).toHaveLength(1 + n + (n * (n - 1)) / 2);
    expect(DISAGGREGATIONS).toContain('sex+area');
    expect(DISAGGREGATIONS).not.toContain('area+sex');
    expect(dimensionsOf('area+sex')).toEqual([]);
    expect(dimensionsOf('none')).toEqual([]);
  });
  it('keeps option codes unique across dimensions, so a key names its options', () => {
    const codes = DIMENSIONS.flatMap((d) => d.options.map((o) => o.code));
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).not.toContain('total');
  });
  it('makes one key per option, or per combination of two', () => {
    expect(categoryKeysOf('sex')).toEqual(['male', 'female']);
    expect(categoryKeysOf('sex+area')).toEqual([
      'male|urban',
      'male|rural',
      'male|industrial_zone',
      'female|urban',
      'female|rural',
      'female|industrial_zone',
    ]);
    expect(categoryKeysOf('none')).toEqual([]);
    expect(categoryLabel('female|urban')).toBe('Nữ – Thành thị');
    expect(categoryLabel('female|urban', 'en')).toBe('Female – Urban');
    expect(categoryLabel('total')).toBe('Tổng số');
  });
  it('sums the combinations of a two-category breakdown into each option', () => {
    const cell = (numerator: number, reportingUnits = 2) => ({
      numerator,
      denominator: 2,
      reportingUnits,
      meetingUnits: 0,
    });
    const cells = new Map(categoryKeysOf('sex+area').map((k, i) => [k, cell(i + 1)]));
    const m = marginalsOf('sex+area', cells);
    expect(m.get('male')).toEqual({ numerator: 6, denominator: 6, reportingUnits: 2, meetingUnits: 0 });
    expect(m.get('female')!.numerator).toBe(15);
    expect(m.get('urban')!.numerator).toBe(1 + 4);
    expect(m.get('industrial_zone')!.numerator).toBe(3 + 6);
    expect(marginalsOf('sex', cells).size).toBe(0);
  });
});

describe('checkBreakdown', () => {
  const total = { numerator: 10, denominator: null };
  const p = (category: string, numerator: number | null) => ({ category, numerator, denominator: null });
  it('accepts parts that add up, and "of which" parts not above the total', () => {
    expect(checkBreakdown('Đoàn viên mới', 'sex', false, total, [p('male', 4), p('female', 6)])).toEqual([]);
    expect(checkBreakdown('Đoàn viên mới', 'sex', false, total, [p('female', 6)])).toEqual([]);
  });
  it('names the indicator, the parts and the total in Vietnamese when they do not add up', () => {
    const [problem] = checkBreakdown('Đoàn viên mới', 'sex', false, total, [p('male', 4), p('female', 5)]);
    expect(problem).toEqual({
      category: 'total',
      part: 'numerator',
      code: 'parts_not_total',
      message: '"Đoàn viên mới": tổng số (10) khác tổng các nhóm (Nam 4 + Nữ 5 = 9).',
    });
    const [above] = checkBreakdown('Đoàn viên mới', 'sex', false, total, [p('female', 11)]);
    expect(above!.code).toBe('parts_exceed_total');
  });
  it('asks for every cell of a two-category grid once one is given, naming the missing cell', () => {
    const keys = categoryKeysOf('sex+area');
    const parts = keys.slice(0, 5).map((k) => p(k, 2));
    const [problem] = checkBreakdown('Lao động trẻ em', 'sex+area', false, total, parts);
    expect(problem!.code).toBe('grid_incomplete');
    expect(problem!.category).toBe('female|industrial_zone');
    expect(problem!.message).toContain('"Nữ – Khu công nghiệp, khu chế xuất"');
    const full = keys.map((k) => p(k, k === 'male|urban' ? 0 : 2));
    expect(checkBreakdown('Lao động trẻ em', 'sex+area', false, total, full)).toEqual([]);
  });
  it('refuses a category of another breakdown, and any part of an indicator without one', () => {
    expect(checkBreakdown('X', 'sex', false, total, [p('urban', 1)])[0]!.code).toBe('unknown_category');
    expect(checkBreakdown('X', 'none', false, total, [p('male', 1)])[0]!.message).toBe(
      '"X" không phân tổ theo nhóm.',
    );
  });
  it('checks a ratio numerator and denominator apart', () => {
    const problems = checkBreakdown('Cán bộ được tập huấn', 'sex', true, { numerator: 9, denominator: 10 }, [
      { category: 'male', numerator: 4, denominator: 4 },
      { category: 'female', numerator: 5, denominator: 5 },
    ]);
    expect(problems.map((x) => [x.part, x.code])).toEqual([['denominator', 'parts_not_total']]);
    expect(problems[0]!.message).toContain('(mẫu số)');
  });
});
