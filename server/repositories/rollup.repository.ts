import { sql } from 'drizzle-orm';
import { type Database, rows } from '../db/client.ts';
import { expectedSql, type ReportingScope } from './sql/expected-to-report.ts';
import { COUNTABLE, contribution, rollupApplyCtes, rollupLockedCte } from './sql/rollup-apply.ts';
import { validOn } from './sql/valid-on.ts';
import { setLocalWorkMem } from './sql/work-mem.ts';

export type { ReportingScope } from './sql/expected-to-report.ts';
export type { RollupRow } from './sql/rollup-rows.ts';

/** The plan unit's subtree as of the scope's date, with each unit's path from the plan unit. */
const treeCte = (scope: ReportingScope) => sql`tree AS (
    SELECT ${scope.planUnitId}::int AS id, NULL::int AS parent_id, 0 AS depth, ARRAY[${scope.planUnitId}::int] AS path
    UNION ALL
    SELECT c.unit_id, c.parent_id, t.depth + 1, t.path || c.unit_id
      FROM tree t JOIN org_unit_parents c ON c.parent_id = t.id AND ${validOn('c', scope.date)}
     WHERE t.depth < 50
  )`;

export interface PeriodScopeRow {
  period_id: number;
  ends_on: string;
  due_on: string;
  schedule_id: number;
  lead_days: number;
  unit_types: string[];
  plan_id: number;
  plan_unit_id: number;
}

/** `applyReport`'s statement: $1 period, $2 unit, $3 report, $4 sign (1 or −1). */
const APPLY_REPORT_SQL = `WITH ${rollupLockedCte('$1')},
          ${rollupApplyCtes({ period: '$1', unit: '$2', report: '$3', sign: '$4' })}
          SELECT EXISTS (SELECT 1 FROM locked) AS built,
                 EXISTS (SELECT 1 FROM me) AS in_tree, (SELECT count(*) FROM written)::int AS n`;

/**
 * All SQL of roll-ups (`rollup_values`): rows exist for every unit that has units below it, per
 * indicator and category with at least one approved value in its subtree. A unit without units
 * below it has only its own value, which lives in `report_values`.
 */
export class RollupRepository {
  constructor(private readonly database: Database) {}

  private db() {
    return this.database.db();
  }

  /**
   * The period with its schedule and plan unit. `lock` locks the period row: 'share' for an
   * approval, 'update' for a build, which waits for the approvals under way and holds back new
   * ones. The build's lock is FOR NO KEY UPDATE, not FOR UPDATE: reports opened meanwhile check
   * their foreign key to the period (FOR KEY SHARE) and would otherwise wait for the whole build.
   */
  async periodScope(
    periodId: number,
    lock: 'share' | 'update' | null = null,
  ): Promise<PeriodScopeRow | undefined> {
    const locking =
      lock === 'share' ? sql` FOR SHARE OF p` : lock === 'update' ? sql` FOR NO KEY UPDATE OF p` : sql``;
    const [row] = await rows<PeriodScopeRow>(
      this.db(),
      sql`SELECT p.id AS period_id, p.ends_on::text AS ends_on, p.due_on::text AS due_on, s.id AS schedule_id,
                 s.lead_days, s.unit_types, pl.id AS plan_id, pl.unit_id AS plan_unit_id
            FROM report_periods p
            JOIN report_schedules s ON s.id = p.schedule_id
            JOIN plans pl ON pl.id = s.plan_id
           WHERE p.id = ${periodId}${locking}`,
    );
    return row;
  }

  async periodIds(): Promise<number[]> {
    const found = await rows<{ id: number }>(
      this.db(),
      sql`SELECT id FROM report_periods ORDER BY ends_on, id`,
    );
    return found.map((r) => r.id);
  }

  /**
   * Adds (`sign` 1, on approval) or takes away (−1, on unlock) one report's values to the roll-up
   * rows of its unit (when it has units below) and of every ancestor in the period's tree snapshot
   * — one statement: the snapshot row by primary key, its `ancestors` array, the report's values
   * and one INSERT … ON CONFLICT DO UPDATE in key order (concurrent approvals do not deadlock).
   * Holds a share lock on the period (when built), so a rebuild waits for it and it waits for a
   * rebuild.
   * `built` is false when the period has no snapshot yet (the caller rebuilds it);
   * `inTree` is false when the unit is not in the plan unit's tree at the period's end.
   */
  async applyReport(
    periodId: number,
    unitId: number,
    reportId: number,
    sign: 1 | -1,
  ): Promise<{ built: boolean; inTree: boolean; rows: number }> {
    // Prepared: one round trip per approval, planned once per connection.
    const [row] = await this.database.prepared<{ built: boolean; in_tree: boolean; n: number }>(
      APPLY_REPORT_SQL,
      [periodId, unitId, reportId, sign],
    );
    return { built: row?.built ?? false, inTree: row?.in_tree ?? false, rows: row?.n ?? 0 };
  }

  /** After an unlock: removes the rows of the unit and its ancestors that no longer hold any approved value. */
  async dropEmpty(periodId: number, unitId: number) {
    await this.db().execute(
      sql`DELETE FROM rollup_values r
           USING rollup_units ru
           WHERE ru.period_id = ${periodId} AND ru.unit_id = ${unitId}
             AND r.period_id = ${periodId} AND r.unit_id = ANY(ru.ancestors || ru.unit_id) AND r.reporting_units <= 0`,
    );
  }

  /**
   * Takes the period's tree snapshot (`rollup_units`) as of the scope's date: the plan unit's
   * subtree with each unit's ancestors, whether it is expected to report and the expected units
   * of its subtree. Writes only the rows that changed and removes those no longer in the tree.
   */
  async snapshotTree(periodId: number, scope: ReportingScope): Promise<number> {
    const [row] = await rows<{ n: number }>(
      this.db(),
      sql`WITH RECURSIVE ${treeCte(scope)},
          units AS (
            SELECT t.id, t.parent_id, t.depth, t.path, u.type, ${expectedSql(scope)} AS expected
              FROM tree t JOIN org_units u ON u.id = t.id
          ),
          inner_units AS (SELECT DISTINCT parent_id AS id FROM units WHERE parent_id IS NOT NULL),
          expected_up AS (
            SELECT a.id, count(*)::int AS n FROM units un CROSS JOIN LATERAL unnest(un.path) AS a(id)
             WHERE un.expected GROUP BY a.id
          ),
          fresh AS (
            SELECT un.id, un.parent_id, un.depth, un.path[1:un.depth] AS ancestors, un.type, un.expected,
                   iu.id IS NOT NULL AS has_children, coalesce(x.n, 0) AS expected_units
              FROM units un
              LEFT JOIN inner_units iu ON iu.id = un.id
              LEFT JOIN expected_up x ON x.id = un.id
          ),
          gone AS (
            DELETE FROM rollup_units r WHERE r.period_id = ${periodId}
               AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.id = r.unit_id)
            RETURNING 1
          ),
          written AS (
            INSERT INTO rollup_units AS r (period_id, unit_id, parent_id, depth, ancestors, type, expected,
                                           has_children, expected_units)
            SELECT ${periodId}::int, f.id, f.parent_id, f.depth, f.ancestors, f.type, f.expected, f.has_children,
                   f.expected_units
              FROM fresh f
            ON CONFLICT (period_id, unit_id) DO UPDATE SET
                   parent_id = EXCLUDED.parent_id, depth = EXCLUDED.depth, ancestors = EXCLUDED.ancestors,
                   type = EXCLUDED.type, expected = EXCLUDED.expected, has_children = EXCLUDED.has_children,
                   expected_units = EXCLUDED.expected_units
             WHERE (r.parent_id, r.depth, r.ancestors, r.type, r.expected, r.has_children, r.expected_units)
                   IS DISTINCT FROM (EXCLUDED.parent_id, EXCLUDED.depth, EXCLUDED.ancestors, EXCLUDED.type,
                                     EXCLUDED.expected, EXCLUDED.has_children, EXCLUDED.expected_units)
            RETURNING 1
          )
          SELECT (SELECT count(*) FROM fresh)::int AS n, (SELECT count(*) FROM gone)::int AS gone,
                 (SELECT count(*) FROM written)::int AS written`,
    );
    return row?.n ?? 0;
  }

  /**
   * What a tree snapshot of the scope is taken from, and the fingerprint stored with the period's
   * snapshot (null when none): the scope (plan unit, unit types, day) and an order-free checksum
   * — count and sum of 64-bit hashes — of every parent span (`org_unit_parents`) and every unit's
   * type (`org_units`), the only inputs of `snapshotTree`. Any change to them, whichever path
   * made it (the organisation's services, an import, SQL by hand), changes the checksum; one scan
   * of each table (~30 ms for 100,000 units) instead of re-taking the snapshot (~1–2 s).
   */
  async treeFingerprint(
    periodId: number,
    scope: ReportingScope,
  ): Promise<{ fresh: string; stored: string | null }> {
    const head = `${scope.planUnitId}|${[...scope.unitTypes].sort().join(',')}|${scope.date}`;
    const [row] = await rows<{ fresh: string; stored: string | null }>(
      this.db(),
      sql`SELECT ${head}::text
                 || '|' || (SELECT count(*) || ':' || coalesce(sum(hashtextextended(
                              p.unit_id || ',' || coalesce(p.parent_id::text, '-') || ',' || p.valid_from::text
                              || ',' || coalesce(p.valid_to::text, '-'), 0)), 0) FROM org_unit_parents p)
                 || '|' || (SELECT count(*) || ':' || coalesce(sum(hashtextextended(u.id || ',' || u.type, 0)), 0)
                              FROM org_units u) AS fresh,
                 (SELECT rp.tree_fingerprint FROM rollup_periods rp
                   WHERE rp.period_id = ${periodId} AND rp.built_at IS NOT NULL) AS stored`,
    );
    return { fresh: row?.fresh ?? '', stored: row?.stored ?? null };
  }

  /**
   * Recomputes one period's roll-up rows from scratch over its tree snapshot (take it first with
   * `snapshotTree`): every approved value's contribution gathered at its unit (when it has units
   * below) or its parent, then added up to every ancestor through the snapshot's `ancestors`.
   * Rows that changed are written, rows that no longer hold data are deleted. Returns the number
   * of rows the period holds afterwards and how many were written or deleted.
   */
  async rebuild(periodId: number): Promise<{ rows: number; changed: number }> {
    // ~3 million values into ~100,000 groups: hashed in memory. Sorting them instead (the planner
    // misjudges the number of groups of a computed key) spilled 200 MB to disk and took twice as
    // long. With sorts priced out the estimate crosses the JIT thresholds, and compiling the
    // statement took 1.3 s: no JIT for it. Both settings are put back right after.
    const [saved] = await rows<{ jit: string; sort: string }>(
      this.db(),
      sql`SELECT current_setting('jit') AS jit, current_setting('enable_sort') AS sort,
                 set_config('enable_sort', 'off', true), set_config('jit', 'off', true)`,
    );
    const [row] = await rows<{ n: number; deleted: number; written: number }>(
      this.db(),
      sql`WITH placed AS (
            SELECT ru.unit_id AS id, ru.expected, CASE WHEN ru.has_children THEN ru.unit_id ELSE ru.parent_id END AS target
              FROM rollup_units ru WHERE ru.period_id = ${periodId}
          ),
          own AS (
            SELECT pl.target, v.indicator_id, v.category, ${sql.raw(contribution('pl.expected'))}
              FROM reports rp
              JOIN placed pl ON pl.id = rp.unit_id
              -- each report's values by its key (a nested loop over the primary key; measured
              -- 10–15 % faster than the same through a LATERAL … OFFSET 0 subquery)
              JOIN report_values v ON v.report_id = rp.id
              JOIN indicators i ON i.id = v.indicator_id
             WHERE rp.period_id = ${periodId} AND rp.status = 'approved' AND pl.target IS NOT NULL
               AND ${sql.raw(COUNTABLE)}
          ),
          -- Three sums per value (3 million of them nationally) rather than five: a
          -- contribution's meet equals its num for count_units_meeting (the same test) and
          -- is 0 otherwise, and den_is_expected is the indicator's — both taken per row below.
          gathered AS (
            SELECT target, indicator_id, category, sum(num) AS num, sum(den) AS den, count(*) AS rep
              FROM own GROUP BY target, indicator_id, category
          ),
          fresh AS (
            SELECT a.id AS unit_id, g.indicator_id, g.category, sum(g.num)::float8 AS num, sum(g.den)::float8 AS den,
                   sum(g.rep)::int AS rep
              FROM gathered g JOIN rollup_units ru ON ru.period_id = ${periodId} AND ru.unit_id = g.target
             CROSS JOIN LATERAL unnest(ru.ancestors || ru.unit_id) AS a(id)
             GROUP BY a.id, g.indicator_id, g.category
          ),
          complete AS (
            SELECT f.unit_id, f.indicator_id, f.category, f.num,
                   CASE WHEN i.aggregation = 'count_units_meeting' THEN x.expected_units::float8 ELSE f.den END AS den,
                   f.rep, CASE WHEN i.aggregation = 'count_units_meeting' THEN f.num::int ELSE 0 END AS meet,
                   x.expected_units AS expected
              FROM fresh f JOIN rollup_units x ON x.period_id = ${periodId} AND x.unit_id = f.unit_id
              JOIN indicators i ON i.id = f.indicator_id
          ),
          gone AS (
            DELETE FROM rollup_values r WHERE r.period_id = ${periodId} AND NOT EXISTS (
              SELECT 1 FROM complete c WHERE c.unit_id = r.unit_id AND c.indicator_id = r.indicator_id AND c.category = r.category)
            RETURNING 1
          ),
          written AS (
            INSERT INTO rollup_values AS r (period_id, indicator_id, unit_id, category, numerator, denominator,
                                            reporting_units, meeting_units, expected_units, updated_at)
            SELECT ${periodId}::int, c.indicator_id, c.unit_id, c.category, c.num, c.den, c.rep, c.meet, c.expected, now()
              FROM complete c
             -- a unit's rows side by side on disk: the dashboards read them by unit. (The period's
             -- row lock keeps approvals out meanwhile, so this order cannot deadlock with theirs.)
             ORDER BY c.unit_id, c.indicator_id, c.category
            ON CONFLICT (period_id, indicator_id, unit_id, category) DO UPDATE SET
                   numerator = EXCLUDED.numerator, denominator = EXCLUDED.denominator,
                   reporting_units = EXCLUDED.reporting_units, meeting_units = EXCLUDED.meeting_units,
                   expected_units = EXCLUDED.expected_units, updated_at = now()
             WHERE (r.numerator, r.denominator, r.reporting_units, r.meeting_units, r.expected_units)
                   IS DISTINCT FROM (EXCLUDED.numerator, EXCLUDED.denominator, EXCLUDED.reporting_units,
                                     EXCLUDED.meeting_units, EXCLUDED.expected_units)
            RETURNING 1
          )
          SELECT (SELECT count(*) FROM complete)::int AS n,
                 (SELECT count(*) FROM gone)::int AS deleted, (SELECT count(*) FROM written)::int AS written`,
    );
    await this.db().execute(
      sql`SELECT set_config('enable_sort', ${saved?.sort ?? 'on'}, true), set_config('jit', ${saved?.jit ?? 'on'}, true)`,
    );
    return { rows: row?.n ?? 0, changed: (row?.deleted ?? 0) + (row?.written ?? 0) };
  }

  /** Memory for the sorts and hashes of the current transaction (a big rebuild or scan). */
  async setWorkMem(size: '64MB' | '32MB') {
    await this.db().execute(setLocalWorkMem(size));
  }

  async analyze() {
    await this.db().execute(sql`ANALYZE rollup_values`);
  }
}
