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

export interface ValueWithIndicator {
  indicator_id: number;
  category: string;
  numerator: number | null;
  denominator: number | null;
  kind: string;
  aggregation: string;
  disaggregation: string;
  threshold: number;
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

/** A change to add to the roll-up rows of one indicator and category. */
export interface RollupDelta {
  indicatorId: number;
  category: string;
  numerator: number;
  denominator: number;
  reportingUnits: number;
  meetingUnits: number;
  /** `count_units_meeting`: the denominator of a new row starts at the unit's expected units. */
  denominatorIsExpected: boolean;
}

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

  /** The period with its schedule and plan unit; `lock` takes a share lock on the period row. */
  async periodScope(
    periodId: number,
    lock: 'share' | 'update' | null = null,
  ): Promise<PeriodScopeRow | undefined> {
    const locking =
      lock === 'share' ? sql` FOR SHARE OF p` : lock === 'update' ? sql` FOR UPDATE OF p` : sql``;
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

  /** A report's values with their indicators' rules. */
  async reportValues(reportId: number): Promise<ValueWithIndicator[]> {
    return rows<ValueWithIndicator>(
      this.db(),
      sql`SELECT v.indicator_id, v.category, v.numerator, v.denominator,
                 i.kind, i.aggregation, i.disaggregation, i.threshold
            FROM report_values v JOIN indicators i ON i.id = v.indicator_id
           WHERE v.report_id = ${reportId}
           ORDER BY v.indicator_id, v.category`,
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

  /** Units expected to report in each given unit's subtree (itself included), as of the scope's date. */
  async expectedInSubtrees(rootIds: number[], scope: ReportingScope): Promise<Map<number, number>> {
    if (rootIds.length === 0) return new Map();
    const found = await rows<{ root: number; n: number }>(
      this.db(),
      sql`WITH RECURSIVE sub AS (
            SELECT r AS root, r AS id, (SELECT p.parent_id FROM org_unit_parents p
                     WHERE p.unit_id = r AND ${validOn('p', scope.date)} LIMIT 1) AS parent_id, 0 AS depth
              FROM unnest(${sql.param(rootIds)}::int[]) AS r
            UNION ALL
            SELECT sub.root, c.unit_id, c.parent_id, sub.depth + 1
              FROM sub JOIN org_unit_parents c ON c.parent_id = sub.id AND ${validOn('c', scope.date)}
             WHERE sub.depth < 50
          )
          SELECT t.root, count(*) FILTER (WHERE ${expectedSql(scope)})::int AS n
            FROM sub t JOIN org_units u ON u.id = t.id
           GROUP BY t.root`,
    );
    return new Map(found.map((r) => [r.root, r.n]));
  }

  /**
   * Adds the deltas to the rows of every unit given — one INSERT … ON CONFLICT DO UPDATE for all
   * of them. A new row takes the unit's expected units (and, under `count_units_meeting`, as its
   * denominator). Rows locked in key order, so concurrent approvals do not deadlock.
   */
  async addDeltas(periodId: number, units: { id: number; expected: number }[], deltas: RollupDelta[]) {
    if (units.length === 0 || deltas.length === 0) return;
    const unitPayload = JSON.stringify(units);
    const deltaPayload = JSON.stringify(
      deltas.map((d) => ({
        indicator_id: d.indicatorId,
        category: d.category,
        numerator: d.numerator,
        denominator: d.denominator,
        reporting_units: d.reportingUnits,
        meeting_units: d.meetingUnits,
        den_is_expected: d.denominatorIsExpected,
      })),
    );
    await this.db().execute(
      sql`INSERT INTO rollup_values AS r (period_id, indicator_id, unit_id, category, numerator, denominator,
                                          reporting_units, meeting_units, expected_units, updated_at)
          SELECT ${periodId}::int, d.indicator_id, u.id, d.category, d.numerator,
                 d.denominator + CASE WHEN d.den_is_expected THEN u.expected ELSE 0 END,
                 d.reporting_units, d.meeting_units, u.expected, now()
            FROM jsonb_to_recordset(${unitPayload}::jsonb) AS u(id int, expected int)
           CROSS JOIN jsonb_to_recordset(${deltaPayload}::jsonb)
                 AS d(indicator_id int, category text, numerator float8, denominator float8,
                      reporting_units int, meeting_units int, den_is_expected boolean)
           ORDER BY d.indicator_id, u.id, d.category
          ON CONFLICT (period_id, indicator_id, unit_id, category) DO UPDATE SET
                 numerator = r.numerator + EXCLUDED.numerator,
                 -- a count_units_meeting denominator is the expected units, set when the row was made
                 denominator = r.denominator + CASE WHEN (SELECT i.aggregation FROM indicators i
                   WHERE i.id = EXCLUDED.indicator_id) = 'count_units_meeting' THEN 0 ELSE EXCLUDED.denominator END,
                 reporting_units = r.reporting_units + EXCLUDED.reporting_units,
                 meeting_units = r.meeting_units + EXCLUDED.meeting_units,
                 updated_at = now()`,
    );
  }

  /** Removes the rows of these units that no longer hold any approved value (after an unlock). */
  async dropEmpty(periodId: number, unitIds: number[]) {
    if (unitIds.length === 0) return;
    await this.db().execute(
      sql`DELETE FROM rollup_values
           WHERE period_id = ${periodId} AND unit_id = ANY(${sql.param(unitIds)}::int[]) AND reporting_units <= 0`,
    );
  }

  /**
   * Recomputes one period from scratch in one statement: the plan unit's tree as of the period's
   * end, every approved value's contribution (the domain's rules for `sum` and
   * `count_units_meeting`, see `domain/rollup/roll-up.ts`), summed up to every unit with units
   * below it. Rows that changed are written, rows that no longer hold data are deleted.
   * Returns the number of rows the period holds afterwards.
   */
  async rebuild(periodId: number, scope: ReportingScope): Promise<number> {
    const [row] = await rows<{ n: number }>(
      this.db(),
      sql`WITH RECURSIVE ${treeCte(scope)},
          units AS (
            SELECT t.id, t.parent_id, t.path, ${expectedSql(scope)} AS expected
              FROM tree t JOIN org_units u ON u.id = t.id
          ),
          inner_units AS (SELECT DISTINCT parent_id AS id FROM units WHERE parent_id IS NOT NULL),
          -- where a unit's own contribution is first gathered: itself when it has units below, else its parent
          placed AS (
            SELECT un.id, un.expected, CASE WHEN iu.id IS NULL THEN un.parent_id ELSE un.id END AS target
              FROM units un LEFT JOIN inner_units iu ON iu.id = un.id
          ),
          own AS (
            SELECT pl.target, v.indicator_id, v.category,
                   CASE WHEN i.aggregation = 'count_units_meeting'
                        THEN CASE WHEN pl.expected AND v.numerator >= i.threshold THEN 1 ELSE 0 END
                        ELSE v.numerator END AS num,
                   CASE WHEN i.aggregation = 'count_units_meeting' THEN 0
                        WHEN i.kind = 'ratio' THEN v.denominator ELSE 1 END AS den,
                   CASE WHEN i.aggregation = 'count_units_meeting' AND pl.expected AND v.numerator >= i.threshold
                        THEN 1 ELSE 0 END AS meet,
                   i.aggregation = 'count_units_meeting' AS den_is_expected
              FROM reports rp
              JOIN placed pl ON pl.id = rp.unit_id
              JOIN report_values v ON v.report_id = rp.id
              JOIN indicators i ON i.id = v.indicator_id
             WHERE rp.period_id = ${periodId} AND rp.status = 'approved' AND pl.target IS NOT NULL
               AND v.numerator IS NOT NULL AND (i.kind <> 'ratio' OR v.denominator IS NOT NULL)
               AND (v.category = 'total' OR (i.disaggregation = 'sex' AND v.category IN ('male', 'female')))
          ),
          gathered AS (
            SELECT target, indicator_id, category, sum(num) AS num, sum(den) AS den, count(*) AS rep,
                   sum(meet) AS meet, bool_or(den_is_expected) AS den_is_expected
              FROM own GROUP BY target, indicator_id, category
          ),
          expected_gathered AS (
            SELECT target, count(*) FILTER (WHERE expected) AS n FROM placed WHERE target IS NOT NULL GROUP BY target
          ),
          inner_paths AS (SELECT t.id, t.path FROM tree t JOIN inner_units iu ON iu.id = t.id),
          expected_up AS (
            SELECT a.id AS unit_id, sum(e.n)::int AS expected
              FROM expected_gathered e JOIN inner_paths ip ON ip.id = e.target
             CROSS JOIN LATERAL unnest(ip.path) AS a(id)
             GROUP BY a.id
          ),
          fresh AS (
            SELECT a.id AS unit_id, g.indicator_id, g.category, sum(g.num)::float8 AS num, sum(g.den)::float8 AS den,
                   sum(g.rep)::int AS rep, sum(g.meet)::int AS meet, bool_or(g.den_is_expected) AS den_is_expected
              FROM gathered g JOIN inner_paths ip ON ip.id = g.target
             CROSS JOIN LATERAL unnest(ip.path) AS a(id)
             GROUP BY a.id, g.indicator_id, g.category
          ),
          complete AS (
            SELECT f.unit_id, f.indicator_id, f.category, f.num,
                   CASE WHEN f.den_is_expected THEN coalesce(x.expected, 0)::float8 ELSE f.den END AS den,
                   f.rep, f.meet, coalesce(x.expected, 0) AS expected
              FROM fresh f LEFT JOIN expected_up x ON x.unit_id = f.unit_id
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
             ORDER BY c.indicator_id, c.unit_id, c.category
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
    return row?.n ?? 0;
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
  async useWorkMem(size: '64MB' | '32MB') {
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
