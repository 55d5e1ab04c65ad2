import { describe, expect, it } from 'vitest';
import { type Indicator, normalizeEntry, SEX_CATEGORIES, validateIndicator } from './indicator.ts';

const trainedBySex: Indicator = {
  kind: 'ratio',
  aggregation: 'sum',
  categories: SEX_CATEGORIES,
  totalRule: 'sum_of_categories',
};
const sessionsOfWhichWomen: Indicator = {
  kind: 'count',
  aggregation: 'sum',
  categories: ['female'],
  totalRule: 'given',
};

function codes(result: ReturnType<typeof normalizeEntry>): string[] {
  return result.ok ? [] : result.problems.map((p) => `${p.field}:${p.code}`);
}

describe('validateIndicator', () => {
  it('accepts the usual definitions', () => {
    expect(validateIndicator(trainedBySex)).toEqual([]);
    expect(validateIndicator(sessionsOfWhichWomen)).toEqual([]);
    expect(
      validateIndicator({
        kind: 'boolean',
        aggregation: 'count_units_meeting',
        categories: [],
        totalRule: 'given',
      }),
    ).toEqual([]);
  });
  it('refuses an average-free ratio rule, a broken-down yes/no and a sum of no categories', () => {
    const problems = [
      ...validateIndicator({ ...trainedBySex, aggregation: 'max' }),
      ...validateIndicator({ kind: 'boolean', aggregation: 'sum', categories: ['male'], totalRule: 'given' }),
      ...validateIndicator({
        kind: 'count',
        aggregation: 'sum',
        categories: [],
        totalRule: 'sum_of_categories',
      }),
      ...validateIndicator({
        kind: 'count',
        aggregation: 'sum',
        categories: ['total', 'x', 'x'],
        totalRule: 'given',
      }),
    ].map((p) => p.code);
    expect(problems).toEqual([
      'rule_not_allowed',
      'boolean_breakdown',
      'no_categories',
      'bad_category',
      'bad_category',
    ]);
  });
});

describe('normalizeEntry', () => {
  it('computes the total as the sum of the sexes', () => {
    const result = normalizeEntry(trainedBySex, {
      male: { numerator: 12, denominator: 15 },
      female: { numerator: 7, denominator: 8 },
    });
    expect(result).toEqual({
      ok: true,
      entry: {
        total: { numerator: 19, denominator: 23 },
        male: { numerator: 12, denominator: 15 },
        female: { numerator: 7, denominator: 8 },
      },
    });
  });
  it('checks a given total against the sexes, and needs both sexes', () => {
    expect(
      codes(
        normalizeEntry(trainedBySex, {
          total: { numerator: 20, denominator: 23 },
          male: { numerator: 12, denominator: 15 },
          female: { numerator: 7, denominator: 8 },
        }),
      ),
    ).toEqual(['total:total_mismatch']);
    expect(codes(normalizeEntry(trainedBySex, { male: { numerator: 1, denominator: 2 } }))).toEqual([
      'female:missing_category',
    ]);
  });
  it('refuses more trained than cadres, fractions of people, negatives and unknown groups', () => {
    expect(
      codes(
        normalizeEntry(trainedBySex, {
          male: { numerator: 16, denominator: 15 },
          female: { numerator: 1.5, denominator: -8 },
          youth: { numerator: 1, denominator: 1 },
        }),
      ),
    ).toEqual([
      'youth:unknown_category',
      'male.numerator:numerator_exceeds_denominator',
      'female.numerator:not_whole',
      'female.denominator:negative',
    ]);
  });
  it('keeps "trong đó nữ" optional under a given total but not above it', () => {
    expect(normalizeEntry(sessionsOfWhichWomen, { total: { value: 4 } })).toEqual({
      ok: true,
      entry: { total: { value: 4 } },
    });
    expect(
      codes(normalizeEntry(sessionsOfWhichWomen, { total: { value: 4 }, female: { value: 5 } })),
    ).toEqual(['female:category_exceeds_total']);
    expect(codes(normalizeEntry(sessionsOfWhichWomen, { female: { value: 2 } }))).toEqual([
      'total:missing_total',
    ]);
  });
  it('takes only 0 or 1 for yes/no, and a value, not a ratio, for counts', () => {
    const heldSession: Indicator = {
      kind: 'boolean',
      aggregation: 'count_units_meeting',
      categories: [],
      totalRule: 'given',
    };
    expect(normalizeEntry(heldSession, { total: { value: 1 } }).ok).toBe(true);
    expect(codes(normalizeEntry(heldSession, { total: { value: 2 } }))).toEqual(['total.value:not_boolean']);
    expect(codes(normalizeEntry(sessionsOfWhichWomen, { total: { numerator: 1, denominator: 2 } }))).toEqual([
      'total:shape',
    ]);
  });
});
