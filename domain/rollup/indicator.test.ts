import { describe, expect, it } from 'vitest';
import {
  entryFromStored,
  type Indicator,
  indicatorFromStored,
  normalizeEntry,
  SEX_CATEGORIES,
  validateIndicator,
} from './indicator.ts';

const trainedBySex: Indicator = {
  kind: 'ratio',
  aggregation: 'sum',
  categories: SEX_CATEGORIES,
  totalRule: 'sum_of_categories',
};
// "Số buổi tuyên truyền, trong đó nữ chủ trì": the sex breakdown with only `female` given.
const sessionsOfWhichWomen: Indicator = {
  kind: 'count',
  aggregation: 'sum',
  categories: SEX_CATEGORIES,
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
  it('makes nam + nữ add up to a given total once both are given', () => {
    expect(
      codes(
        normalizeEntry(sessionsOfWhichWomen, {
          total: { value: 4 },
          female: { value: 1 },
          male: { value: 2 },
        }),
      ),
    ).toEqual(['total:total_mismatch']);
    expect(
      normalizeEntry(sessionsOfWhichWomen, { total: { value: 4 }, female: { value: 1 }, male: { value: 3 } })
        .ok,
    ).toBe(true);
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

describe('stored indicators and values (contracts/reporting.ts)', () => {
  it('reads the stored rows: total entered, nam + nữ checked against it', () => {
    const indicator = indicatorFromStored({
      kind: 'ratio',
      aggregation: 'sum',
      disaggregation: 'sex',
      threshold: 1,
    });
    expect(indicator).toEqual({
      kind: 'ratio',
      aggregation: 'sum',
      threshold: 1,
      categories: ['male', 'female'],
      totalRule: 'given',
    });
    const rows = [
      { category: 'total', numerator: 45, denominator: 50 },
      { category: 'male', numerator: 20, denominator: 22 },
      { category: 'female', numerator: 25, denominator: 28 },
    ];
    expect(normalizeEntry(indicator, entryFromStored(indicator, rows)).ok).toBe(true);
    const wrong = entryFromStored(indicator, [
      ...rows.slice(0, 2),
      { category: 'female', numerator: 24, denominator: 28 },
    ]);
    expect(codes(normalizeEntry(indicator, wrong))).toEqual(['total:total_mismatch']);
    const noDenominator = entryFromStored(indicator, [
      { category: 'total', numerator: 4, denominator: null },
    ]);
    expect(codes(normalizeEntry(indicator, noDenominator))).toEqual(['total.denominator:not_a_number']);
  });
  it('reads a count from the numerator and skips empty rows', () => {
    const indicator = indicatorFromStored({
      kind: 'count',
      aggregation: 'count_units_meeting',
      disaggregation: 'none',
      threshold: 2,
    });
    const rows = [
      { category: 'total', numerator: 3, denominator: null },
      { category: 'male', numerator: null, denominator: null },
    ];
    expect(entryFromStored(indicator, rows)).toEqual({ total: { value: 3 } });
  });
});
