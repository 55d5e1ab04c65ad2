import { describe, expect, it } from 'vitest';
import {
  accessStep,
  type OrgHistory,
  placeDay,
  placeOf,
  planVisible,
  reachesUnit,
  reviewsFromAbove,
  roleAllows,
  SUCCESSION_HOPS,
} from './unit-access.ts';

/** A small history: parent links with their spans, last days, successions. */
function history(
  units: Record<number, string | null>,
  links: { unit: number; parent: number; from: string; to: string | null }[],
  successions: Record<number, number[]> = {},
): OrgHistory {
  return {
    validTo: (id) => (id in units ? units[id]! : undefined),
    parentsOn: (id, day) =>
      links
        .filter((l) => l.unit === id && l.from <= day && (l.to === null || l.to >= day))
        .map((l) => l.parent),
    successors: (id) => successions[id] ?? [],
  };
}

// 1 province; 2, 3 communes under it; 4 grassroots under 2 until 2023-12-31, then under 3;
// 5 closed on 2024-06-30 under 2; 6, 7 merged on 2025-01-01 into 8 under 3.
const tree = history(
  { 1: null, 2: null, 3: null, 4: null, 5: '2024-06-30', 6: '2024-12-31', 7: '2024-12-31', 8: null },
  [
    { unit: 2, parent: 1, from: '2015-01-01', to: null },
    { unit: 3, parent: 1, from: '2015-01-01', to: null },
    { unit: 4, parent: 2, from: '2015-01-01', to: '2023-12-31' },
    { unit: 4, parent: 3, from: '2024-01-01', to: null },
    { unit: 5, parent: 2, from: '2015-01-01', to: '2024-06-30' },
    { unit: 6, parent: 2, from: '2015-01-01', to: '2024-12-31' },
    { unit: 7, parent: 3, from: '2015-01-01', to: '2024-12-31' },
    { unit: 8, parent: 3, from: '2025-01-01', to: null },
  ],
  { 6: [8], 7: [8] },
);
const TODAY = '2026-03-01';

describe('the access rule', () => {
  it('reads a unit where it stands today, or on its last day if it closed before', () => {
    expect(placeDay(null, TODAY)).toBe(TODAY);
    expect(placeDay('2024-06-30', TODAY)).toBe('2024-06-30');
    expect(placeDay('2030-01-01', TODAY)).toBe(TODAY);
  });

  it('grants the home unit and everything below it, as of today', () => {
    expect(reachesUnit(1, 4, tree, TODAY)).toBe(true);
    expect(reachesUnit(2, 2, tree, TODAY)).toBe(true);
    expect(reachesUnit(3, 4, tree, TODAY)).toBe(true);
    // 4 moved away from 2
    expect(reachesUnit(2, 4, tree, TODAY)).toBe(false);
    expect(reachesUnit(4, 2, tree, TODAY)).toBe(false);
  });

  it('gives a closed unit to whoever held it on its last day', () => {
    expect(reachesUnit(2, 5, tree, TODAY)).toBe(true);
    expect(reachesUnit(3, 5, tree, TODAY)).toBe(false);
    expect(placeOf(2, 5, tree, TODAY)).toEqual({ validTo: '2024-06-30', inSubtree: true });
  });

  it('and to whoever holds one of its successors', () => {
    // 7 was under 3 anyway; 6 was under 2 but merged into 8, which is under 3
    expect(reachesUnit(3, 6, tree, TODAY)).toBe(true);
    expect(reachesUnit(8, 6, tree, TODAY)).toBe(true);
    expect(reachesUnit(2, 7, tree, TODAY)).toBe(false);
  });

  it('lets the whole organisation through for a user without a home unit, refuses an unknown unit', () => {
    expect(reachesUnit(null, 999, tree, TODAY)).toBe(true);
    expect(reachesUnit(1, 999, tree, TODAY)).toBe(false);
    expect(placeOf(1, 999, tree, TODAY)).toBeUndefined();
  });

  it('follows successions a bounded number of times', () => {
    // a chain 10 → 11 → … of closed units, only the last one open under 1
    const n = SUCCESSION_HOPS + 2;
    const units: Record<number, string | null> = { 1: null };
    const successions: Record<number, number[]> = {};
    for (let i = 0; i < n; i++) {
      units[10 + i] = i === n - 1 ? null : '2020-01-01';
      if (i < n - 1) successions[10 + i] = [11 + i];
    }
    const chain = history(
      units,
      [{ unit: 10 + n - 1, parent: 1, from: '2020-01-02', to: null }],
      successions,
    );
    expect(reachesUnit(1, 10 + n - 1 - SUCCESSION_HOPS, chain, TODAY)).toBe(true);
    expect(reachesUnit(1, 10 + n - 2 - SUCCESSION_HOPS, chain, TODAY)).toBe(false);
    expect(accessStep({ validTo: '2020-01-01', inSubtree: false }, SUCCESSION_HOPS)).toBe('refused');
    expect(accessStep({ validTo: null, inSubtree: false }, 0)).toBe('refused');
    expect(accessStep({ validTo: '2020-01-01', inSubtree: false }, 0)).toBe('successors');
  });

  it('ends over a cycle of parent links', () => {
    const cycle = history({ 1: null, 2: null, 3: null }, [
      { unit: 2, parent: 3, from: '2015-01-01', to: null },
      { unit: 3, parent: 2, from: '2015-01-01', to: null },
    ]);
    expect(reachesUnit(1, 2, cycle, TODAY)).toBe(false);
    expect(reachesUnit(3, 2, cycle, TODAY)).toBe(true);
  });
});

describe('roles and the plan and review rules', () => {
  it('asks each action its least role', () => {
    expect(roleAllows('viewer', 'see')).toBe(true);
    expect(roleAllows('viewer', 'edit')).toBe(false);
    expect(roleAllows('officer', 'edit')).toBe(true);
    expect(roleAllows('officer', 'manage')).toBe(false);
    expect(roleAllows('manager', 'manage')).toBe(true);
    expect(roleAllows('admin', 'manage')).toBe(true);
  });

  it('shows a plan to its organisation and to every unit below its owner', () => {
    expect(planVisible(true, 5, [])).toBe(true);
    expect(planVisible(false, 5, [1, 5])).toBe(true);
    expect(planVisible(false, 5, [1, 2])).toBe(false);
  });

  it('has a report reviewed from above, never by its own unit', () => {
    expect(reviewsFromAbove(1, 4)).toBe(true);
    expect(reviewsFromAbove(4, 4)).toBe(false);
    expect(reviewsFromAbove(null, 4)).toBe(true);
  });
});
