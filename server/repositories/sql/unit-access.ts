import { TREE_DEPTH_LIMIT, type UnitPlace } from '../../../domain/access/unit-access.ts';

/**
 * The SQL form of the access policy's one inline step (`placeOf` in `domain/access/unit-access.ts`),
 * for statements that decide access in the same round trip as the work: each piece below is the
 * rule's piece of the same name. The property test `unit-access.db.test.ts` holds them to the pure
 * rule on random trees, on both engines.
 */

/** What one statement finds for the access rule (`UnitPlace`): the unit's last day, whether it lies in the subtree. */
export type UnitAccessRow = UnitPlace;

/** `placeDay(validTo, today)`: today, or the unit's last day if it closed before. */
const placeDaySql = (validTo: string, today: string) =>
  `CASE WHEN ${validTo} < ${today}::date THEN ${validTo} ELSE ${today}::date END`;

/** A parent link (`p`) that holds on the unit's place day (`a.day`): both ends inclusive, null end open. */
const LINK_HOLDS = 'p.valid_from <= a.day AND (p.valid_to IS NULL OR p.valid_to >= a.day)';

/**
 * Common table expressions for the access rule inside a larger prepared statement: `acc_unit`
 * (the unit, its last day and its place day) and `acc_up` (its ancestors on that day, at most
 * `TREE_DEPTH_LIMIT` levels up). `unit` is an SQL expression of the unit's id; `today` a parameter
 * such as `$3`. Needs `WITH RECURSIVE`.
 */
export function unitAccessCtes(unit: string, today: string): string {
  return `acc_unit AS (
            SELECT u.id, u.valid_to,
                   ${placeDaySql('u.valid_to', today)} AS day
              FROM org_units u WHERE u.id = (${unit})
          ),
          acc_up AS (
            SELECT p.parent_id AS id, 1 AS lvl FROM acc_unit a
              JOIN org_unit_parents p ON p.unit_id = a.id
             WHERE ${LINK_HOLDS}
            UNION ALL
            SELECT p.parent_id, up.lvl + 1 FROM acc_up up
              JOIN org_unit_parents p ON p.unit_id = up.id
             CROSS JOIN acc_unit a
             WHERE ${LINK_HOLDS} AND up.lvl < ${TREE_DEPTH_LIMIT}
          )`;
}

/**
 * `placeOf(...).inSubtree` over `unitAccessCtes`: `home` (a parameter) is the unit or one of its
 * ancestors. (`indent` keeps the committed statements in `statements/` byte for byte.)
 */
const inSubtreeSql = (home: string, indent: string) =>
  `(SELECT id FROM acc_unit) = ${home}::int
${indent}OR EXISTS (SELECT 1 FROM acc_up WHERE acc_up.id = ${home}::int)`;

/** The columns `unitValidTo`, `unitExists` and `inSubtree` of `home` (a parameter) over `unitAccessCtes`. */
export function unitAccessColumns(home: string): string {
  return `(SELECT valid_to FROM acc_unit) AS "unitValidTo",
          EXISTS (SELECT 1 FROM acc_unit) AS "unitExists",
          coalesce(${inSubtreeSql(home, ' '.repeat(19))}, false) AS "inSubtree"`;
}

/**
 * A condition over `unitAccessCtes`: `home` (a parameter; NULL is the whole organisation) is the
 * unit or above it — `reachesUnit` without its successor steps, to gate a write in the same
 * statement. A write it refuses is decided again by the full rule (`AccessService`).
 */
export function unitAccessGate(home: string): string {
  return `(${home}::int IS NULL OR ${inSubtreeSql(home, ' '.repeat(11))})`;
}

/** The access row out of a statement's `unitAccessColumns` (undefined: no such unit). */
export function unitAccessOf(row: {
  unitExists: boolean;
  unitValidTo: string | null;
  inSubtree: boolean;
}): UnitAccessRow | undefined {
  return row.unitExists ? { validTo: row.unitValidTo, inSubtree: row.inSubtree } : undefined;
}
