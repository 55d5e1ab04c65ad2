import type { TRole } from '../../contracts/auth.ts';
import { roleAtLeast } from '../roles.ts';

/**
 * The access policy, as a pure rule: who may see or change what belongs to a unit.
 *
 * - A user acts on their home unit and everything below it; a user with no home unit (the
 *   system, the national administrators) on the whole organisation.
 * - A unit's place in the tree is read on `placeDay`: today, or its last day if it closed before.
 * - A closed unit outside the subtree belongs to whoever holds one of its successors (a province
 *   that took over merged provinces sees their history), at most `SUCCESSION_HOPS` steps away.
 * - Each action asks a role at least `ACTION_MINIMUM[action]`.
 *
 * `server/repositories/sql/unit-access.ts` is the SQL form of `placeOf` (the one step a statement
 * can take inline); `AccessService` takes the steps with what SQL finds; the property test
 * `unit-access.db.test.ts` holds the two to this definition on random trees.
 */

/**
 * The deepest a walk through the tree goes (levels): far below any real organisation (national →
 * province → commune → grassroots), and the bound that ends every recursive query even over a
 * cycle stored before cycles were refused (`tiendo org check` finds those).
 */
export const TREE_DEPTH_LIMIT = 50;

/** How many successions the rule follows from a closed unit before it refuses. */
export const SUCCESSION_HOPS = 5;

/** What the rule reads about a unit in one look: its last day and whether it lies in the subtree. */
export interface UnitPlace {
  validTo: string | null;
  inSubtree: boolean;
}

/** The day a unit's place in the tree is read: today, or its last day if it closed before. */
export function placeDay(validTo: string | null, today: string): string {
  return validTo !== null && validTo < today ? validTo : today;
}

/** One step of the rule: granted, refused, or asked again of each of the unit's successors. */
export type AccessStep = 'granted' | 'refused' | 'successors';

/** The step the rule takes from a unit's place (undefined: no such unit), `hops` successions in. */
export function accessStep(place: UnitPlace | undefined, hops: number): AccessStep {
  if (!place) return 'refused';
  if (place.inSubtree) return 'granted';
  if (place.validTo === null || hops >= SUCCESSION_HOPS) return 'refused';
  return 'successors';
}

/** The organisation's history as the rule reads it (a snapshot in memory). */
export interface OrgHistory {
  /** The unit's last day (null: open); undefined when there is no such unit. */
  validTo(unitId: number): string | null | undefined;
  /** The unit's parents on `day` (none: a root on that day). */
  parentsOn(unitId: number, day: string): readonly number[];
  /** The units that succeeded it (merge, split). */
  successors(unitId: number): readonly number[];
}

/** The unit's place for `home`: whether `home` is the unit or above it on the unit's `placeDay`. */
export function placeOf(
  home: number,
  unitId: number,
  tree: OrgHistory,
  today: string,
): UnitPlace | undefined {
  const validTo = tree.validTo(unitId);
  if (validTo === undefined) return undefined;
  if (unitId === home) return { validTo, inSubtree: true };
  const day = placeDay(validTo, today);
  let level = [unitId];
  const seen = new Set<number>();
  for (let depth = 1; depth <= TREE_DEPTH_LIMIT && level.length > 0; depth++) {
    const up = level.flatMap((id) => tree.parentsOn(id, day));
    if (up.includes(home)) return { validTo, inSubtree: true };
    level = up.filter((id) => !seen.has(id));
    for (const id of level) seen.add(id);
  }
  return { validTo, inSubtree: false };
}

/** The whole rule: may a user whose home unit is `home` (null: everywhere) act on `unitId`? */
export function reachesUnit(
  home: number | null,
  unitId: number,
  tree: OrgHistory,
  today: string,
  hops = 0,
): boolean {
  if (home === null) return true;
  const step = accessStep(placeOf(home, unitId, tree, today), hops);
  if (step !== 'successors') return step === 'granted';
  return tree.successors(unitId).some((next) => reachesUnit(home, next, tree, today, hops + 1));
}

/** The least role each action on a unit's things asks. */
export const ACTION_MINIMUM = {
  /** read what belongs to the unit */
  see: 'viewer',
  /** write a plan's content, a task's progress, a report's data */
  edit: 'officer',
  /** issue a plan; change the organisation (create, rename, move, merge, split, close) */
  manage: 'manager',
} as const satisfies Record<string, TRole>;

export type TUnitAction = keyof typeof ACTION_MINIMUM;

export function roleAllows(role: TRole, action: TUnitAction): boolean {
  return roleAtLeast(role, ACTION_MINIMUM[action]);
}

/**
 * A plan is visible inside its owner's organisation (`unitReachable`: the owner's unit passes the
 * rule) and to every unit below its owner (received from above: the owner is one of `homeAncestors`).
 */
export function planVisible(
  unitReachable: boolean,
  planUnitId: number,
  homeAncestors: readonly number[],
): boolean {
  return unitReachable || homeAncestors.includes(planUnitId);
}

/**
 * The level above reviews: a reviewer reaches the report's unit (the rule) and is not that unit
 * itself — a unit never approves its own report. (The role each review move asks is the report
 * state machine's, `domain/reporting/report-states.ts`.)
 */
export function reviewsFromAbove(home: number | null, reportUnitId: number): boolean {
  return home !== reportUnitId;
}
