import { eq, type SQL, sql } from 'drizzle-orm';
import type { TOrgUnitAsOf, TUnitType } from '../../contracts/org.ts';
import { TREE_DEPTH_LIMIT } from '../../domain/access/unit-access.ts';
import { type Database, rows } from '../db/client.ts';
import { orgUnitNames, orgUnits } from '../db/schema.ts';
import { type UnitAccessRow, unitAccessColumns, unitAccessCtes, unitAccessOf } from './sql/unit-access.ts';
import { validOn } from './sql/valid-on.ts';

export type OrgUnitRow = typeof orgUnits.$inferSelect;

interface TreeRow {
  id: number;
  code: string;
  name: string | null;
  short_name: string | null;
  type: string;
  parent_id: number | null;
  depth: number;
  valid_from: string;
  valid_to: string | null;
  is_demo: boolean;
}

function toUnitAsOf(row: TreeRow): TOrgUnitAsOf {
  return {
    id: row.id,
    code: row.code,
    name: row.name ?? row.code,
    shortName: row.short_name,
    type: row.type as TUnitType,
    parentId: row.parent_id,
    depth: Number(row.depth),
    validFrom: row.valid_from,
    validTo: row.valid_to,
    isDemo: row.is_demo,
  };
}

/** A chain of parent links found by `OrgRepository.chainUp`: the units from the lower one up. */
export interface AncestryChain {
  units: { id: number; code: string; name: string }[];
  /** The first and last day (null: open) on which the whole chain holds. */
  from: string;
  to: string | null;
}

/**
 * The walk behind every cycle rule: from each start row (`target`, `node`, `lo`, `hi`, `path`)
 * up through the parent links that hold on some day of [`lo`, `hi`] (narrowed to the days every
 * link so far holds together), stopping at `target`, at a unit already on the path, or at
 * `TREE_DEPTH_LIMIT`. Rows with `node = target` are chains that reach it; `path || node` lists
 * the units from the lower one up. Needs `WITH RECURSIVE`.
 */
const ancestryWalk = (start: SQL) => sql`walk(target, node, lo, hi, path) AS (
    ${start}
    UNION ALL
    SELECT w.target, p.parent_id, greatest(w.lo, p.valid_from),
           least(w.hi, coalesce(p.valid_to, 'infinity'::date)), w.path || w.node
      FROM walk w
      JOIN org_unit_parents p ON p.unit_id = w.node
       AND p.valid_from <= w.hi AND (p.valid_to IS NULL OR p.valid_to >= w.lo)
     WHERE w.node <> w.target AND p.parent_id IS NOT NULL AND w.node <> ALL(w.path)
       AND cardinality(w.path) < ${sql.raw(String(TREE_DEPTH_LIMIT))}
  )`;

/** The columns of an `AncestryChain` over `hit` rows (`path`, `lo`, `hi`): names as of the first day. */
const CHAIN_COLUMNS = sql`h.lo::text AS "from",
    CASE WHEN h.hi = 'infinity'::date THEN NULL ELSE h.hi::text END AS "to",
    (SELECT json_agg(json_build_object('id', u.id, 'code', u.code, 'name', coalesce(n.name, u.code)) ORDER BY x.ord)
       FROM unnest(h.path) WITH ORDINALITY AS x(id, ord)
       JOIN org_units u ON u.id = x.id
       LEFT JOIN LATERAL (SELECT nm.name FROM org_unit_names nm WHERE nm.unit_id = u.id
                           ORDER BY nm.valid_from <= h.lo DESC, abs(nm.valid_from - h.lo) LIMIT 1) n ON true) AS units`;

/** All SQL about the organisation tree and its history. */
export class OrgRepository {
  constructor(private readonly database: Database) {}

  private db() {
    return this.database.db();
  }

  async findUnit(id: number): Promise<OrgUnitRow | undefined> {
    const [row] = await this.db().select().from(orgUnits).where(eq(orgUnits.id, id));
    return row;
  }

  async findUnitByCode(code: string): Promise<OrgUnitRow | undefined> {
    const [row] = await this.db().select().from(orgUnits).where(eq(orgUnits.code, code));
    return row;
  }

  async unitIdsByCodes(codes: string[]): Promise<Map<string, number>> {
    if (codes.length === 0) return new Map();
    const found = await rows<{ id: number; code: string }>(
      this.db(),
      sql`SELECT id, code FROM org_units WHERE code = ANY(${sql.param(codes)}::text[])`,
    );
    return new Map(found.map((r) => [r.code, r.id]));
  }

  async nameSpans(unitId: number) {
    return this.db()
      .select()
      .from(orgUnitNames)
      .where(eq(orgUnitNames.unitId, unitId))
      .orderBy(orgUnitNames.validFrom);
  }

  async parentSpans(unitId: number) {
    return rows<{
      id: number;
      parent_id: number | null;
      parent_name: string | null;
      valid_from: string;
      valid_to: string | null;
    }>(
      this.db(),
      sql`SELECT p.id, p.parent_id, p.valid_from, p.valid_to,
                 (SELECT n.name FROM org_unit_names n WHERE n.unit_id = p.parent_id
                    AND n.valid_from <= p.valid_from ORDER BY n.valid_from DESC LIMIT 1) AS parent_name
            FROM org_unit_parents p WHERE p.unit_id = ${unitId} ORDER BY p.valid_from`,
    );
  }

  /**
   * The tree as of `date` in one recursive query: from `rootId` (or every top-level unit),
   * down to `maxDepth` levels. Parents come before their children. Over a stored cycle through
   * the root, the walk does not enter the root again (with one parent a day, only such a cycle
   * can be met going down); anything worse stops at `TREE_DEPTH_LIMIT`.
   */
  async tree(date: string, rootId: number | null, maxDepth: number | null = null): Promise<TOrgUnitAsOf[]> {
    const start =
      rootId === null
        ? sql`SELECT p.unit_id AS id, p.parent_id, 0 AS depth FROM org_unit_parents p
               WHERE p.parent_id IS NULL AND ${validOn('p', date)}`
        : sql`SELECT p.unit_id AS id, p.parent_id, 0 AS depth FROM org_unit_parents p
               WHERE p.unit_id = ${rootId} AND ${validOn('p', date)}`;
    const depthLimit = Math.min(maxDepth ?? TREE_DEPTH_LIMIT, TREE_DEPTH_LIMIT);
    const found = await rows<TreeRow>(
      this.db(),
      sql`WITH RECURSIVE tree AS (
            ${start}
            UNION ALL
            SELECT c.unit_id, c.parent_id, t.depth + 1 FROM tree t
              JOIN org_unit_parents c ON c.parent_id = t.id AND ${validOn('c', date)}
             WHERE t.depth < ${depthLimit}::int ${rootId === null ? sql`` : sql`AND c.unit_id <> ${rootId}`}
          )
          SELECT t.id, u.code, n.name, n.short_name, u.type, t.parent_id, t.depth, u.valid_from, u.valid_to, u.is_demo
            FROM tree t
            JOIN org_units u ON u.id = t.id
            LEFT JOIN org_unit_names n ON n.unit_id = t.id AND ${validOn('n', date)}
           ORDER BY t.depth, n.name`,
    );
    return found.map(toUnitAsOf);
  }

  /**
   * The rule under every change to the tree: a chain of parent links from `unitId` up to
   * `ancestorId` (`unitId` itself when they are equal) that holds on some day of [`from`, `to`]
   * (`to` null: open), the earliest such; undefined when `ancestorId` is never `unitId` or above it
   * in that span. Bounded by `TREE_DEPTH_LIMIT`, so it ends even over a stored cycle.
   */
  async chainUp(
    unitId: number,
    ancestorId: number,
    from: string,
    to: string | null,
  ): Promise<AncestryChain | undefined> {
    const [row] = await rows<AncestryChain>(
      this.db(),
      sql`WITH RECURSIVE ${ancestryWalk(sql`SELECT ${ancestorId}::int, ${unitId}::int, ${from}::date,
                                               coalesce(${to}::date, 'infinity'::date), ARRAY[]::int[]`)},
          hit AS (SELECT w.path || w.node AS path, w.lo, w.hi FROM walk w WHERE w.node = w.target
                   ORDER BY w.lo, cardinality(w.path) LIMIT 1)
          SELECT ${CHAIN_COLUMNS} FROM hit h`,
    );
    return row;
  }

  /**
   * Cycles already stored (written before cycles were refused, or by hand): each a chain from a
   * unit up to itself, with the days it holds; one row per cycle and span (started from the
   * cycle's lowest id), at most `limit`.
   */
  async storedCycles(limit: number): Promise<AncestryChain[]> {
    return rows<AncestryChain>(
      this.db(),
      sql`WITH RECURSIVE ${ancestryWalk(sql`SELECT p.unit_id, p.parent_id, p.valid_from,
                                               coalesce(p.valid_to, 'infinity'::date), ARRAY[p.unit_id]
                                          FROM org_unit_parents p WHERE p.parent_id IS NOT NULL`)},
          hit AS (SELECT w.path || w.node AS path, w.lo, w.hi FROM walk w
                   WHERE w.node = w.target AND w.target = (SELECT min(x) FROM unnest(w.path) AS x)
                   ORDER BY w.target, w.lo LIMIT ${limit})
          SELECT ${CHAIN_COLUMNS} FROM hit h ORDER BY h.path[1], h.lo`,
    );
  }

  /** A unit as of a date, with its name and parent of that date (even if it no longer exists). */
  async unitAsOf(unitId: number, date: string): Promise<TOrgUnitAsOf | undefined> {
    const [row] = await rows<TreeRow>(
      this.db(),
      sql`SELECT u.id, u.code, n.name, n.short_name, u.type, p.parent_id, 0 AS depth, u.valid_from, u.valid_to, u.is_demo
            FROM org_units u
            LEFT JOIN org_unit_names n ON n.unit_id = u.id AND ${validOn('n', date)}
            LEFT JOIN org_unit_parents p ON p.unit_id = u.id AND ${validOn('p', date)}
           WHERE u.id = ${unitId}`,
    );
    return row ? toUnitAsOf(row) : undefined;
  }

  /** Ancestors as of `date`, from the top down, the unit itself excluded. One recursive query. */
  async ancestors(unitId: number, date: string): Promise<{ id: number; code: string; name: string }[]> {
    const found = await rows<{ id: number; code: string; name: string | null; lvl: number }>(
      this.db(),
      sql`WITH RECURSIVE up AS (
            SELECT p.parent_id AS id, 1 AS lvl FROM org_unit_parents p
             WHERE p.unit_id = ${unitId} AND ${validOn('p', date)}
            UNION ALL
            SELECT p.parent_id, up.lvl + 1 FROM up
              JOIN org_unit_parents p ON p.unit_id = up.id AND ${validOn('p', date)}
             WHERE up.lvl < ${sql.raw(String(TREE_DEPTH_LIMIT))}
          )
          SELECT up.id, u.code, n.name, up.lvl FROM up
            JOIN org_units u ON u.id = up.id
            LEFT JOIN org_unit_names n ON n.unit_id = up.id AND ${validOn('n', date)}
           WHERE up.id IS NOT NULL
           ORDER BY up.lvl DESC`,
    );
    return found.map((r) => ({ id: r.id, code: r.code, name: r.name ?? r.code }));
  }

  async childCount(unitId: number, date: string): Promise<number> {
    const [row] = await rows<{ n: number }>(
      this.db(),
      sql`SELECT count(*)::int AS n FROM org_unit_parents p
           WHERE p.parent_id = ${unitId} AND ${validOn('p', date)}`,
    );
    return row?.n ?? 0;
  }

  async childrenOn(unitId: number, date: string): Promise<number[]> {
    const found = await rows<{ unit_id: number }>(
      this.db(),
      sql`SELECT p.unit_id FROM org_unit_parents p
           WHERE p.parent_id = ${unitId} AND ${validOn('p', date)}`,
    );
    return found.map((r) => r.unit_id);
  }

  async lineage(unitId: number) {
    const link = (side: 'pred' | 'succ') =>
      rows<{
        unit_id: number;
        code: string;
        name: string | null;
        kind: 'merge' | 'split';
        effective_date: string;
      }>(
        this.db(),
        sql`SELECT l.${sql.raw(side === 'pred' ? 'predecessor_id' : 'successor_id')} AS unit_id, u.code, l.kind, l.effective_date,
                   (SELECT n.name FROM org_unit_names n WHERE n.unit_id = u.id ORDER BY n.valid_from DESC LIMIT 1) AS name
              FROM org_lineage l
              JOIN org_units u ON u.id = l.${sql.raw(side === 'pred' ? 'predecessor_id' : 'successor_id')}
             WHERE l.${sql.raw(side === 'pred' ? 'successor_id' : 'predecessor_id')} = ${unitId}
             ORDER BY l.effective_date, u.code`,
      );
    const shape = (r: {
      unit_id: number;
      code: string;
      name: string | null;
      kind: 'merge' | 'split';
      effective_date: string;
    }) => ({
      unitId: r.unit_id,
      code: r.code,
      name: r.name ?? r.code,
      kind: r.kind,
      effectiveDate: r.effective_date,
    });
    return { predecessors: (await link('pred')).map(shape), successors: (await link('succ')).map(shape) };
  }

  async events(unitId: number) {
    return rows<{
      id: number;
      kind: string;
      effective_date: string;
      note: string | null;
      created_at: string;
    }>(
      this.db(),
      sql`SELECT DISTINCT e.id, e.kind, e.effective_date, e.note, e.created_at FROM org_events e
            JOIN org_event_units eu ON eu.event_id = e.id
           WHERE eu.unit_id = ${unitId}
           ORDER BY e.effective_date, e.id`,
    );
  }

  /**
   * For the access rule, in one prepared statement: the unit's last day and whether it is `homeId`
   * or lies below it — as of `today`, or of its last day if it closed before. Undefined when there
   * is no such unit.
   */
  async unitAccess(homeId: number | null, unitId: number, today: string): Promise<UnitAccessRow | undefined> {
    const [row] = await this.database.prepared<{
      unitExists: boolean;
      unitValidTo: string | null;
      inSubtree: boolean;
    }>(`WITH RECURSIVE ${unitAccessCtes('$1::int', '$2')} SELECT ${unitAccessColumns('$3')}`, [
      unitId,
      today,
      homeId,
    ]);
    return row ? unitAccessOf(row) : undefined;
  }

  /** Diacritic-insensitive search on names (any time) and codes, names shown as of `date`. */
  async search(terms: string[], date: string, limit: number): Promise<TOrgUnitAsOf[]> {
    if (terms.length === 0) return [];
    const escaped = terms.map((t) => `%${t.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const conditions = escaped.map(
      (
        pattern,
      ) => sql`(EXISTS (SELECT 1 FROM org_unit_names s WHERE s.unit_id = u.id AND s.name_folded LIKE ${pattern})
                         OR lower(u.code) LIKE ${pattern})`,
    );
    const found = await rows<TreeRow>(
      this.db(),
      sql`SELECT u.id, u.code,
                 COALESCE(n.name, (SELECT l.name FROM org_unit_names l WHERE l.unit_id = u.id ORDER BY l.valid_from DESC LIMIT 1)) AS name,
                 n.short_name, u.type, p.parent_id, 0 AS depth, u.valid_from, u.valid_to, u.is_demo
            FROM org_units u
            LEFT JOIN org_unit_names n ON n.unit_id = u.id AND ${validOn('n', date)}
            LEFT JOIN org_unit_parents p ON p.unit_id = u.id AND ${validOn('p', date)}
           WHERE ${sql.join(conditions, sql` AND `)}
           ORDER BY (u.valid_to IS NULL) DESC, u.type, u.code
           LIMIT ${limit}`,
    );
    return found.map(toUnitAsOf);
  }

  async allUnitsForExport(date: string | null) {
    const dateFilter = date === null ? sql`TRUE` : validOn('u', date);
    return rows<{
      code: string;
      name: string;
      type: string;
      parent_code: string | null;
      valid_from: string;
      valid_to: string | null;
    }>(
      this.db(),
      sql`SELECT u.code,
                 (SELECT n.name FROM org_unit_names n WHERE n.unit_id = u.id
                   ORDER BY n.valid_from DESC LIMIT 1) AS name,
                 u.type,
                 (SELECT pu.code FROM org_unit_parents p JOIN org_units pu ON pu.id = p.parent_id
                   WHERE p.unit_id = u.id ${date === null ? sql`` : sql`AND ${validOn('p', date)}`}
                   ORDER BY p.valid_from DESC LIMIT 1) AS parent_code,
                 u.valid_from, u.valid_to
            FROM org_units u WHERE ${dateFilter}
           ORDER BY u.id`,
    );
  }

  async countUnits(): Promise<number> {
    const [row] = await rows<{ n: number }>(this.db(), sql`SELECT count(*)::int AS n FROM org_units`);
    return row?.n ?? 0;
  }
}
