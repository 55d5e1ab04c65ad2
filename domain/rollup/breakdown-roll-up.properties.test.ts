import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { categoryKeysOf, marginalsOf, optionsOfKey } from '../reporting/breakdowns.ts';
import { type Entry, entryFromStored, indicatorFromStored, normalizeEntry } from './indicator.ts';
import {
  ancestorsInclusiveOf,
  applyApprovalDelta,
  orderTree,
  rollUpFromScratch,
  type TreeNode,
} from './roll-up.ts';

/**
 * A breakdown by two categories (sex × area, sector × area) rolls up cell by cell: every
 * combination of every unit equals the sum, counted from scratch, of that combination over the
 * units of its subtree that reported — and each option's marginal (all `female|…` cells) the sum
 * of that option over the same units.
 */

const idOf = (i: number) => 500 + i * 3;

/** A random tree: parents always earlier, so it has no cycle; one or more roots. */
const treeArb = fc.array(fc.tuple(fc.nat(), fc.boolean()), { maxLength: 30 }).map((links) => {
  const tree: TreeNode[] = [{ id: idOf(0), parentId: null }];
  links.forEach(([pick, root], index) => {
    const i = index + 1;
    tree.push({ id: idOf(i), parentId: root && pick % 7 === 0 ? null : idOf(pick % i) });
  });
  return tree;
});

const CASES = [
  { disaggregation: 'sex+area', kind: 'count' as const },
  { disaggregation: 'sector+area', kind: 'count' as const },
  { disaggregation: 'sex+age_child', kind: 'ratio' as const },
];

/** Stored rows of one unit's report: every combination, and the total as their sum. */
function rowsFor(kind: 'count' | 'ratio', keys: string[], numbers: number[]) {
  const rows = keys.map((category, k) => {
    const n = numbers[k % numbers.length]!;
    return kind === 'ratio'
      ? { category, numerator: n, denominator: n + (k % 3) }
      : { category, numerator: n, denominator: null };
  });
  const total = rows.reduce(
    (s, r) => ({ numerator: s.numerator + r.numerator, denominator: s.denominator + (r.denominator ?? 0) }),
    { numerator: 0, denominator: 0 },
  );
  return [
    {
      category: 'total',
      numerator: total.numerator,
      denominator: kind === 'ratio' ? total.denominator : null,
    },
    ...rows,
  ];
}

describe('a breakdown by two categories rolls up like a from-scratch sum', () => {
  for (const { disaggregation, kind } of CASES) {
    it(`${disaggregation} (${kind})`, () => {
      const indicator = indicatorFromStored({ kind, aggregation: 'sum', disaggregation, threshold: 1 });
      const keys = categoryKeysOf(disaggregation);
      expect(keys.length).toBeGreaterThan(5);
      fc.assert(
        fc.property(
          treeArb,
          fc.array(fc.tuple(fc.nat(40), fc.array(fc.nat(50), { minLength: 1, maxLength: 8 })), {
            maxLength: 25,
          }),
          (tree, reports) => {
            const stored = new Map<number, ReturnType<typeof rowsFor>>();
            for (const [pick, numbers] of reports)
              stored.set(tree[pick % tree.length]!.id, rowsFor(kind, keys, numbers));
            const reported = new Map<number, Entry>();
            for (const [unit, rows] of stored) {
              const result = normalizeEntry(indicator, entryFromStored(indicator, rows));
              if (!result.ok) throw new Error(JSON.stringify(result.problems));
              reported.set(unit, result.entry);
            }
            const aggregates = rollUpFromScratch(tree, reported, indicator);
            const { parentOf } = orderTree(tree);
            // From scratch: each reporting unit's rows added to itself and every ancestor.
            const naive = new Map<string, { n: number; d: number; units: number }>();
            for (const [unit, rows] of stored) {
              for (const at of ancestorsInclusiveOf(parentOf, unit)) {
                for (const row of rows) {
                  const k = `${at}/${row.category}`;
                  const cell = naive.get(k) ?? { n: 0, d: 0, units: 0 };
                  cell.n += row.numerator;
                  cell.d += kind === 'ratio' ? row.denominator! : 1;
                  cell.units += 1;
                  naive.set(k, cell);
                }
                // the marginals, from the rows directly
                for (const row of rows) {
                  if (row.category === 'total') continue;
                  for (const option of optionsOfKey(row.category)) {
                    const k = `${at}/option:${option}`;
                    const cell = naive.get(k) ?? { n: 0, d: 0, units: 0 };
                    cell.n += row.numerator;
                    cell.d += kind === 'ratio' ? row.denominator! : 1;
                    naive.set(k, cell);
                  }
                }
              }
            }
            for (const node of tree) {
              const aggregate = aggregates.get(node.id)!;
              const expectTotal = naive.get(`${node.id}/total`) ?? { n: 0, d: 0, units: 0 };
              expect([aggregate.numerator, aggregate.denominator, aggregate.reportingUnits]).toEqual([
                expectTotal.n,
                expectTotal.d,
                expectTotal.units,
              ]);
              for (const key of keys) {
                const cell = aggregate.categories[key]!;
                const want = naive.get(`${node.id}/${key}`) ?? { n: 0, d: 0, units: 0 };
                expect([cell.numerator, cell.denominator, cell.reportingUnits]).toEqual([
                  want.n,
                  want.d,
                  want.units,
                ]);
              }
              const marginals = marginalsOf(
                disaggregation,
                new Map(keys.map((k) => [k, aggregate.categories[k]!])),
              );
              for (const [option, cell] of marginals) {
                const want = naive.get(`${node.id}/option:${option}`) ?? { n: 0, d: 0 };
                expect([cell.numerator, cell.denominator]).toEqual([want.n, want.d]);
              }
              // the cells add up to the total at every level
              expect(keys.reduce((s, k) => s + aggregate.categories[k]!.numerator, 0)).toBe(
                aggregate.numerator,
              );
            }
          },
        ),
        { numRuns: 120 },
      );
    });
  }

  it('an approval and an unlock applied one at a time give the same cells (sex × area)', () => {
    const indicator = indicatorFromStored({
      kind: 'count',
      aggregation: 'sum',
      disaggregation: 'sex+area',
      threshold: 1,
    });
    const keys = categoryKeysOf('sex+area');
    fc.assert(
      fc.property(
        treeArb,
        fc.array(fc.tuple(fc.nat(), fc.option(fc.array(fc.nat(30), { minLength: 1, maxLength: 6 }))), {
          maxLength: 20,
        }),
        (tree, ops) => {
          const { parentOf } = orderTree(tree);
          const reported = new Map<number, Entry>();
          const aggregates = rollUpFromScratch(tree, reported, indicator);
          for (const [pick, numbers] of ops) {
            const unit = tree[pick % tree.length]!.id;
            const previous = reported.get(unit) ?? null;
            let next: Entry | null = null;
            if (numbers) {
              const result = normalizeEntry(
                indicator,
                entryFromStored(indicator, rowsFor('count', keys, numbers)),
              );
              if (!result.ok) throw new Error(JSON.stringify(result.problems));
              next = result.entry;
              reported.set(unit, next);
            } else reported.delete(unit);
            applyApprovalDelta(aggregates, ancestorsInclusiveOf(parentOf, unit), previous, next, indicator, {
              expected: false,
            });
          }
          const fresh = rollUpFromScratch(tree, reported, indicator);
          for (const node of tree)
            expect(aggregates.get(node.id)!.categories).toEqual(fresh.get(node.id)!.categories);
        },
      ),
      { numRuns: 100 },
    );
  });
});
