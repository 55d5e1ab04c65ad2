import { type SQL, sql } from 'drizzle-orm';
import { type Database, rows } from '../db/client.ts';
import type { ReportingScope } from './sql/expected-to-report.ts';
import type { OwnValueRow, RollupRow, UnitAsOfRow } from './sql/rollup-rows.ts';
import { validOn } from './sql/valid-on.ts';

export type { OwnValueRow, RollupRow, UnitAsOfRow } from './sql/rollup-rows.ts';

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

/** A plan's target with its bound indicator, if any (`planContext`). */
export interface PlanTargetRow {
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
}

/** A period of a plan's schedules, with the schedule's unit types (`planContext`). */
export interface PlanPeriodRow {
  id: number;
  schedule_id: number;
  key: string;
  label: string;
  starts_on: string;
  ends_on: string;
  cutoff_from: string;
  cutoff_to: string;
  due_on: string;
  unit_types: string[];
}

/**
 * All SQL the dashboards and the consolidated report read over the live roll-ups: units as of a
 * day with their figures and a plan's periods and targets. Reads only; `RollupRepository` keeps the
 * roll-ups up to date, `ReportProgressRepository` reads who has reported.
 */
export class DashboardRepository {
  constructor(private readonly database: Database) {}

  private db() {
    return this.database.db();
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

  /**
   * What a plan's dashboard needs before its figures, in one statement: the periods of its
   * schedules (oldest first, with the schedule's unit types), its targets with their indicators
   * (in order) and the name of its unit as of `date`.
   */
  async planContext(planId: number, date: string) {
    const [row] = await rows<{
      periods: PlanPeriodRow[] | null;
      targets: PlanTargetRow[] | null;
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
