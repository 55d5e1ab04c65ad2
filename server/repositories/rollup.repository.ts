import { type SQL, sql } from 'drizzle-orm';
import { type Database, rows } from '../db/client.ts';

/** A span valid on date `d`: both ends inclusive, null end = open (as in `org.repository.ts`). */
const validOn = (alias: string, d: string) =>
  sql`${sql.raw(alias)}.valid_from <= ${d}::date AND (${sql.raw(alias)}.valid_to IS NULL OR ${sql.raw(alias)}.valid_to >= ${d}::date)`;

/** Who is expected to report in a period: the schedule's unit types below the plan's unit. */
export interface ReportingScope {
  /** The plan's unit: the top of the period's tree. */
  planUnitId: number;
  /** The schedule's unit types; empty: the plan unit's direct units. */
  unitTypes: string[];
  /** The organisation is taken as it stood on this day (the period's end). */
  date: string;
}

/**
 * The expected-to-report test of `ReportingService.unitsInScope` as SQL over a tree row `t`
 * (`t.id`, `t.parent_id`) and its unit `u` (`u.type`).
 */
const expectedSql = (scope: ReportingScope) =>
  sql`(t.id <> ${scope.planUnitId} AND (CASE WHEN cardinality(${sql.param(scope.unitTypes)}::text[]) = 0
        THEN t.parent_id IS NOT DISTINCT FROM ${scope.planUnitId}::int
        ELSE u.type = ANY(${sql.param(scope.unitTypes)}::text[]) END))`;

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

export interface ChainRow {
  id: number;
  /** 0 for the unit itself, 1 for its parent, … */
  lvl: number;
  type: string;
  parent_id: number | null;
  has_children: boolean;
  /** `expected_units` already stored for (period, unit), if any row exists. */
  expected_units: number | null;
}

/** One stored roll-up row. */
export interface RollupRow {
  period_id: number;
  indicator_id: number;
  unit_id: number;
  category: string;
  numerator: number;
  denominator: number;
  reporting_units: number;
  meeting_units: number;
  expected_units: number;
}

export interface UnitAsOfRow {
  id: number;
  name: string;
  type: string;
  parent_id: number | null;
  has_children: boolean;
}

/** An indicator of a form, with what the dashboards need of it. */
export interface FormIndicatorRow {
  id: number;
  code: string;
  name: string;
  kind: string;
  unit: string | null;
  aggregation: string;
  disaggregation: string;
  threshold: number;
}

/** A unit with its roll-up rows and own approved values (`unitsWithFigures`). */
export interface UnitWithFiguresRow extends UnitAsOfRow {
  /** A direct unit of the unit asked about (else one of the units asked for by id). */
  is_child: boolean;
  rolled: RollupRow[] | null;
  own: OwnValueRow[] | null;
}

export interface OwnValueRow {
  unit_id: number;
  indicator_id: number;
  category: string;
  numerator: number | null;
  denominator: number | null;
}

export interface CompletenessCountRow {
  branch: number | null;
  type: string | null;
  /** 1 when the row is a per-type (or overall) count. */
  by_type: number;
  /** 1 when the row is a per-branch (or overall) count. */
  by_branch: number;
  expected: number;
  submitted: number;
  on_time: number;
  approved: number;
  late: number;
}

export interface LateUnitRow {
  id: number;
  name: string;
  type: string;
  parent_name: string | null;
  status: string;
  due_on: string;
  days_late: number;
}

/**
 * The SQL rules of one approved value's contribution (the domain's `sum` and
 * `count_units_meeting`, see `domain/rollup/roll-up.ts`), over a value `v`, its indicator `i` and
 * whether its unit is expected (`expected`): numerator, denominator, meeting units, and whether
 * the row's denominator is the expected units. Shared by the rebuild and the approval's upsert,
 * so both apply the same rules; `rollup.db.test.ts` checks them against the domain.
 */
function contribution(expected: string) {
  return `CASE WHEN i.aggregation = 'count_units_meeting'
                    THEN CASE WHEN ${expected} AND v.numerator >= i.threshold THEN 1 ELSE 0 END
                    ELSE v.numerator END AS num,
               CASE WHEN i.aggregation = 'count_units_meeting' THEN 0
                    WHEN i.kind = 'ratio' THEN v.denominator ELSE 1 END AS den,
               CASE WHEN i.aggregation = 'count_units_meeting' AND ${expected} AND v.numerator >= i.threshold
                    THEN 1 ELSE 0 END AS meet,
               i.aggregation = 'count_units_meeting' AS den_is_expected`;
}

/** The values that roll up: given, and of the categories the indicator has. */
const COUNTABLE = `v.numerator IS NOT NULL AND (i.kind <> 'ratio' OR v.denominator IS NOT NULL)
               AND (v.category = 'total' OR (i.disaggregation = 'sex' AND v.category IN ('male', 'female')))`;

/**
 * The CTE `locked`: the period (an SQL expression such as `$1`) with a share lock, only when it
 * is built — otherwise the caller rebuilds it under an update lock, and two first approvals each
 * holding a share lock would deadlock upgrading.
 */
export function rollupLockedCte(period: string): string {
  return `locked AS (
            SELECT p.id FROM report_periods p
              JOIN rollup_periods rp ON rp.period_id = p.id AND rp.built_at IS NOT NULL
             WHERE p.id = ${period} FOR SHARE OF p
          )`;
}

/**
 * The CTEs `me`, `targets`, `own` and `written` that add (`sign` 1) or take away (−1) one
 * report's values to the roll-up rows of its unit (when it has units below) and of every ancestor
 * in the period's tree snapshot, after `rollupLockedCte`. Arguments are SQL of the statement
 * (parameters); with `gate`, a CTE name, nothing is written unless that CTE has a row (a
 * statement that approves a report and rolls it up together).
 */
export function rollupApplyCtes(p: {
  period: string;
  unit: string;
  report: string;
  sign: string;
  gate?: string;
}): string {
  const gated = p.gate ? ` AND EXISTS (SELECT 1 FROM ${p.gate})` : '';
  return `me AS (
            SELECT ru.* FROM rollup_units ru JOIN locked ON locked.id = ru.period_id
             WHERE ru.period_id = ${p.period} AND ru.unit_id = ${p.unit}${gated} LIMIT 1
          ),
          targets AS (
            SELECT t.id FROM me CROSS JOIN LATERAL unnest(
              me.ancestors || CASE WHEN me.has_children THEN ARRAY[me.unit_id] ELSE '{}'::int[] END) AS t(id)
          ),
          own AS (
            SELECT v.indicator_id, v.category, ${contribution('(SELECT me.expected FROM me)')}
              FROM report_values v JOIN indicators i ON i.id = v.indicator_id
             WHERE v.report_id = ${p.report} AND ${COUNTABLE}
          ),
          written AS (
            INSERT INTO rollup_values AS r (period_id, indicator_id, unit_id, category, numerator, denominator,
                                            reporting_units, meeting_units, expected_units, updated_at)
            SELECT (${p.period})::int, o.indicator_id, ru.unit_id, o.category, (${p.sign})::int * o.num::float8,
                   CASE WHEN o.den_is_expected THEN ru.expected_units::float8 ELSE (${p.sign})::int * o.den::float8 END,
                   (${p.sign})::int, (${p.sign})::int * o.meet, ru.expected_units, now()
              FROM targets t
              JOIN rollup_units ru ON ru.period_id = ${p.period} AND ru.unit_id = t.id
             CROSS JOIN own o
             ORDER BY o.indicator_id, ru.unit_id, o.category
            ON CONFLICT (period_id, indicator_id, unit_id, category) DO UPDATE SET
                   numerator = r.numerator + EXCLUDED.numerator,
                   -- a count_units_meeting denominator is the subtree's expected units
                   denominator = CASE WHEN (SELECT i.aggregation FROM indicators i WHERE i.id = EXCLUDED.indicator_id)
                                           = 'count_units_meeting'
                                      THEN EXCLUDED.denominator ELSE r.denominator + EXCLUDED.denominator END,
                   reporting_units = r.reporting_units + EXCLUDED.reporting_units,
                   meeting_units = r.meeting_units + EXCLUDED.meeting_units,
                   expected_units = EXCLUDED.expected_units,
                   updated_at = now()
            RETURNING 1
          )`;
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

  /** Whether the period's roll-ups have been built (its snapshot taken). */
  async isBuilt(periodId: number): Promise<boolean> {
    const [row] = await this.database.prepared<{ built: boolean }>(
      'SELECT EXISTS (SELECT 1 FROM rollup_periods WHERE period_id = $1 AND built_at IS NOT NULL) AS built',
      [periodId],
    );
    return row?.built ?? false;
  }

  /** Marks the period built (its snapshot taken from `fingerprint`) and no longer waiting for a rebuild. */
  async markBuilt(periodId: number, fingerprint: string) {
    await this.db().execute(
      sql`INSERT INTO rollup_periods (period_id, built_at, stale_since, stale_reason, attempts, last_error,
                                      tree_fingerprint)
          VALUES (${periodId}, now(), NULL, NULL, 0, NULL, ${fingerprint})
          ON CONFLICT (period_id) DO UPDATE SET built_at = now(), stale_since = NULL, stale_reason = NULL,
                 attempts = 0, last_error = NULL, tree_fingerprint = EXCLUDED.tree_fingerprint`,
    );
  }

  /**
   * An organisation change effective on `date`: every built period that ends on or after it saw
   * its tree change (as of its end), so it waits for a rebuild. Returns the periods marked.
   */
  async markStale(date: string, reason: string): Promise<number[]> {
    const found = await rows<{ period_id: number }>(
      this.db(),
      sql`UPDATE rollup_periods rp SET stale_since = coalesce(rp.stale_since, now()), stale_reason = ${reason}
            FROM report_periods p
           WHERE p.id = rp.period_id AND p.ends_on >= ${date}::date AND rp.built_at IS NOT NULL
          RETURNING rp.period_id`,
    );
    return found.map((r) => r.period_id).sort((a, b) => a - b);
  }

  /** Periods waiting for a rebuild, oldest first. */
  async stalePeriods(): Promise<
    { period_id: number; stale_since: string; stale_reason: string | null; attempts: number }[]
  > {
    return rows(
      this.db(),
      sql`SELECT period_id, stale_since::text, stale_reason, attempts FROM rollup_periods
           WHERE stale_since IS NOT NULL ORDER BY stale_since, period_id`,
    );
  }

  /** Claims one waiting period for this transaction (others skip it), or null. */
  async claimStale(maxAttempts: number): Promise<number | null> {
    const [row] = await rows<{ period_id: number }>(
      this.db(),
      sql`SELECT period_id FROM rollup_periods
           WHERE stale_since IS NOT NULL AND attempts < ${maxAttempts}
           ORDER BY stale_since, period_id LIMIT 1 FOR UPDATE SKIP LOCKED`,
    );
    return row?.period_id ?? null;
  }

  /** A failed queued rebuild: counted, with its error, to be retried later. */
  async recordFailure(periodId: number, error: string) {
    await this.db().execute(
      sql`UPDATE rollup_periods SET attempts = attempts + 1, last_error = ${error} WHERE period_id = ${periodId}`,
    );
  }

  /**
   * The unit and its ancestors up to the plan unit as of the scope's date (one recursive query),
   * each with whether it has units below it and the expected units already stored for the period.
   * Empty when the unit does not lie in the plan unit's subtree on that day.
   */
  async chain(periodId: number, unitId: number, scope: ReportingScope): Promise<ChainRow[]> {
    const found = await rows<ChainRow>(
      this.db(),
      sql`WITH RECURSIVE up AS (
            SELECT ${unitId}::int AS id, 0 AS lvl
            UNION ALL
            SELECT p.parent_id, up.lvl + 1 FROM up
              JOIN org_unit_parents p ON p.unit_id = up.id AND ${validOn('p', scope.date)}
             WHERE up.id <> ${scope.planUnitId} AND p.parent_id IS NOT NULL AND up.lvl < 50
          )
          SELECT up.id, up.lvl, u.type,
                 (SELECT p.parent_id FROM org_unit_parents p WHERE p.unit_id = up.id AND ${validOn('p', scope.date)} LIMIT 1) AS parent_id,
                 EXISTS (SELECT 1 FROM org_unit_parents c WHERE c.parent_id = up.id AND ${validOn('c', scope.date)}) AS has_children,
                 (SELECT r.expected_units FROM rollup_values r WHERE r.unit_id = up.id AND r.period_id = ${periodId} LIMIT 1) AS expected_units
            FROM up JOIN org_units u ON u.id = up.id
           ORDER BY up.lvl`,
    );
    return found.some((r) => r.id === scope.planUnitId) ? found : [];
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

  /** A unit's direct units as of a date, with names, types and whether they have units below. */
  async children(unitId: number, date: string): Promise<UnitAsOfRow[]> {
    return rows<UnitAsOfRow>(
      this.db(),
      sql`SELECT c.unit_id AS id, coalesce(n.name, u.code) AS name, u.type, c.parent_id,
                 EXISTS (SELECT 1 FROM org_unit_parents g WHERE g.parent_id = c.unit_id AND ${validOn('g', date)}) AS has_children
            FROM org_unit_parents c
            JOIN org_units u ON u.id = c.unit_id
            LEFT JOIN org_unit_names n ON n.unit_id = c.unit_id AND ${validOn('n', date)}
           WHERE c.parent_id = ${unitId} AND ${validOn('c', date)}
           ORDER BY n.name, u.code`,
    );
  }

  /** Units as of a date, with names, parents and whether they have units below. */
  async units(unitIds: number[], date: string): Promise<UnitAsOfRow[]> {
    if (unitIds.length === 0) return [];
    return rows<UnitAsOfRow>(
      this.db(),
      sql`SELECT u.id, coalesce(n.name, u.code) AS name, u.type,
                 (SELECT p.parent_id FROM org_unit_parents p WHERE p.unit_id = u.id AND ${validOn('p', date)} LIMIT 1) AS parent_id,
                 EXISTS (SELECT 1 FROM org_unit_parents g WHERE g.parent_id = u.id AND ${validOn('g', date)}) AS has_children
            FROM org_units u
            LEFT JOIN org_unit_names n ON n.unit_id = u.id AND ${validOn('n', date)}
           WHERE u.id = ANY(${sql.param(unitIds)}::int[])`,
    );
  }

  /**
   * Units with their figures in one statement: the direct units of `childrenOf` (as of `date`,
   * ordered by name) and the units `unitIds`, each with its name, type, parent, whether it has units
   * below, its roll-up rows (total) and its own approved values for the indicators.
   */
  async unitsWithFigures(
    periodId: number,
    date: string,
    options: {
      childrenOf: number | null;
      unitIds: number[];
      indicatorIds: number[];
      /**
       * Also the path to this unit: the unit and its ancestors as of `date` up to `planUnitId`
       * (`path_level` 0 for the unit, 1 for its parent, …), found in the same statement. The plan
       * unit is among them only when the unit lies in its subtree on that day.
       */
      pathTo?: { unitId: number; planUnitId: number };
    },
  ): Promise<(UnitWithFiguresRow & { path_level: number | null })[]> {
    const ids = sql.param(options.indicatorIds);
    const path = options.pathTo;
    // Parallel arrays rather than JSON objects: a third of the work to build and to read.
    const found = await rows<
      UnitAsOfRow & {
        is_child: boolean;
        path_level: number | null;
        r_ind: number[] | null;
        r_num: number[] | null;
        r_den: number[] | null;
        r_rep: number[] | null;
        r_meet: number[] | null;
        r_exp: number[] | null;
        o_ind: number[] | null;
        o_cat: string[] | null;
        o_num: (number | null)[] | null;
        o_den: (number | null)[] | null;
      }
    >(
      this.db(),
      sql`WITH RECURSIVE up AS (
            SELECT ${path?.unitId ?? -1}::int AS id,
                   (SELECT p.parent_id FROM org_unit_parents p WHERE p.unit_id = ${path?.unitId ?? -1} AND ${validOn('p', date)} LIMIT 1) AS parent_id,
                   0 AS lvl
             WHERE ${path !== undefined}
            UNION ALL
            SELECT up.parent_id,
                   (SELECT p.parent_id FROM org_unit_parents p WHERE p.unit_id = up.parent_id AND ${validOn('p', date)} LIMIT 1),
                   up.lvl + 1
              FROM up WHERE up.id <> ${path?.planUnitId ?? -1}::int AND up.parent_id IS NOT NULL AND up.lvl < 50
          ),
          picked AS (
            SELECT c.unit_id AS id, c.parent_id, true AS is_child, NULL::int AS path_level FROM org_unit_parents c
             WHERE c.parent_id = ${options.childrenOf ?? -1}::int AND ${validOn('c', date)}
            UNION ALL
            SELECT x.id, (SELECT p.parent_id FROM org_unit_parents p WHERE p.unit_id = x.id AND ${validOn('p', date)} LIMIT 1),
                   false, NULL::int FROM unnest(${sql.param(options.unitIds)}::int[]) AS x(id)
            UNION ALL
            SELECT up.id, up.parent_id, false, up.lvl FROM up
          )
          SELECT pk.id, coalesce(n.name, u.code) AS name, u.type, pk.parent_id, pk.is_child, pk.path_level,
                 EXISTS (SELECT 1 FROM org_unit_parents g WHERE g.parent_id = pk.id AND ${validOn('g', date)}) AS has_children,
                 rv.*, ov.*
            FROM picked pk
            JOIN org_units u ON u.id = pk.id
            LEFT JOIN org_unit_names n ON n.unit_id = pk.id AND ${validOn('n', date)}
            LEFT JOIN LATERAL (
              SELECT array_agg(r.indicator_id) AS r_ind, array_agg(r.numerator) AS r_num,
                     array_agg(r.denominator) AS r_den, array_agg(r.reporting_units) AS r_rep,
                     array_agg(r.meeting_units) AS r_meet, array_agg(r.expected_units) AS r_exp
                FROM rollup_values r
               WHERE r.period_id = ${periodId} AND r.unit_id = pk.id AND r.category = 'total'
                 AND r.indicator_id = ANY(${ids}::int[])) rv ON true
            LEFT JOIN LATERAL (
              SELECT array_agg(v.indicator_id) AS o_ind, array_agg(v.category) AS o_cat,
                     array_agg(v.numerator) AS o_num, array_agg(v.denominator) AS o_den
                FROM reports rp JOIN report_values v ON v.report_id = rp.id
               WHERE rp.period_id = ${periodId} AND rp.unit_id = pk.id AND rp.status = 'approved'
                 AND v.indicator_id = ANY(${ids}::int[])) ov ON true
           ORDER BY pk.is_child, n.name, u.code`,
    );
    return found.map((f) => ({
      id: f.id,
      name: f.name,
      type: f.type,
      parent_id: f.parent_id,
      has_children: f.has_children,
      is_child: f.is_child,
      path_level: f.path_level,
      rolled: (f.r_ind ?? []).map((indicatorId, k) => ({
        period_id: periodId,
        indicator_id: indicatorId,
        unit_id: f.id,
        category: 'total',
        numerator: f.r_num![k]!,
        denominator: f.r_den![k]!,
        reporting_units: f.r_rep![k]!,
        meeting_units: f.r_meet![k]!,
        expected_units: f.r_exp![k]!,
      })),
      own: (f.o_ind ?? []).map((indicatorId, k) => ({
        unit_id: f.id,
        indicator_id: indicatorId,
        category: f.o_cat![k]!,
        numerator: f.o_num![k] ?? null,
        denominator: f.o_den![k] ?? null,
      })),
    }));
  }

  /** Approved values of some units in a period (their own, for units without units below). */
  async ownValues(periodId: number, unitIds: number[], indicatorIds: number[]): Promise<OwnValueRow[]> {
    if (unitIds.length === 0 || indicatorIds.length === 0) return [];
    return rows<OwnValueRow>(
      this.db(),
      sql`SELECT r.unit_id, v.indicator_id, v.category, v.numerator, v.denominator
            FROM reports r JOIN report_values v ON v.report_id = r.id
           WHERE r.period_id = ${periodId} AND r.status = 'approved'
             AND r.unit_id = ANY(${sql.param(unitIds)}::int[])
             AND v.indicator_id = ANY(${sql.param(indicatorIds)}::int[])`,
    );
  }

  /**
   * Completeness and timeliness of the expected units in `rootId`'s subtree for one period, in
   * one query: counts per direct unit of the root (`branch`; the root itself is its own branch),
   * per unit type and in all, and the late units (first 100, earliest due first). A unit's due
   * date is its report's, else the period's `leadDays` earlier per level below the plan's unit
   * (`ReportingService.dueFor`).
   */
  async completeness(
    periodId: number,
    rootId: number,
    scope: ReportingScope & { rootDepth: number; periodDue: string; leadDays: number; today: string },
  ): Promise<{ counts: CompletenessCountRow[]; late: LateUnitRow[]; lateCount: number }> {
    const [row] = await rows<{
      counts: CompletenessCountRow[] | null;
      late: LateUnitRow[] | null;
      late_count: number;
    }>(
      this.db(),
      sql`WITH RECURSIVE tree AS (
            SELECT ${rootId}::int AS id,
                   (SELECT p.parent_id FROM org_unit_parents p WHERE p.unit_id = ${rootId} AND ${validOn('p', scope.date)} LIMIT 1) AS parent_id,
                   0 AS depth, ${rootId}::int AS branch
            UNION ALL
            SELECT c.unit_id, c.parent_id, t.depth + 1, CASE WHEN t.depth = 0 THEN c.unit_id ELSE t.branch END
              FROM tree t JOIN org_unit_parents c ON c.parent_id = t.id AND ${validOn('c', scope.date)}
             WHERE t.depth < 50
          ),
          st AS (
            SELECT t.id, t.parent_id, t.branch, u.type, coalesce(r.status, 'not_started') AS status,
                   coalesce(r.due_on, ${scope.periodDue}::date - ${scope.leadDays}::int * greatest(0, ${scope.rootDepth}::int + t.depth - 1)) AS due,
                   CASE WHEN r.id IS NULL
                        THEN ${scope.today}::date > ${scope.periodDue}::date - ${scope.leadDays}::int * greatest(0, ${scope.rootDepth}::int + t.depth - 1)
                        ELSE r.late OR (r.status NOT IN ('submitted', 'approved') AND ${scope.today}::date > r.due_on) END AS late
              FROM tree t
              JOIN org_units u ON u.id = t.id
              LEFT JOIN reports r ON r.period_id = ${periodId} AND r.unit_id = t.id
             WHERE ${expectedSql(scope)}
          ),
          counts AS (
            SELECT branch, type, grouping(branch) AS by_type, grouping(type) AS by_branch,
                   count(*)::int AS expected,
                   count(*) FILTER (WHERE status IN ('submitted', 'approved'))::int AS submitted,
                   count(*) FILTER (WHERE status IN ('submitted', 'approved') AND NOT late)::int AS on_time,
                   count(*) FILTER (WHERE status = 'approved')::int AS approved,
                   count(*) FILTER (WHERE late)::int AS late
              FROM st GROUP BY GROUPING SETS ((branch), (type), ())
          ),
          late AS (
            SELECT st.id, st.parent_id, st.type, st.status, st.due::text AS due_on,
                   (${scope.today}::date - st.due)::int AS days_late
              FROM st WHERE st.late ORDER BY st.due, st.id LIMIT 100
          )
          SELECT (SELECT json_agg(counts) FROM counts) AS counts,
                 (SELECT json_agg(json_build_object(
                     'id', l.id, 'type', l.type, 'status', l.status, 'due_on', l.due_on, 'days_late', l.days_late,
                     'name', (SELECT coalesce(n.name, u.code) FROM org_units u LEFT JOIN org_unit_names n
                               ON n.unit_id = u.id AND ${validOn('n', scope.date)} WHERE u.id = l.id LIMIT 1),
                     'parent_name', (SELECT n.name FROM org_unit_names n WHERE n.unit_id = l.parent_id AND ${validOn('n', scope.date)} LIMIT 1))
                   ORDER BY l.due_on, l.id) FROM late l) AS late,
                 (SELECT count(*) FROM st WHERE late)::int AS late_count`,
    );
    return { counts: row?.counts ?? [], late: row?.late ?? [], lateCount: row?.late_count ?? 0 };
  }

  /**
   * Reports of a period from the units of `rootId`'s subtree (the root excluded), nearest units
   * first, with their narratives: the sources of a consolidated report. At most `limit`.
   */
  async subtreeReports(periodId: number, rootId: number, date: string, statuses: string[], limit: number) {
    return rows<{
      unit_id: number;
      name: string;
      type: string;
      depth: number;
      status: string;
      narrative: Record<string, string>;
    }>(
      this.db(),
      sql`WITH RECURSIVE tree AS (
            SELECT ${rootId}::int AS id, 0 AS depth
            UNION ALL
            SELECT c.unit_id, t.depth + 1 FROM tree t
              JOIN org_unit_parents c ON c.parent_id = t.id AND ${validOn('c', date)}
             WHERE t.depth < 50
          )
          SELECT t.id AS unit_id, coalesce(n.name, u.code) AS name, u.type, t.depth, r.status, r.narrative
            FROM tree t
            JOIN reports r ON r.period_id = ${periodId} AND r.unit_id = t.id
            JOIN org_units u ON u.id = t.id
            LEFT JOIN org_unit_names n ON n.unit_id = t.id AND ${validOn('n', date)}
           WHERE t.depth > 0 AND r.status = ANY(${sql.param(statuses)}::text[])
           ORDER BY t.depth, n.name, t.id
           LIMIT ${limit}`,
    );
  }

  /** Expected units of `rootId`'s subtree without an approved report for the period (at most `limit`). */
  async notApproved(periodId: number, rootId: number, scope: ReportingScope, limit: number) {
    return rows<{ id: number; name: string; type: string; status: string }>(
      this.db(),
      sql`WITH RECURSIVE tree AS (
            SELECT ${rootId}::int AS id,
                   (SELECT p.parent_id FROM org_unit_parents p WHERE p.unit_id = ${rootId} AND ${validOn('p', scope.date)} LIMIT 1) AS parent_id,
                   0 AS depth
            UNION ALL
            SELECT c.unit_id, c.parent_id, t.depth + 1 FROM tree t
              JOIN org_unit_parents c ON c.parent_id = t.id AND ${validOn('c', scope.date)}
             WHERE t.depth < 50
          )
          SELECT t.id, coalesce(n.name, u.code) AS name, u.type, coalesce(r.status, 'not_started') AS status
            FROM tree t
            JOIN org_units u ON u.id = t.id
            LEFT JOIN org_unit_names n ON n.unit_id = t.id AND ${validOn('n', scope.date)}
            LEFT JOIN reports r ON r.period_id = ${periodId} AND r.unit_id = t.id
           WHERE ${expectedSql(scope)} AND r.status IS DISTINCT FROM 'approved'
           ORDER BY t.depth, n.name, t.id
           LIMIT ${limit}`,
    );
  }

  /**
   * The period of another unit's plans with the same key in whose scope `unitId` reports: where a
   * consolidated report goes up. Candidates only; the caller checks the scope.
   */
  async periodsWithKeyOfUnit(unitId: number, key: string) {
    return rows<{ period_id: number; schedule_name: string }>(
      this.db(),
      sql`SELECT p.id AS period_id, s.name AS schedule_name
            FROM report_periods p
            JOIN report_schedules s ON s.id = p.schedule_id
            JOIN plans pl ON pl.id = s.plan_id
           WHERE pl.unit_id = ${unitId} AND p.key = ${key}
           ORDER BY p.id`,
    );
  }

  /** The indicators of the form (current version) of a period's schedule, in the form's order, in one query. */
  async formIndicatorsOfPeriod(periodId: number): Promise<FormIndicatorRow[]> {
    return rows<FormIndicatorRow>(
      this.db(),
      sql`SELECT i.id, i.code, i.name, i.kind, i.unit, i.aggregation, i.disaggregation, i.threshold
            FROM report_periods p
            JOIN report_schedules s ON s.id = p.schedule_id
            JOIN report_forms f ON f.id = s.form_id
            JOIN report_form_versions fv ON fv.id = f.current_version_id
           CROSS JOIN LATERAL jsonb_array_elements(fv.indicators) WITH ORDINALITY AS e(entry, position)
            JOIN indicators i ON i.id = (e.entry->>'indicatorId')::int
           WHERE p.id = ${periodId}
           ORDER BY e.position`,
    );
  }

  /** A plan's targets in order, each with its bound indicator (if any), in one query. */
  async targetsOfPlan(planId: number) {
    return rows<{
      id: number;
      text: string;
      milestones: unknown;
      indicator_id: number | null;
      code: string | null;
      name: string | null;
      kind: string | null;
      aggregation: string | null;
      disaggregation: string | null;
      threshold: number | null;
      unit: string | null;
    }>(
      this.db(),
      sql`SELECT t.id, t.text, t.milestones, i.id AS indicator_id, i.code, i.name, i.kind, i.aggregation,
                 i.disaggregation, i.threshold, i.unit
            FROM plan_targets t
            LEFT JOIN target_indicators ti ON ti.target_id = t.id
            LEFT JOIN indicators i ON i.id = ti.indicator_id
           WHERE t.plan_id = ${planId}
           ORDER BY t.position, t.id`,
    );
  }

  /**
   * What a plan's dashboard needs before its figures, in one statement: the periods of its
   * schedules (oldest first, with the schedule's unit types), its targets with their indicators
   * (in order) and the name of its unit as of `date`.
   */
  async planContext(planId: number, date: string) {
    const [row] = await rows<{
      periods:
        | (Awaited<ReturnType<RollupRepository['periodsOfPlan']>>[number] & { unit_types: string[] })[]
        | null;
      targets: Awaited<ReturnType<RollupRepository['targetsOfPlan']>> | null;
      unit_name: string | null;
    }>(
      this.db(),
      sql`SELECT
            (SELECT json_agg(json_build_object('id', p.id, 'schedule_id', p.schedule_id, 'key', p.key,
                      'label', p.label, 'starts_on', p.starts_on, 'ends_on', p.ends_on,
                      'cutoff_from', p.cutoff_from, 'cutoff_to', p.cutoff_to, 'due_on', p.due_on,
                      'unit_types', s.unit_types) ORDER BY p.ends_on, p.id)
               FROM report_periods p JOIN report_schedules s ON s.id = p.schedule_id
              WHERE s.plan_id = ${planId}) AS periods,
            (SELECT json_agg(json_build_object('id', t.id, 'text', t.text, 'milestones', t.milestones,
                      'indicator_id', i.id, 'code', i.code, 'name', i.name, 'kind', i.kind,
                      'aggregation', i.aggregation, 'disaggregation', i.disaggregation,
                      'threshold', i.threshold, 'unit', i.unit) ORDER BY t.position, t.id)
               FROM plan_targets t
               LEFT JOIN target_indicators ti ON ti.target_id = t.id
               LEFT JOIN indicators i ON i.id = ti.indicator_id
              WHERE t.plan_id = ${planId}) AS targets,
            (SELECT coalesce(n.name, u.code) FROM plans pl JOIN org_units u ON u.id = pl.unit_id
               LEFT JOIN org_unit_names n ON n.unit_id = u.id AND ${validOn('n', date)}
              WHERE pl.id = ${planId} LIMIT 1) AS unit_name`,
    );
    return { periods: row?.periods ?? [], targets: row?.targets ?? [], unitName: row?.unit_name ?? null };
  }

  /** Every period of a plan's schedules, oldest first, in one query. */
  async periodsOfPlan(planId: number) {
    return rows<{
      id: number;
      schedule_id: number;
      key: string;
      label: string;
      starts_on: string;
      ends_on: string;
      cutoff_from: string;
      cutoff_to: string;
      due_on: string;
    }>(
      this.db(),
      sql`SELECT p.id, p.schedule_id, p.key, p.label, p.starts_on::text, p.ends_on::text, p.cutoff_from::text,
                 p.cutoff_to::text, p.due_on::text
            FROM report_periods p JOIN report_schedules s ON s.id = p.schedule_id
           WHERE s.plan_id = ${planId}
           ORDER BY p.ends_on, p.id`,
    );
  }

  /** Memory for the sorts and hashes of the current transaction (a big rebuild or scan). */
  async setWorkMem(size: '64MB' | '32MB') {
    await this.db().execute(sql.raw(`SET LOCAL work_mem = '${size}'`));
  }

  async analyze() {
    await this.db().execute(sql`ANALYZE rollup_values`);
  }

  /** Stored rows of some periods, indicators and units (any of the filters may be null: all). */
  async rowsOf(filter: {
    periodIds: number[];
    indicatorIds?: number[] | null;
    unitIds?: number[] | null;
    category?: string | null;
  }): Promise<RollupRow[]> {
    if (filter.periodIds.length === 0) return [];
    const where: SQL[] = [sql`period_id = ANY(${sql.param(filter.periodIds)}::int[])`];
    if (filter.indicatorIds) where.push(sql`indicator_id = ANY(${sql.param(filter.indicatorIds)}::int[])`);
    if (filter.unitIds) where.push(sql`unit_id = ANY(${sql.param(filter.unitIds)}::int[])`);
    if (filter.category) where.push(sql`category = ${filter.category}`);
    return rows<RollupRow>(
      this.db(),
      sql`SELECT period_id, indicator_id, unit_id, category, numerator, denominator, reporting_units,
                 meeting_units, expected_units
            FROM rollup_values WHERE ${sql.join(where, sql` AND `)}
           ORDER BY period_id, indicator_id, unit_id, category`,
    );
  }
}
