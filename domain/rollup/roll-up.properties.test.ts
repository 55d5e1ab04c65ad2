import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Entry, type Indicator, normalizeEntry, SEX_CATEGORIES } from './indicator.ts';
import {
  ancestorsInclusiveOf,
  applyApprovalDelta,
  orderTree,
  rollUpFromScratch,
  type TreeNode,
} from './roll-up.ts';

/** Unit ids are not positions: id of position i. */
const idOf = (i: number) => 1000 + i * 7;

/** A random forest given in a shuffled row order; parents always come from earlier positions. */
const treeArb = fc.array(fc.tuple(fc.nat(), fc.boolean()), { minLength: 0, maxLength: 40 }).chain((links) => {
  const tree: TreeNode[] = [{ id: idOf(0), parentId: null }];
  links.forEach(([pick, root], index) => {
    const i = index + 1;
    tree.push({ id: idOf(i), parentId: root && pick % 5 === 0 ? null : idOf(pick % i) });
  });
  return fc.shuffledSubarray(tree, { minLength: tree.length, maxLength: tree.length });
});

const INDICATORS: Record<string, Indicator> = {
  'ratio by sex': {
    kind: 'ratio',
    aggregation: 'sum',
    categories: SEX_CATEGORIES,
    totalRule: 'sum_of_categories',
  },
  'count, of which women': {
    kind: 'count',
    aggregation: 'sum',
    categories: SEX_CATEGORIES,
    totalRule: 'given',
  },
  'units meeting ≥ 2': {
    kind: 'count',
    aggregation: 'count_units_meeting',
    threshold: 2,
    categories: SEX_CATEGORIES,
    totalRule: 'sum_of_categories',
  },
  'yes/no units meeting': {
    kind: 'boolean',
    aggregation: 'count_units_meeting',
    categories: [],
    totalRule: 'given',
  },
  'sum of amounts': { kind: 'sum', aggregation: 'sum', categories: [], totalRule: 'given' },
  max: { kind: 'count', aggregation: 'max', categories: SEX_CATEGORIES, totalRule: 'given' },
  min: { kind: 'sum', aggregation: 'min', categories: [], totalRule: 'given' },
};

const seedArb = fc.tuple(fc.nat(60), fc.nat(60), fc.nat(60), fc.nat(60), fc.boolean());

/** A valid entry for the indicator, built from random numbers (always passes `normalizeEntry`). */
function entryFor(
  indicator: Indicator,
  [a, b, c, d, withPart]: [number, number, number, number, boolean],
): Entry {
  const raw: Record<string, { value: number } | { numerator: number; denominator: number }> = {};
  if (indicator.kind === 'ratio') {
    raw.male = { numerator: a % (b + 1), denominator: b };
    raw.female = { numerator: c % (d + 1), denominator: d };
  } else if (indicator.kind === 'boolean') {
    raw.total = { value: a % 2 };
  } else if (indicator.totalRule === 'sum_of_categories') {
    raw.male = { value: a % 4 };
    raw.female = { value: b % 4 };
  } else {
    raw.total = { value: a + b };
    if (withPart && indicator.categories.includes('female')) raw.female = { value: b };
  }
  const result = normalizeEntry(indicator, raw);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.entry;
}

const opsArb = fc.array(fc.tuple(fc.nat(), fc.option(seedArb, { freq: 3 })), { maxLength: 40 });

describe('incremental maintenance equals the roll-up from scratch', () => {
  for (const [name, indicator] of Object.entries(INDICATORS)) {
    it(`after any approvals, changes and unlocks (${name})`, () => {
      fc.assert(
        fc.property(
          treeArb,
          opsArb,
          fc.array(fc.boolean(), { minLength: 41, maxLength: 41 }),
          (tree, ops, flags) => {
            const expected = new Set(tree.filter((_, i) => flags[i]).map((n) => n.id));
            const { parentOf } = orderTree(tree);
            const reported = new Map<number, Entry>();
            const aggregates = rollUpFromScratch(tree, reported, indicator, expected);
            for (const [pick, seed] of ops) {
              const unit = tree[pick % tree.length]!.id;
              const previous = reported.get(unit) ?? null;
              const next = seed ? entryFor(indicator, seed) : null;
              if (next) reported.set(unit, next);
              else reported.delete(unit);
              const stale = applyApprovalDelta(
                aggregates,
                ancestorsInclusiveOf(parentOf, unit),
                previous,
                next,
                indicator,
                { expected: expected.has(unit) },
              );
              const fresh = rollUpFromScratch(tree, reported, indicator, expected);
              if (indicator.aggregation === 'sum' || indicator.aggregation === 'count_units_meeting') {
                expect(stale).toEqual([]);
              }
              // Only the aggregates flagged stale may differ; the caller recomputes them.
              for (const id of stale) aggregates.set(id, fresh.get(id)!);
              expect(aggregates).toEqual(fresh);
            }
          },
        ),
        { numRuns: 150 },
      );
    });
  }
});

describe('ratios are sums of numerators over sums of denominators', () => {
  const ratio = INDICATORS['ratio by sex']!;
  it('at the top of any tree', () => {
    fc.assert(
      fc.property(fc.array(seedArb, { minLength: 1, maxLength: 40 }), (seeds) => {
        const tree: TreeNode[] = seeds.map((_, i) => ({
          id: i,
          parentId: i === 0 ? null : Math.floor(i / 3),
        }));
        const reported = new Map(seeds.map((seed, i) => [i, entryFor(ratio, seed)]));
        const top = rollUpFromScratch(tree, reported, ratio).get(0)!;
        let numerator = 0;
        let denominator = 0;
        for (const entry of reported.values()) {
          const total = entry.total as { numerator: number; denominator: number };
          numerator += total.numerator;
          denominator += total.denominator;
        }
        expect(top.numerator).toBe(numerator);
        expect(top.denominator).toBe(denominator);
        expect(top.value).toBe(denominator === 0 ? null : (numerator / denominator) * 100);
      }),
    );
  });

  it('and so differ from the mean of unit percentages when denominators differ', () => {
    const plain: Indicator = { kind: 'ratio', aggregation: 'sum', categories: [], totalRule: 'given' };
    const cellArb = fc.integer({ min: 1, max: 500 }).chain((d) => fc.tuple(fc.nat(d), fc.constant(d)));
    fc.assert(
      fc.property(cellArb, cellArb, ([n1, d1], [n2, d2]) => {
        fc.pre(d1 !== d2 && n1 * d2 !== n2 * d1); // different sizes, different rates
        const tree: TreeNode[] = [
          { id: 1, parentId: null },
          { id: 2, parentId: 1 },
          { id: 3, parentId: 1 },
        ];
        const reported = new Map<number, Entry>([
          [2, { total: { numerator: n1, denominator: d1 } }],
          [3, { total: { numerator: n2, denominator: d2 } }],
        ]);
        const value = rollUpFromScratch(tree, reported, plain).get(1)!.value!;
        const meanOfPercentages = ((n1 / d1) * 100 + (n2 / d2) * 100) / 2;
        expect(value).toBeCloseTo(((n1 + n2) / (d1 + d2)) * 100, 9);
        expect(Math.abs(value - meanOfPercentages)).toBeGreaterThan(1e-9);
      }),
    );
  });
});

describe('reorganisation', () => {
  const ratio: Indicator = { kind: 'ratio', aggregation: 'sum', categories: [], totalRule: 'given' };
  // Position 0 is the nation, 1..provinces the provinces; every other unit hangs below a province.
  const orgArb = fc.integer({ min: 2, max: 5 }).chain((provinces) =>
    fc.record({
      provinces: fc.constant(provinces),
      units: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean(), seedArb), { minLength: 1, maxLength: 40 }),
    }),
  );

  function provinceOf(tree: TreeNode[], id: number, provinces: number): number {
    const parent = new Map(tree.map((n) => [n.id, n.parentId]));
    let current = id;
    while (current > provinces) current = parent.get(current)!;
    return current;
  }

  it('keeps the national total while province totals follow the new tree', () => {
    fc.assert(
      fc.property(orgArb, ({ provinces, units }) => {
        const before: TreeNode[] = [{ id: 0, parentId: null }];
        for (let p = 1; p <= provinces; p++) before.push({ id: p, parentId: 0 });
        const after = before.map((n) => ({ ...n }));
        const reported = new Map<number, Entry>();
        units.forEach(([oldPick, newPick, moves, [a, b]], index) => {
          const id = provinces + 1 + index;
          const oldParent = 1 + (oldPick % (id - 1));
          before.push({ id, parentId: oldParent });
          after.push({ id, parentId: moves ? 1 + (newPick % (id - 1)) : oldParent });
          reported.set(id, { total: { numerator: a % (b + 1), denominator: b } });
        });
        const grassroots = new Set(reported.keys());
        const rolledBefore = rollUpFromScratch(before, reported, ratio, grassroots);
        const rolledAfter = rollUpFromScratch(after, reported, ratio, grassroots);
        expect(rolledAfter.get(0)).toEqual(rolledBefore.get(0));
        for (let p = 1; p <= provinces; p++) {
          let numerator = 0;
          let denominator = 0;
          for (const [id, entry] of reported) {
            if (provinceOf(after, id, provinces) !== p) continue;
            const total = entry.total as { numerator: number; denominator: number };
            numerator += total.numerator;
            denominator += total.denominator;
          }
          expect(rolledAfter.get(p)).toMatchObject({ numerator, denominator });
        }
      }),
    );
  });
});
