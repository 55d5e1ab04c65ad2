import { type Cell, type Entry, type Indicator, isRatioCell, TOTAL, thresholdOf } from './indicator.ts';

/**
 * History-true roll-ups (tổng hợp số liệu). The caller passes the organisation as it stood at the
 * period's end, so a report always rolls up through the parents it had then. Pure: no I/O.
 */

/** One unit of the organisation as it stood at the period's end. */
export interface TreeNode {
  id: number;
  parentId: number | null;
}

/** One category's figure for a subtree. */
export interface CellAggregate {
  /**
   * `sum` of a ratio: Σ numerators. `sum` of a count/sum/boolean: Σ values.
   * `count_units_meeting`: units in scope meeting the threshold. `max`/`min`: the extreme value.
   */
  numerator: number;
  /**
   * `sum` of a ratio: Σ denominators. `sum`/`max`/`min` of values: how many values were combined.
   * `count_units_meeting`: units in scope (= `expectedUnits`).
   */
  denominator: number;
  /** Ratio and `count_units_meeting`: numerator / denominator × 100. Otherwise the sum or extreme. Null without data. */
  value: number | null;
  /** Units in the subtree (itself included) with an approved value in this category. */
  reportingUnits: number;
  /** `count_units_meeting` only: units in scope whose value ≥ threshold; 0 for other rules. */
  meetingUnits: number;
}

/** A subtree's figure: the `total` cell's fields, the categories, and completeness. */
export interface Aggregate extends CellAggregate {
  /** Units in the subtree expected to report (usually its grassroots units in scope). */
  expectedUnits: number;
  /** Of those, how many have an approved report (completeness = this / expectedUnits). */
  reportingExpectedUnits: number;
  /** The indicator's categories (not `total`), every one present. */
  categories: Record<string, CellAggregate>;
}

/** Which units are expected to report: a set of ids or a predicate. */
export type ExpectedScope = ReadonlySet<number> | ((unitId: number) => boolean);

function cellOf(aggregate: Aggregate, category: string): CellAggregate | undefined {
  return category === TOTAL ? aggregate : aggregate.categories[category];
}

function scalar(cell: Cell): number {
  return isRatioCell(cell) ? cell.numerator : cell.value;
}

/** The displayed value of a cell from its counters. */
/** Whether an indicator's figures are percentages (a ratio, or the share of units meeting a condition). */
export function valueIsPercent(indicator: Pick<Indicator, 'kind' | 'aggregation'>): boolean {
  return (
    indicator.aggregation === 'count_units_meeting' ||
    (indicator.aggregation === 'sum' && indicator.kind === 'ratio')
  );
}

export function cellValue(indicator: Indicator, cell: Omit<CellAggregate, 'value'>): number | null {
  switch (indicator.aggregation) {
    case 'count_units_meeting':
      return cell.denominator > 0 ? (cell.numerator / cell.denominator) * 100 : null;
    case 'sum':
      if (indicator.kind === 'ratio') {
        return cell.denominator > 0 ? (cell.numerator / cell.denominator) * 100 : null;
      }
      return cell.reportingUnits > 0 ? cell.numerator : null;
    default:
      return cell.denominator > 0 ? cell.numerator : null;
  }
}

function isExtreme(indicator: Indicator): boolean {
  return indicator.aggregation === 'max' || indicator.aggregation === 'min';
}

/** Counters of many cells side by side; cell `k` is `num[k]`, `den[k]`, `rep[k]`, `meet[k]`. */
interface Counters {
  num: Float64Array;
  den: Float64Array;
  rep: Float64Array;
  meet: Float64Array;
}

function counters(size: number): Counters {
  return {
    num: new Float64Array(size),
    den: new Float64Array(size),
    rep: new Float64Array(size),
    meet: new Float64Array(size),
  };
}

/** Adds one unit's own value in one category to cell `k`. */
function addOwn(indicator: Indicator, to: Counters, k: number, cell: Cell, expected: boolean): void {
  to.rep[k]! += 1;
  switch (indicator.aggregation) {
    case 'count_units_meeting':
      if (expected && scalar(cell) >= thresholdOf(indicator)) {
        to.meet[k]! += 1;
        to.num[k]! += 1;
      }
      return;
    case 'sum':
      if (isRatioCell(cell)) {
        to.num[k]! += cell.numerator;
        to.den[k]! += cell.denominator;
      } else {
        to.num[k]! += cell.value;
        to.den[k]! += 1;
      }
      return;
    default: {
      const v = scalar(cell);
      const current = to.num[k]!;
      if (to.den[k] === 0 || (indicator.aggregation === 'max' ? v > current : v < current)) to.num[k] = v;
      to.den[k]! += 1;
    }
  }
}

function finish(indicator: Indicator, aggregate: Aggregate): void {
  aggregate.value = cellValue(indicator, aggregate);
  for (const cell of Object.values(aggregate.categories)) cell.value = cellValue(indicator, cell);
}

/** The tree by position: `order` lists positions parents first; `parent` is a position or -1. */
interface IndexedTree {
  ids: number[];
  indexOf: Map<number, number>;
  order: Int32Array;
  parent: Int32Array;
}

const UNVISITED = -2;

function indexTree(tree: readonly TreeNode[]): IndexedTree {
  const indexOf = new Map<number, number>();
  const ids: number[] = [];
  const declared: (number | null)[] = [];
  for (const node of tree) {
    if (indexOf.has(node.id)) continue; // a duplicate id: the first row wins
    indexOf.set(node.id, ids.length);
    ids.push(node.id);
    declared.push(node.parentId);
  }
  const n = ids.length;
  const up = new Int32Array(n);
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const parentId = declared[i];
    const p = parentId === null || parentId === undefined ? undefined : indexOf.get(parentId);
    up[i] = p === undefined || p === i ? -1 : p;
    if (p !== undefined && p !== i) start[p + 1]! += 1;
  }
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const children = new Int32Array(start[n]!);
  const fill = start.slice(0, n);
  for (let i = 0; i < n; i++) {
    const p = up[i]!;
    if (p >= 0) children[fill[p]!++] = i;
  }

  const order = new Int32Array(n);
  const parent = new Int32Array(n).fill(UNVISITED);
  let length = 0;
  const visit = (root: number) => {
    parent[root] = -1;
    order[length++] = root;
    for (let k = length - 1; k < length; k++) {
      const u = order[k]!;
      for (let j = start[u]!; j < start[u + 1]!; j++) {
        const child = children[j]!;
        if (parent[child] !== UNVISITED) continue; // the link closing a cycle
        parent[child] = u;
        order[length++] = child;
      }
    }
  };
  for (let i = 0; i < n; i++) if (up[i] === -1) visit(i);

  if (length < n) {
    // What is left hangs from cycles. Walk up from each unvisited unit to its cycle; cut the cycle
    // at its smallest id, which becomes a root.
    for (let s = 0; s < n; s++) {
      if (parent[s] !== UNVISITED) continue;
      const path: number[] = [];
      const onPath = new Set<number>();
      let current = s;
      while (!onPath.has(current)) {
        onPath.add(current);
        path.push(current);
        current = up[current]!;
      }
      const cycle = path.slice(path.indexOf(current));
      let cut = cycle[0]!;
      for (const i of cycle) if (ids[i]! < ids[cut]!) cut = i;
      visit(cut);
    }
  }
  return { ids, indexOf, order, parent };
}

/**
 * Orders the tree parents first and fixes each unit's effective parent. A parent that is not in the
 * tree makes its child a root; a cycle is cut at its smallest id, which becomes a root.
 */
export function orderTree(tree: readonly TreeNode[]): {
  order: number[];
  parentOf: Map<number, number | null>;
} {
  const { ids, order, parent } = indexTree(tree);
  const parentOf = new Map<number, number | null>();
  const ordered: number[] = [];
  for (const u of order) {
    const p = parent[u]!;
    ordered.push(ids[u]!);
    parentOf.set(ids[u]!, p < 0 ? null : ids[p]!);
  }
  return { order: ordered, parentOf };
}

/**
 * Rolls up the approved values of one period over the tree as it stood at the period's end.
 * Returns an aggregate for every unit of the tree. O(units + values × categories): one pass
 * children before parents over flat arrays.
 *
 * `reported` holds the validated values (see `normalizeEntry`) of the units whose report for the
 * period is approved; units not in the tree are ignored. `expected` defaults to the leaves.
 */
export function rollUpFromScratch(
  tree: readonly TreeNode[],
  reported: ReadonlyMap<number, Entry>,
  indicator: Indicator,
  expected?: ExpectedScope,
): Map<number, Aggregate> {
  const { ids, indexOf, order, parent } = indexTree(tree);
  const n = ids.length;
  const categories = [TOTAL, ...indicator.categories];
  const width = categories.length;
  const cells = counters(n * width);
  const expectedUnits = new Float64Array(n);
  const reportingExpected = new Float64Array(n);
  const countsMeeting = indicator.aggregation === 'count_units_meeting';
  const extreme = isExtreme(indicator);
  const isMax = indicator.aggregation === 'max';

  let inScope: (i: number) => boolean;
  if (expected === undefined) {
    const hasChildren = new Uint8Array(n);
    for (let i = 0; i < n; i++) if (parent[i]! >= 0) hasChildren[parent[i]!] = 1;
    inScope = (i) => hasChildren[i] === 0;
  } else if (typeof expected === 'function') {
    inScope = (i) => expected(ids[i]!);
  } else {
    inScope = (i) => expected.has(ids[i]!);
  }
  for (let i = 0; i < n; i++) {
    if (!inScope(i)) continue;
    expectedUnits[i] = 1;
    if (countsMeeting) for (let c = 0; c < width; c++) cells.den[i * width + c] = 1;
  }
  for (const [id, entry] of reported) {
    const i = indexOf.get(id);
    if (i === undefined) continue;
    const scoped = expectedUnits[i] === 1;
    if (scoped) reportingExpected[i] = 1;
    for (let c = 0; c < width; c++) {
      const cell = entry[categories[c]!];
      if (cell) addOwn(indicator, cells, i * width + c, cell, scoped);
    }
  }

  const { num, den, rep, meet } = cells;
  for (let k = n - 1; k >= 0; k--) {
    const u = order[k]!;
    const p = parent[u]!;
    if (p < 0) continue;
    expectedUnits[p]! += expectedUnits[u]!;
    reportingExpected[p]! += reportingExpected[u]!;
    for (let c = 0; c < width; c++) {
      const from = u * width + c;
      const to = p * width + c;
      if (extreme) {
        if (den[from]! > 0 && (den[to] === 0 || (isMax ? num[from]! > num[to]! : num[from]! < num[to]!))) {
          num[to] = num[from]!;
        }
      } else {
        num[to]! += num[from]!;
      }
      den[to]! += den[from]!;
      rep[to]! += rep[from]!;
      meet[to]! += meet[from]!;
    }
  }

  const cellAt = (k: number): CellAggregate => {
    const cell = {
      numerator: num[k]!,
      denominator: den[k]!,
      reportingUnits: rep[k]!,
      meetingUnits: meet[k]!,
    };
    return { ...cell, value: cellValue(indicator, cell) };
  };
  const aggregates = new Map<number, Aggregate>();
  for (let i = 0; i < n; i++) {
    const byCategory: Record<string, CellAggregate> = {};
    for (let c = 1; c < width; c++) byCategory[categories[c]!] = cellAt(i * width + c);
    const k = i * width;
    const totals = {
      numerator: num[k]!,
      denominator: den[k]!,
      reportingUnits: rep[k]!,
      meetingUnits: meet[k]!,
    };
    aggregates.set(ids[i]!, {
      numerator: totals.numerator,
      denominator: totals.denominator,
      value: cellValue(indicator, totals),
      reportingUnits: totals.reportingUnits,
      meetingUnits: totals.meetingUnits,
      expectedUnits: expectedUnits[i]!,
      reportingExpectedUnits: reportingExpected[i]!,
      categories: byCategory,
    });
  }
  return aggregates;
}

/** What one approval, change or unlock adds to each ancestor's counters (additive rules only). */
export interface AggregateDelta {
  reportingExpectedUnits: number;
  /** Per category (`total` included): numerator, denominator, reportingUnits, meetingUnits. */
  cells: Record<string, Omit<CellAggregate, 'value'>>;
}

/**
 * The difference one unit's report makes, to be added to the aggregate of the unit and of each of
 * its ancestors (e.g. one `UPDATE … SET numerator = numerator + $1` over the closure table).
 * Null for `max`/`min`, which cannot be maintained by addition.
 */
export function approvalDelta(
  previous: Entry | null,
  next: Entry | null,
  indicator: Indicator,
  scope: { expected: boolean },
): AggregateDelta | null {
  if (isExtreme(indicator)) return null;
  const sign = (next ? 1 : 0) - (previous ? 1 : 0);
  const delta: AggregateDelta = {
    reportingExpectedUnits: scope.expected ? sign : 0,
    cells: {},
  };
  const change = counters(2); // 0: what leaves, 1: what comes
  for (const category of [TOTAL, ...indicator.categories]) {
    change.num.fill(0);
    change.den.fill(0);
    change.rep.fill(0);
    change.meet.fill(0);
    const before = previous?.[category];
    const after = next?.[category];
    if (before) addOwn(indicator, change, 0, before, scope.expected);
    if (after) addOwn(indicator, change, 1, after, scope.expected);
    delta.cells[category] = {
      numerator: change.num[1]! - change.num[0]!,
      denominator: change.den[1]! - change.den[0]!,
      reportingUnits: change.rep[1]! - change.rep[0]!,
      meetingUnits: change.meet[1]! - change.meet[0]!,
    };
  }
  return delta;
}

/** Adds a delta to one aggregate and refreshes its values. Mutates `aggregate`. */
export function applyDelta(aggregate: Aggregate, delta: AggregateDelta, indicator: Indicator): void {
  aggregate.reportingExpectedUnits += delta.reportingExpectedUnits;
  for (const [category, change] of Object.entries(delta.cells)) {
    const cell = cellOf(aggregate, category);
    if (!cell) continue;
    cell.numerator += change.numerator;
    cell.denominator += change.denominator;
    cell.reportingUnits += change.reportingUnits;
    cell.meetingUnits += change.meetingUnits;
  }
  finish(indicator, aggregate);
}

/** Max/min: withdraws `before` and adds `after` in one cell; false when the new extreme is unknown. */
function replaceExtreme(
  indicator: Indicator,
  cell: CellAggregate,
  before: Cell | undefined,
  after: Cell | undefined,
): boolean {
  const isMax = indicator.aggregation === 'max';
  let exact = true;
  if (before) {
    cell.denominator -= 1;
    cell.reportingUnits -= 1;
    if (cell.denominator === 0) cell.numerator = 0;
    else if (scalar(before) === cell.numerator) exact = false; // the extreme left; the rest is unknown here
  }
  if (after) {
    const v = scalar(after);
    const reaches = isMax ? v >= cell.numerator : v <= cell.numerator;
    if (!exact && reaches) exact = true; // the newcomer is at least as extreme as the old extreme
    if (cell.denominator === 0 || (isMax ? v > cell.numerator : v < cell.numerator)) cell.numerator = v;
    cell.denominator += 1;
    cell.reportingUnits += 1;
  }
  return exact;
}

/**
 * Incremental maintenance when one unit's report is approved (`previous` null), changed, or
 * unlocked (`next` null): adjusts the aggregate of the unit and of every ancestor by the
 * difference, in place. `ancestorsInclusive` is the unit and its ancestors in the tree of the
 * period's end; `scope.expected` says whether the unit is expected to report.
 *
 * Returns the ids whose aggregate could not be updated exactly — only under `max`/`min`, when the
 * withdrawn value was the extreme; the caller recomputes those (e.g. `rollUpFromScratch`).
 * Equals the from-scratch roll-up otherwise (exactly so for whole numbers).
 */
export function applyApprovalDelta(
  aggregates: Map<number, Aggregate>,
  ancestorsInclusive: readonly number[],
  previous: Entry | null,
  next: Entry | null,
  indicator: Indicator,
  scope: { expected: boolean },
): number[] {
  const ids = [...new Set(ancestorsInclusive)];
  const targets = ids.map((id) => {
    const aggregate = aggregates.get(id);
    if (!aggregate) throw new Error(`No aggregate for unit ${id}: roll up the period's tree first.`);
    return aggregate;
  });
  const delta = approvalDelta(previous, next, indicator, scope);
  if (delta) {
    for (const aggregate of targets) applyDelta(aggregate, delta, indicator);
    return [];
  }
  const stale: number[] = [];
  const sign = (next ? 1 : 0) - (previous ? 1 : 0);
  targets.forEach((aggregate, index) => {
    let exact = true;
    for (const category of [TOTAL, ...indicator.categories]) {
      const cell = cellOf(aggregate, category);
      if (cell && !replaceExtreme(indicator, cell, previous?.[category], next?.[category])) exact = false;
    }
    if (scope.expected) aggregate.reportingExpectedUnits += sign;
    finish(indicator, aggregate);
    if (!exact) stale.push(ids[index]!);
  });
  return stale;
}

/** The unit and its ancestors, nearest first, in the tree given (cycles cut as in `orderTree`). */
export function ancestorsInclusiveOf(parentOf: ReadonlyMap<number, number | null>, unitId: number): number[] {
  const chain: number[] = [];
  const seen = new Set<number>();
  let current: number | null | undefined = unitId;
  while (current !== null && current !== undefined && !seen.has(current)) {
    chain.push(current);
    seen.add(current);
    current = parentOf.get(current);
  }
  return chain;
}
