import { describe, expect, it } from 'vitest';
import { type Entry, type Indicator, SEX_CATEGORIES } from './indicator.ts';
import {
  ancestorsInclusiveOf,
  applyApprovalDelta,
  approvalDelta,
  orderTree,
  rollUpFromScratch,
  type TreeNode,
} from './roll-up.ts';

const keyCadresTrained: Indicator = { kind: 'ratio', aggregation: 'sum', categories: [], totalRule: 'given' };
const heldSession: Indicator = {
  kind: 'boolean',
  aggregation: 'count_units_meeting',
  categories: [],
  totalRule: 'given',
};

const ratio = (numerator: number, denominator: number): Entry => ({ total: { numerator, denominator } });
const value = (v: number): Entry => ({ total: { value: v } });

// Ids: 1 Tổng Liên đoàn; 10 LĐLĐ Thái Bình (to 30/6/2025); 11 LĐLĐ huyện Kiến Xương; 20 LĐLĐ Hưng Yên
// (to 30/6/2025); 21 LĐLĐ thành phố Hưng Yên; 30 LĐLĐ tỉnh Hưng Yên (from 1/7/2025, Thái Bình + Hưng Yên);
// 31 Công đoàn xã Kiến Xương; 32 Công đoàn phường Phố Hiến; 111, 112, 211 grassroots unions.
const tree2024: TreeNode[] = [
  { id: 1, parentId: null },
  { id: 10, parentId: 1 },
  { id: 11, parentId: 10 },
  { id: 111, parentId: 11 },
  { id: 112, parentId: 11 },
  { id: 20, parentId: 1 },
  { id: 21, parentId: 20 },
  { id: 211, parentId: 21 },
];
const tree2025: TreeNode[] = [
  { id: 211, parentId: 32 }, // any order
  { id: 1, parentId: null },
  { id: 30, parentId: 1 },
  { id: 31, parentId: 30 },
  { id: 32, parentId: 30 },
  { id: 111, parentId: 31 },
  { id: 112, parentId: 31 },
];
const grassroots = new Set([111, 112, 211]);

describe('rollUpFromScratch', () => {
  it('adds numerators and denominators: 9/10 and 10/100 make 17,3%, not the 50% an average of percentages gives', () => {
    const result = rollUpFromScratch(
      tree2024,
      new Map([
        [111, ratio(9, 10)],
        [112, ratio(10, 100)],
      ]),
      keyCadresTrained,
    );
    const district = result.get(11)!;
    expect(district).toMatchObject({ numerator: 19, denominator: 110, reportingUnits: 2, expectedUnits: 2 });
    expect(district.value).toBeCloseTo(17.27, 2);
    expect(district.value).not.toBeCloseTo((90 + 10) / 2, 0);
  });

  it('counts a unit’s own value in its own aggregate and its ancestors’', () => {
    const result = rollUpFromScratch(
      tree2024,
      new Map([
        [10, ratio(40, 50)],
        [111, ratio(9, 10)],
      ]),
      keyCadresTrained,
    );
    expect(result.get(10)).toMatchObject({ numerator: 49, denominator: 60, reportingUnits: 2 });
    expect(result.get(11)).toMatchObject({ numerator: 9, denominator: 10, reportingUnits: 1 });
    expect(result.get(1)).toMatchObject({ numerator: 49, denominator: 60, reportingUnits: 2 });
    expect(result.get(20)).toMatchObject({ numerator: 0, denominator: 0, value: null, reportingUnits: 0 });
  });

  it('is history-true: the 2024-H2 report of LĐLĐ Thái Bình rolls into the old Thái Bình', () => {
    const reported2024 = new Map([
      [10, ratio(40, 50)],
      [111, ratio(9, 10)],
      [211, ratio(45, 50)],
    ]);
    const result = rollUpFromScratch(tree2024, reported2024, keyCadresTrained, grassroots);
    expect(result.get(10)).toMatchObject({
      numerator: 49,
      denominator: 60,
      expectedUnits: 2,
      reportingExpectedUnits: 1,
    });
    expect(result.get(20)).toMatchObject({ numerator: 45, denominator: 50 });
    expect(result.has(30)).toBe(false);
    expect(result.get(1)).toMatchObject({ numerator: 94, denominator: 110, expectedUnits: 3 });
  });

  it('is history-true: a 2025-H2 grassroots report rolls up through its commune union to the new Hưng Yên', () => {
    const reported = new Map([
      [111, ratio(9, 10)],
      [112, ratio(10, 100)],
      [211, ratio(45, 50)],
    ]);
    const before = rollUpFromScratch(tree2024, reported, keyCadresTrained, grassroots);
    const after = rollUpFromScratch(tree2025, reported, keyCadresTrained, grassroots);
    // Same values, two trees: the nation's total does not move…
    expect(after.get(1)).toEqual(before.get(1));
    // …while the provinces follow the tree of the period's end.
    expect(before.get(10)).toMatchObject({ numerator: 19, denominator: 110 });
    expect(before.get(20)).toMatchObject({ numerator: 45, denominator: 50 });
    expect(after.get(31)).toMatchObject({ numerator: 19, denominator: 110 });
    expect(after.get(30)).toMatchObject({
      numerator: 64,
      denominator: 160,
      expectedUnits: 3,
      reportingUnits: 3,
    });
    expect(after.get(30)!.value).toBeCloseTo(40, 10);
  });

  it('ignores values of units not in the period’s tree (LĐLĐ Thái Bình in 2025-H2)', () => {
    const result = rollUpFromScratch(tree2025, new Map([[10, ratio(40, 50)]]), keyCadresTrained);
    expect(result.get(1)).toMatchObject({ numerator: 0, denominator: 0, reportingUnits: 0 });
  });

  it('rates "80% công đoàn cơ sở tổ chức tuyên truyền" over units in scope; a silent unit does not meet', () => {
    const result = rollUpFromScratch(
      tree2024,
      new Map([
        [111, value(1)],
        [211, value(0)],
      ]),
      heldSession,
      grassroots,
    );
    expect(result.get(1)).toMatchObject({
      numerator: 1,
      denominator: 3,
      meetingUnits: 1,
      reportingUnits: 2,
      expectedUnits: 3,
      reportingExpectedUnits: 2,
    });
    expect(result.get(1)!.value).toBeCloseTo(33.33, 2);
    expect(result.get(21)!.value).toBe(0);
  });

  it('counts units reaching a threshold ("ít nhất 2 buổi")', () => {
    const sessions: Indicator = { ...heldSession, kind: 'count', threshold: 2 };
    const result = rollUpFromScratch(
      tree2024,
      new Map([
        [111, value(1)],
        [112, value(3)],
        [211, value(2)],
      ]),
      sessions,
      grassroots,
    );
    expect(result.get(1)).toMatchObject({ meetingUnits: 2, denominator: 3 });
  });

  it('rolls up by sex, and keeps the total equal to the sum of the sexes', () => {
    const bySex: Indicator = {
      ...keyCadresTrained,
      categories: SEX_CATEGORIES,
      totalRule: 'sum_of_categories',
    };
    const entry = (m: [number, number], f: [number, number]): Entry => ({
      total: { numerator: m[0] + f[0], denominator: m[1] + f[1] },
      male: { numerator: m[0], denominator: m[1] },
      female: { numerator: f[0], denominator: f[1] },
    });
    const result = rollUpFromScratch(
      tree2024,
      new Map([
        [111, entry([3, 4], [6, 6])],
        [112, entry([5, 60], [5, 40])],
      ]),
      bySex,
    );
    const top = result.get(1)!;
    expect(top.categories.male).toMatchObject({ numerator: 8, denominator: 64 });
    expect(top.categories.female).toMatchObject({ numerator: 11, denominator: 46 });
    expect(top.numerator).toBe(top.categories.male!.numerator + top.categories.female!.numerator);
    expect(top.denominator).toBe(top.categories.male!.denominator + top.categories.female!.denominator);
  });

  it('takes the largest and the smallest value', () => {
    const count: Indicator = { kind: 'count', aggregation: 'max', categories: [], totalRule: 'given' };
    const values = new Map([
      [111, value(4)],
      [112, value(9)],
      [211, value(2)],
    ]);
    expect(rollUpFromScratch(tree2024, values, count).get(1)).toMatchObject({ value: 9, denominator: 3 });
    expect(rollUpFromScratch(tree2024, values, { ...count, aggregation: 'min' }).get(1)).toMatchObject({
      value: 2,
    });
    expect(rollUpFromScratch(tree2024, values, count).get(20)).toMatchObject({ value: 2 });
    expect(rollUpFromScratch(tree2024, new Map(), count).get(1)).toMatchObject({
      value: null,
      denominator: 0,
    });
  });

  it('survives cycles and dangling parents', () => {
    const broken: TreeNode[] = [
      { id: 1, parentId: null },
      { id: 2, parentId: 3 },
      { id: 3, parentId: 4 },
      { id: 4, parentId: 2 }, // 2 → 3 → 4 → 2
      { id: 5, parentId: 4 },
      { id: 6, parentId: 6 },
      { id: 7, parentId: 99 },
    ];
    const { order, parentOf } = orderTree(broken);
    expect(order.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(parentOf.get(2)).toBeNull(); // the cycle is cut at its smallest id
    expect(parentOf.get(7)).toBeNull();
    const result = rollUpFromScratch(
      broken,
      new Map([
        [5, value(3)],
        [3, value(1)],
      ]),
      {
        kind: 'count',
        aggregation: 'sum',
        categories: [],
        totalRule: 'given',
      },
    );
    expect(result.get(2)).toMatchObject({ value: 4, reportingUnits: 2 });
    // Cut at 2, the cycle hangs down 2 → 4 → {3, 5}.
    expect(result.get(4)).toMatchObject({ value: 4 });
    expect(result.get(3)).toMatchObject({ value: 1 });
    expect(ancestorsInclusiveOf(parentOf, 5)).toEqual([5, 4, 2]);
  });
});

describe('applyApprovalDelta', () => {
  const inScope = { expected: true };
  it('follows approval, change and unlock of one report', () => {
    const aggregates = rollUpFromScratch(tree2025, new Map(), keyCadresTrained, grassroots);
    const path = ancestorsInclusiveOf(orderTree(tree2025).parentOf, 111);
    expect(path).toEqual([111, 31, 30, 1]);
    applyApprovalDelta(aggregates, path, null, ratio(9, 10), keyCadresTrained, inScope);
    expect(aggregates.get(30)).toMatchObject({ numerator: 9, denominator: 10, value: 90, reportingUnits: 1 });
    applyApprovalDelta(aggregates, path, ratio(9, 10), ratio(8, 10), keyCadresTrained, inScope);
    expect(aggregates.get(1)).toMatchObject({ numerator: 8, value: 80, reportingExpectedUnits: 1 });
    applyApprovalDelta(aggregates, path, ratio(8, 10), null, keyCadresTrained, inScope);
    expect(aggregates).toEqual(rollUpFromScratch(tree2025, new Map(), keyCadresTrained, grassroots));
  });

  it('flags max aggregates whose extreme was withdrawn', () => {
    const count: Indicator = { kind: 'count', aggregation: 'max', categories: [], totalRule: 'given' };
    const reported = new Map([
      [111, value(4)],
      [112, value(9)],
    ]);
    const aggregates = rollUpFromScratch(tree2025, reported, count);
    const path = ancestorsInclusiveOf(orderTree(tree2025).parentOf, 112);
    expect(applyApprovalDelta(aggregates, path, value(9), value(12), count, inScope)).toEqual([]);
    expect(aggregates.get(1)!.value).toBe(12);
    expect(applyApprovalDelta(aggregates, path, value(12), null, count, inScope)).toEqual([31, 30, 1]);
  });

  it('gives the database one additive delta for every ancestor row', () => {
    const delta = approvalDelta(value(1), value(0), heldSession, inScope);
    expect(delta).toEqual({
      reportingExpectedUnits: 0,
      cells: { total: { numerator: -1, denominator: 0, reportingUnits: 0, meetingUnits: -1 } },
    });
    expect(
      approvalDelta(null, value(3), { ...heldSession, kind: 'count', aggregation: 'max' }, inScope),
    ).toBeNull();
  });

  it('refuses an ancestor it has no aggregate for', () => {
    const aggregates = rollUpFromScratch(tree2025, new Map(), keyCadresTrained);
    expect(() =>
      applyApprovalDelta(aggregates, [111, 10], null, ratio(1, 2), keyCadresTrained, inScope),
    ).toThrow(/unit 10/);
  });
});

describe('scale', () => {
  it('rolls up a 100,000-unit tree in one pass', () => {
    // Nation → 34 provinces → 3,321 commune unions → 96,644 grassroots unions.
    const tree: TreeNode[] = [{ id: 0, parentId: null }];
    const reported = new Map<number, Entry>();
    let id = 1;
    const communes: number[] = [];
    for (let p = 0; p < 34; p++) {
      const province = id++;
      tree.push({ id: province, parentId: 0 });
      for (let c = 0; c < 98 && id < 3_356; c++) {
        communes.push(id);
        tree.push({ id, parentId: province });
        id++;
      }
    }
    let trained = 0;
    let cadres = 0;
    while (id < 100_000) {
      const commune = communes[id % communes.length]!;
      tree.push({ id, parentId: commune });
      const denominator = 3 + (id % 7);
      const numerator = id % (denominator + 1);
      reported.set(id, ratio(numerator, denominator));
      trained += numerator;
      cadres += denominator;
      id++;
    }
    const started = performance.now();
    const result = rollUpFromScratch(tree, reported, keyCadresTrained);
    const elapsed = performance.now() - started;
    console.log(
      `rollUpFromScratch: ${tree.length} units, ${reported.size} values in ${elapsed.toFixed(0)} ms`,
    );
    expect(result.size).toBe(100_000);
    expect(result.get(0)).toMatchObject({
      numerator: trained,
      denominator: cadres,
      reportingUnits: reported.size,
    });
    expect(result.get(0)!.expectedUnits).toBe(reported.size);
  });
});
