import { describe, expect, it } from 'vitest';
import { type IndicatorRule, indicatorRulesOf, validateReport } from './validate-report.ts';

const trained: IndicatorRule = {
  id: 1,
  code: 'CB_TAPHUAN',
  name: 'Cán bộ được tập huấn',
  kind: 'ratio',
  disaggregation: 'sex',
  required: true,
};
const sessions: IndicatorRule = {
  id: 2,
  code: 'HOAT_DONG',
  name: 'Số hoạt động',
  kind: 'count',
  disaggregation: 'none',
  required: false,
};
const sections = [{ key: 'results', title: 'Kết quả thực hiện', required: true }];
const v = (
  indicatorId: number,
  numerator: number | null,
  denominator: number | null = null,
  category: 'total' | 'male' | 'female' = 'total',
) => ({
  indicatorId,
  category,
  numerator,
  denominator,
  comment: null,
});

describe('validateReport', () => {
  it('accepts a complete, consistent report', () => {
    const issues = validateReport(
      [trained, sessions],
      sections,
      [v(1, 45, 50), v(1, 20, 22, 'male'), v(1, 25, 28, 'female'), v(2, 3)],
      { results: 'Đã tổ chức 3 lớp.' },
      [],
      true,
    );
    expect(issues).toEqual([]);
  });
  it('names the field of every error: numerator above denominator, fractions, negatives, sex split', () => {
    const issues = validateReport(
      [trained, sessions],
      sections,
      [v(1, 60, 50), v(1, 20, 22, 'male'), v(1, 25, 28, 'female'), v(2, -1.5)],
      { results: 'x' },
      [],
      true,
    );
    expect(issues.map((i) => i.field)).toEqual([
      'values.1.total.numerator',
      'values.2.total.numerator',
      'values.1.total.numerator',
    ]);
    expect(issues[0]!.message).toBe('Tử số (60) lớn hơn mẫu số (50).');
  });
  it('lets a draft be incomplete but not a submission', () => {
    expect(validateReport([trained], sections, [], {}, [], false)).toEqual([]);
    const fields = validateReport([trained], sections, [], { results: '  ' }, [], true).map((i) => i.field);
    expect(fields).toEqual(['values.1.total.numerator', 'narrative.results']);
  });
  it('warns, without blocking, when a value moves implausibly from the last period', () => {
    const issues = validateReport([sessions], [], [v(2, 40)], {}, [v(2, 4)], true);
    expect(issues).toEqual([
      expect.objectContaining({ field: 'values.2.total.numerator', severity: 'warning' }),
    ]);
    expect(validateReport([sessions], [], [v(2, 5)], {}, [v(2, 4)], true)).toEqual([]);
  });
});

describe('indicatorRulesOf', () => {
  it('keeps only what validation reads from a form indicator', () => {
    const form = {
      indicators: [
        {
          id: 3,
          code: 'DV',
          name: 'Đoàn viên',
          kind: 'count' as const,
          disaggregation: 'sex' as const,
          required: true,
          unit: 'người',
          version: 2,
        },
      ],
    };
    expect(indicatorRulesOf(form)).toEqual([
      { id: 3, code: 'DV', name: 'Đoàn viên', kind: 'count', disaggregation: 'sex', required: true },
    ]);
  });
});
