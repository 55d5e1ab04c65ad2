import { and, asc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { TCategory } from '../../contracts/reporting.ts';
import { type Database, rows } from '../db/client.ts';
import {
  indicators,
  reportAttachments,
  reportForms,
  reportFormVersions,
  reportPeriods,
  reportSchedules,
  reports,
  reportValues,
  targetIndicators,
} from '../db/schema.ts';
import { type AuditRowParams, auditInsertFrom, auditParamList } from './audit.repository.ts';
import { TREE_DEPTH_LIMIT, unitAccessColumns, unitAccessCtes, unitAccessGate } from './org.repository.ts';
import { rollupApplyCtes, rollupLockedCte } from './rollup.repository.ts';

export type IndicatorRow = typeof indicators.$inferSelect;
export type ReportRow = typeof reports.$inferSelect;
export type PeriodRow = typeof reportPeriods.$inferSelect;
export type ScheduleRow = typeof reportSchedules.$inferSelect;
export type FormVersionRow = typeof reportFormVersions.$inferSelect;
export type ValueRow = typeof reportValues.$inferSelect;

/** What `viewContext` returns (JSON built by the database, names as in the rows above). */
export interface ViewContextRow {
  period: PeriodRow & { scheduleName: string; planId: number; planTitle: string };
  form: {
    versionId: number;
    versionNumber: number;
    entries: { indicatorId: number; required: boolean }[];
    sections: unknown;
    allowAttachments: boolean;
    formId: number;
    name: string;
    planId: number | null;
    version: number;
  } | null;
  indicators:
    | Pick<
        IndicatorRow,
        | 'id'
        | 'code'
        | 'name'
        | 'kind'
        | 'unit'
        | 'numeratorLabel'
        | 'denominatorLabel'
        | 'disaggregation'
        | 'aggregation'
        | 'threshold'
        | 'version'
      >[]
    | null;
  values: Omit<ValueRow, 'reportId'>[] | null;
  previous_values: Omit<ValueRow, 'reportId'>[] | null;
  unit_name: string | null;
  attachments: { id: number; fileName: string; contentType: string; size: number }[] | null;
}

/** A report row with its view context and the access rule's row for the caller (`reportContext`). */
export type ReportContextRow = ReportRow &
  ViewContextRow & { unitExists: boolean; unitValidTo: string | null; inSubtree: boolean };

/** What opening a report needs, in one statement (`openContext`). */
export interface OpenContextRow {
  dueOn: string;
  leadDays: number;
  unitTypes: string[];
  isDemo: boolean;
  currentVersionId: number | null;
  /** Levels from the plan's unit down to the unit at the period's end; null when not below it then. */
  depth: number | null;
  /** The plan's unit is in the tree at the period's end (the root of `OrgRepository.tree`). */
  planUnitPlaced: boolean;
  unitType: string | null;
  reportId: number | null;
  unitExists: boolean;
  unitValidTo: string | null;
  inSubtree: boolean;
}

/** A report's columns (of table alias `t`) under the names of `ReportRow`, for raw statements. */
const reportColumns = (t: string) => `${t}.id, ${t}.period_id AS "periodId", ${t}.unit_id AS "unitId",
  ${t}.form_version_id AS "formVersionId", ${t}.status, ${t}.due_on AS "dueOn", ${t}.narrative,
  ${t}.submitted_at AS "submittedAt", ${t}.submitted_by AS "submittedBy", ${t}.late,
  ${t}.reviewed_at AS "reviewedAt", ${t}.reviewed_by AS "reviewedBy", ${t}.return_reason AS "returnReason",
  ${t}.is_demo AS "isDemo", ${t}.version, ${t}.created_at AS "createdAt", ${t}.updated_at AS "updatedAt"`;
const REPORT_COLUMNS = reportColumns('reports');

const COLUMNS_OF_R = reportColumns('r');

const VALUE_JSON = `json_build_object('indicatorId', v.indicator_id, 'category', v.category,
  'numerator', v.numerator, 'denominator', v.denominator, 'comment', v.comment)`;

/**
 * A report with its whole view context and the access row of a home unit to the report's unit, in
 * one statement. `head` is the statement's first CTEs, ending with `r`, the report row (its columns
 * as stored); `home` and `today` are its parameters.
 *
 * The view context: period, schedule and plan; the form version with its indicators; the report's
 * values and those of the unit's previous report in the schedule; the unit's name at the period's
 * end; attachments. `options.accessInHead`: `head` already holds `unitAccessCtes` (a write gated
 * on the access rule). `options.values`: where the report's values come from when the statement
 * writes them (a CTE with `report_values`' columns), as the statement's snapshot does not show its
 * own writes.
 *
 * `prev`, the unit's previous report in the schedule, walks back from the period and probes
 * `reports` once per period until it finds one, usually at once: the fenced subquery (OFFSET 0)
 * hands the periods over in order. Joining the unit's reports to all earlier periods instead grew
 * with every period reported (~0.3 ms a read after a few dozen).
 */
const reportContextSql = (
  head: string,
  home: string,
  today: string,
  options: { accessInHead?: boolean; values?: string } = {},
) => `WITH RECURSIVE ${head},
  per AS (
    SELECT p.*, s.name AS schedule_name, pl.id AS plan_id, pl.title AS plan_title
      FROM report_periods p JOIN report_schedules s ON s.id = p.schedule_id JOIN plans pl ON pl.id = s.plan_id
     WHERE p.id = (SELECT period_id FROM r)
  ),
  fv AS (
    SELECT v.id, v.number, v.indicators, v.sections, v.allow_attachments, f.id AS form_id, f.name,
           f.plan_id, f.version
      FROM report_form_versions v JOIN report_forms f ON f.id = v.form_id
     WHERE v.id = (SELECT form_version_id FROM r)
  ),
  prev AS (
    SELECT pr.id
      FROM (SELECT p.id, p.starts_on FROM report_periods p, per
             WHERE p.schedule_id = per.schedule_id AND p.starts_on < per.starts_on
             ORDER BY p.starts_on DESC OFFSET 0) ps
      JOIN LATERAL (SELECT pr.id FROM reports pr
                     WHERE pr.period_id = ps.id AND pr.unit_id = (SELECT unit_id FROM r)) pr ON true
     ORDER BY ps.starts_on DESC LIMIT 1
  )${
    options.accessInHead
      ? ''
      : `,
  ${unitAccessCtes('SELECT unit_id FROM r', today)}`
  }
  SELECT ${COLUMNS_OF_R},
         (SELECT json_build_object('id', id, 'scheduleId', schedule_id, 'key', key, 'label', label,
            'startsOn', starts_on, 'endsOn', ends_on, 'cutoffFrom', cutoff_from, 'cutoffTo', cutoff_to,
            'dueOn', due_on, 'scheduleName', schedule_name, 'planId', plan_id, 'planTitle', plan_title)
            FROM per) AS period,
         (SELECT json_build_object('versionId', id, 'versionNumber', number, 'entries', indicators,
            'sections', sections, 'allowAttachments', allow_attachments, 'formId', form_id, 'name', name,
            'planId', plan_id, 'version', version) FROM fv) AS form,
         (SELECT json_agg(json_build_object('id', i.id, 'code', i.code, 'name', i.name, 'kind', i.kind,
            'unit', i.unit, 'numeratorLabel', i.numerator_label, 'denominatorLabel', i.denominator_label,
            'disaggregation', i.disaggregation, 'aggregation', i.aggregation, 'threshold', i.threshold,
            'version', i.version))
            FROM indicators i WHERE i.id IN (
              SELECT (e->>'indicatorId')::int FROM fv CROSS JOIN LATERAL jsonb_array_elements(fv.indicators) e)
         ) AS indicators,
         (SELECT json_agg(${VALUE_JSON} ORDER BY v.indicator_id, v.category)
            FROM ${options.values ? `${options.values} v` : 'report_values v WHERE v.report_id = r.id'}) AS "values",
         (SELECT json_agg(${VALUE_JSON} ORDER BY v.indicator_id, v.category)
            FROM report_values v JOIN prev ON v.report_id = prev.id) AS previous_values,
         (SELECT n.name FROM org_unit_names n, per
           WHERE n.unit_id = r.unit_id AND n.valid_from <= per.ends_on
             AND (n.valid_to IS NULL OR n.valid_to >= per.ends_on) LIMIT 1) AS unit_name,
         (SELECT json_agg(json_build_object('id', a.id, 'fileName', a.file_name, 'contentType', a.content_type,
            'size', a.size) ORDER BY a.id)
            FROM report_attachments a WHERE a.report_id = r.id) AS attachments,
         ${unitAccessColumns(home)}
    FROM r`;

/** `reportContext`: $1 report, $2 home unit, $3 today. */
const REPORT_CONTEXT_SQL = reportContextSql('r AS (SELECT * FROM reports WHERE id = $1)', '$2', '$3');

/**
 * `createReportWithContext`: the report created ($1 period, $2 unit, $3 form version, $4 due date,
 * $5 demo) with its audit row ($6–$11), and its view context as `reportContext` gives it ($12 home
 * unit, $13 today) — no row when the report already existed.
 */
const CREATE_REPORT_WITH_CONTEXT_SQL = reportContextSql(
  `ins AS (
     INSERT INTO reports (period_id, unit_id, form_version_id, due_on, is_demo)
     VALUES ($1, $2, $3, $4::date, $5) ON CONFLICT (period_id, unit_id) DO NOTHING RETURNING *
   ),
   aud AS (
     ${auditInsertFrom('ins', { userId: '$6', ip: '$7', action: '$8', objectType: '$9', objectId: 'ins.id', before: '$10', after: '$11' })}
   ),
   r AS (SELECT * FROM ins)`,
  '$12',
  '$13',
);

/**
 * The CTEs `upd`, `old`, `new` and `aud` of a save: $1 report, $2 version, $3 narrative, $4 values
 * (JSON), $5–$10 the audit row but its "before", which is the narrative and values replaced, read
 * under the row's lock. `gate`: further conditions on the report row `r`. `upd` returns the row
 * as stored and the narrative it replaced.
 *
 * The old row is joined to read its narrative: when the update happens the version still matched,
 * so no other write came between. The insert waits for the delete (its condition reads `old`), so
 * the primary key sees the replaced rows gone.
 */
const saveCtes = (gate = '') => `upd AS (
     UPDATE reports r SET narrative = $3::jsonb, version = r.version + 1, updated_at = now()
       FROM reports o
      WHERE r.id = $1 AND r.version = $2 AND o.id = r.id${gate}
     RETURNING r.*, o.narrative AS previous_narrative
   ),
   old AS (
     DELETE FROM report_values v USING upd WHERE v.report_id = upd.id
     RETURNING v.report_id, v.indicator_id, v.category, v.numerator, v.denominator, v.comment
   ),
   new AS (
     INSERT INTO report_values (report_id, indicator_id, category, numerator, denominator, comment)
     SELECT upd.id, x.indicator_id, x.category, x.numerator, x.denominator, x.comment
       FROM upd, jsonb_to_recordset($4::jsonb)
            AS x(indicator_id int, category text, numerator float8, denominator float8, comment text)
      WHERE (SELECT count(*) FROM old) >= 0
     RETURNING indicator_id, category, numerator, denominator, comment
   ),
   aud AS (
     ${auditInsertFrom('upd', {
       userId: '$5',
       ip: '$6',
       action: '$7',
       objectType: '$8',
       objectId: '$9',
       before: `jsonb_build_object(
                  'values', coalesce((SELECT jsonb_agg(jsonb_build_object('reportId', v.report_id,
                               'indicatorId', v.indicator_id, 'category', v.category, 'numerator', v.numerator,
                               'denominator', v.denominator, 'comment', v.comment)
                               ORDER BY v.indicator_id, v.category) FROM old v), '[]'::jsonb),
                  'narrative', upd.previous_narrative)`,
       after: '$10',
     })}
   )`;

/** `saveReport`: the save's CTEs and the row saved with the values now stored. */
const SAVE_REPORT_SQL = `WITH ${saveCtes()}
  SELECT ${reportColumns('upd')},
         (SELECT json_agg(${VALUE_JSON} ORDER BY v.indicator_id, v.category) FROM new v) AS "savedValues"
    FROM upd`;

/** The access rule's CTEs for the unit of report $1, as of `today`. */
const reportUnitAccessCtes = (today: string) =>
  unitAccessCtes('SELECT unit_id FROM reports WHERE id = $1', today);

/**
 * `saveReportWithContext`: a save (`saveCtes`) gated on everything the service checks before one —
 * the report is a draft or returned, $11 (the caller's home unit) holds its unit as of $12 (today),
 * the narrative has only the form's sections and the values only its indicators — and the row
 * saved with its view context. No row when any of it fails: nothing is written.
 */
const SAVE_REPORT_WITH_CONTEXT_SQL = reportContextSql(
  `${reportUnitAccessCtes('$12')},
   fvk AS (
     SELECT v.indicators, v.sections FROM report_form_versions v
      WHERE v.id = (SELECT form_version_id FROM reports WHERE id = $1)
   ),
   ${saveCtes(` AND r.status IN ('draft', 'returned') AND ${unitAccessGate('$11')}
     AND NOT EXISTS (SELECT 1 FROM jsonb_object_keys($3::jsonb) k
                      WHERE k NOT IN (SELECT s->>'key' FROM fvk, jsonb_array_elements(fvk.sections) s))
     AND NOT EXISTS (SELECT 1 FROM jsonb_to_recordset($4::jsonb) AS x(indicator_id int)
                      WHERE x.indicator_id NOT IN (SELECT (e->>'indicatorId')::int
                                                     FROM fvk, jsonb_array_elements(fvk.indicators) e))`)},
   r AS (SELECT * FROM upd)`,
  '$11',
  '$12',
  { accessInHead: true, values: 'new' },
);

/**
 * `submitReportWithContext`: the report $1 submitted under its version $2 ($3 when, $4 by whom; late
 * when $11, today, is past its due date) with its audit row ($5–$9, "before" and "after" the
 * states), only while it is a draft or returned and $10 (the caller's home unit) holds its unit;
 * and the row with its view context. No row when any of it fails: nothing is written.
 */
const SUBMIT_REPORT_WITH_CONTEXT_SQL = reportContextSql(
  `${reportUnitAccessCtes('$11')},
   upd AS (
     UPDATE reports r SET status = 'submitted', submitted_at = $3::timestamptz, submitted_by = $4,
            late = $11::date > r.due_on, return_reason = NULL, version = r.version + 1, updated_at = now()
       FROM reports o
      WHERE r.id = $1 AND r.version = $2 AND o.id = r.id AND r.status IN ('draft', 'returned')
        AND ${unitAccessGate('$10')}
     RETURNING r.*, o.status AS previous_status
   ),
   aud AS (
     ${auditInsertFrom('upd', {
       userId: '$5',
       ip: '$6',
       action: '$7',
       objectType: '$8',
       objectId: '$9',
       before: `jsonb_build_object('status', upd.previous_status)`,
       after: `jsonb_build_object('status', 'submitted', 'late', upd.late)`,
     })}
   ),
   r AS (SELECT * FROM upd)`,
  '$10',
  '$11',
  { accessInHead: true },
);

/**
 * The CTEs of an approval: the state change of report $1 under its version $2 ($5 when, $6 by
 * whom), its audit row ($7–$13), and its values added to the roll-ups of period $3 for unit $4
 * (`rollupLockedCte` / `rollupApplyCtes`, the statement of `RollupRepository.applyReport`), only
 * when the period's roll-ups are built. `gate`: further conditions on the report row `r`; `upd`
 * returns the row as stored.
 *
 * The statement does not read `written`: a data-modifying CTE that the query does not read runs
 * after it, so the roll-up rows, the only rows other approvals of the period wait for, are locked
 * last and held the shortest.
 */
const approveCtes = (gate = '') => `${rollupLockedCte('$3::int')},
   upd AS (
     UPDATE reports r SET status = 'approved', return_reason = NULL, reviewed_at = $5::timestamptz,
            reviewed_by = $6, version = r.version + 1, updated_at = now()
      WHERE r.id = $1 AND r.version = $2 AND EXISTS (SELECT 1 FROM locked)${gate}
     RETURNING r.*
   ),
   aud AS (
     ${auditInsertFrom('upd', { userId: '$7', ip: '$8', action: '$9', objectType: '$10', objectId: '$11', before: '$12', after: '$13' })}
   ),
   ${rollupApplyCtes({ period: '$3::int', unit: '$4::int', report: '$1::int', sign: '1', gate: 'upd' })}`;

/** `approveReport`: the approval's CTEs and the row approved. */
const APPROVE_REPORT_SQL = `WITH ${approveCtes()} SELECT ${reportColumns('upd')} FROM upd`;

/**
 * `approveReportWithContext`: an approval (`approveCtes`) gated on everything the service checks
 * before one — the report is submitted, of period $3 and unit $4, and $14 (the reviewer's home
 * unit) is above that unit as of $15 (today) — and the row approved with its view context.
 */
const APPROVE_REPORT_WITH_CONTEXT_SQL = reportContextSql(
  `${reportUnitAccessCtes('$15')},
   ${approveCtes(` AND r.status = 'submitted' AND r.period_id = $3 AND r.unit_id = $4
     AND ${unitAccessGate('$14')} AND r.unit_id IS DISTINCT FROM $14::int`)},
   r AS (SELECT * FROM upd)`,
  '$14',
  '$15',
  { accessInHead: true },
);

/**
 * The CTEs `opening` (period $1 with its schedule, plan and form) and `up` (the ancestors of unit
 * $2 at the period's end, each with its level above the unit): where a unit stands when its report
 * for the period is opened, read up from the unit so the tree is not walked down.
 */
const OPENING_CTES = `opening AS (
     SELECT p.due_on, p.ends_on, s.lead_days, s.unit_types, s.is_demo, pl.unit_id AS plan_unit_id,
            f.current_version_id
       FROM report_periods p
       JOIN report_schedules s ON s.id = p.schedule_id
       JOIN plans pl ON pl.id = s.plan_id
       JOIN report_forms f ON f.id = s.form_id
      WHERE p.id = $1
   ),
   up AS (
     SELECT p.parent_id AS id, 1 AS lvl FROM opening
       JOIN org_unit_parents p ON p.unit_id = $2
      WHERE p.valid_from <= opening.ends_on AND (p.valid_to IS NULL OR p.valid_to >= opening.ends_on)
     UNION ALL
     SELECT p.parent_id, up.lvl + 1 FROM up
       JOIN org_unit_parents p ON p.unit_id = up.id
      CROSS JOIN opening
      WHERE p.valid_from <= opening.ends_on AND (p.valid_to IS NULL OR p.valid_to >= opening.ends_on)
        AND up.lvl < 50
   )`;

/** Over `OPENING_CTES`: the plan's unit is in the tree at the period's end (the root of `OrgRepository.tree`). */
const PLAN_UNIT_PLACED = `EXISTS (SELECT 1 FROM org_unit_parents p WHERE p.unit_id = opening.plan_unit_id
                       AND p.valid_from <= opening.ends_on
                       AND (p.valid_to IS NULL OR p.valid_to >= opening.ends_on))`;

/**
 * `openReport`: the report of unit $2 for period $1, created when there is none and $5 (the caller
 * may create it) with its audit row ($6–$11), gated on what the service checks before either —
 * the unit is in the period's scope (below the plan's unit at the period's end, of a type the
 * schedule expects or, with no types, directly below it; the test of `openContext`) and $3 (the
 * caller's home unit) holds it as of $4 (today) — and the row with its view context. The due date
 * is `ReportingService.dueFor`'s: the period's, earlier by the lead days for each level past the
 * first. No row when a check fails or another caller created the report meanwhile: nothing written.
 */
const OPEN_REPORT_SQL = reportContextSql(
  `${OPENING_CTES},
   ${unitAccessCtes('$2::int', '$4')},
   placed AS (
     SELECT opening.*, (SELECT min(lvl) FROM up WHERE up.id = opening.plan_unit_id) AS depth,
            (SELECT type FROM org_units WHERE id = $2) AS unit_type
       FROM opening
      WHERE ${PLAN_UNIT_PLACED}
   ),
   allowed AS (
     SELECT * FROM placed
      WHERE depth IS NOT NULL
        AND CASE WHEN jsonb_array_length(unit_types) = 0 THEN depth = 1
                 ELSE unit_types @> jsonb_build_array(unit_type) END
        AND ${unitAccessGate('$3')}
   ),
   ins AS (
     INSERT INTO reports (period_id, unit_id, form_version_id, due_on, is_demo)
     SELECT $1, $2, current_version_id, due_on - lead_days * greatest(0, depth - 1), is_demo
       FROM allowed WHERE $5::boolean AND current_version_id IS NOT NULL
     ON CONFLICT (period_id, unit_id) DO NOTHING RETURNING *
   ),
   aud AS (
     ${auditInsertFrom('ins', { userId: '$6', ip: '$7', action: '$8', objectType: '$9', objectId: 'ins.id', before: '$10', after: '$11' })}
   ),
   r AS (
     SELECT * FROM ins
     UNION ALL
     SELECT e.* FROM reports e WHERE e.period_id = $1 AND e.unit_id = $2 AND EXISTS (SELECT 1 FROM allowed)
   )`,
  '$3',
  '$4',
  { accessInHead: true },
);

/** A value as a save writes it. */
export interface SavedValue {
  indicatorId: number;
  category: TCategory;
  numerator: number | null;
  denominator: number | null;
  comment: string | null;
}

/** $1–$10 of `saveCtes`. */
function saveParams(
  reportId: number,
  version: number,
  narrative: Record<string, string>,
  values: SavedValue[],
  audit: Omit<AuditRowParams, 'before'>,
): (string | number | null)[] {
  const payload = JSON.stringify(
    values.map((v) => ({
      indicator_id: v.indicatorId,
      category: v.category,
      numerator: v.numerator,
      denominator: v.denominator,
      comment: v.comment,
    })),
  );
  return [
    reportId,
    version,
    JSON.stringify(narrative),
    payload,
    audit.userId,
    audit.ip,
    audit.action,
    audit.objectType,
    audit.objectId,
    audit.after,
  ];
}

/** $1–$6 of `approveCtes`. */
function approveParams(
  report: { id: number; periodId: number; unitId: number },
  version: number,
  values: { reviewedAt: string; reviewedBy: number | null },
): (string | number | null)[] {
  return [report.id, version, report.periodId, report.unitId, values.reviewedAt, values.reviewedBy];
}

/** All SQL of indicators, forms, schedules, periods and reports. */
export class ReportingRepository {
  constructor(private readonly database: Database) {}

  private db() {
    return this.database.db();
  }

  // ----- indicators -----------------------------------------------------------------------

  async insertIndicator(values: typeof indicators.$inferInsert): Promise<IndicatorRow> {
    const [row] = await this.db().insert(indicators).values(values).returning();
    return row!;
  }

  async indicator(id: number) {
    const [row] = await this.db().select().from(indicators).where(eq(indicators.id, id));
    return row;
  }

  async indicatorByCode(code: string) {
    const [row] = await this.db().select().from(indicators).where(eq(indicators.code, code));
    return row;
  }

  async indicatorsByIds(ids: number[]): Promise<IndicatorRow[]> {
    if (ids.length === 0) return [];
    return this.db().select().from(indicators).where(inArray(indicators.id, ids));
  }

  async listIndicators(): Promise<IndicatorRow[]> {
    return this.db().select().from(indicators).orderBy(asc(indicators.code));
  }

  async bindTarget(targetId: number, indicatorId: number, userId: number | null) {
    await this.db()
      .insert(targetIndicators)
      .values({ targetId, indicatorId, confirmedBy: userId })
      .onConflictDoUpdate({
        target: targetIndicators.targetId,
        set: { indicatorId, confirmedBy: userId, confirmedAt: sql`now()` },
      });
  }

  async bindingsOfPlan(planId: number) {
    return rows<{ target_id: number; indicator_id: number }>(
      this.db(),
      sql`SELECT ti.target_id, ti.indicator_id FROM target_indicators ti
            JOIN plan_targets t ON t.id = ti.target_id WHERE t.plan_id = ${planId}`,
    );
  }

  // ----- forms ----------------------------------------------------------------------------

  async insertForm(values: typeof reportForms.$inferInsert) {
    const [row] = await this.db().insert(reportForms).values(values).returning();
    return row!;
  }

  async insertFormVersion(values: typeof reportFormVersions.$inferInsert) {
    const [row] = await this.db().insert(reportFormVersions).values(values).returning();
    await this.db()
      .update(reportForms)
      .set({ currentVersionId: row!.id })
      .where(eq(reportForms.id, values.formId));
    return row!;
  }

  async form(id: number) {
    const [row] = await this.db().select().from(reportForms).where(eq(reportForms.id, id));
    return row;
  }

  async bumpForm(id: number, version: number): Promise<boolean> {
    const updated = await this.db()
      .update(reportForms)
      .set({ version: sql`${reportForms.version} + 1` })
      .where(and(eq(reportForms.id, id), eq(reportForms.version, version)))
      .returning({ id: reportForms.id });
    return updated.length === 1;
  }

  async formVersion(id: number): Promise<FormVersionRow | undefined> {
    const [row] = await this.db().select().from(reportFormVersions).where(eq(reportFormVersions.id, id));
    return row;
  }

  async lastFormVersionNumber(formId: number): Promise<number> {
    const [row] = await rows<{ n: number | null }>(
      this.db(),
      sql`SELECT max(number)::int AS n FROM report_form_versions WHERE form_id = ${formId}`,
    );
    return row?.n ?? 0;
  }

  // ----- schedules and periods ------------------------------------------------------------

  async insertSchedule(values: typeof reportSchedules.$inferInsert): Promise<ScheduleRow> {
    const [row] = await this.db().insert(reportSchedules).values(values).returning();
    return row!;
  }

  async schedule(id: number): Promise<ScheduleRow | undefined> {
    const [row] = await this.db().select().from(reportSchedules).where(eq(reportSchedules.id, id));
    return row;
  }

  async schedulesOfPlan(planId: number): Promise<ScheduleRow[]> {
    return this.db()
      .select()
      .from(reportSchedules)
      .where(eq(reportSchedules.planId, planId))
      .orderBy(asc(reportSchedules.id));
  }

  async insertPeriods(values: (typeof reportPeriods.$inferInsert)[]) {
    if (values.length === 0) return [];
    return this.db().insert(reportPeriods).values(values).returning();
  }

  async period(id: number): Promise<PeriodRow | undefined> {
    const [row] = await this.db().select().from(reportPeriods).where(eq(reportPeriods.id, id));
    return row;
  }

  async periodsOfSchedule(scheduleId: number): Promise<PeriodRow[]> {
    return this.db()
      .select()
      .from(reportPeriods)
      .where(eq(reportPeriods.scheduleId, scheduleId))
      .orderBy(asc(reportPeriods.startsOn));
  }

  /** Periods whose due date lies in a window, with their schedule and plan. */
  async periodsDueBetween(from: string, to: string) {
    return rows<{
      period_id: number;
      label: string;
      due_on: string;
      ends_on: string;
      schedule_id: number;
      schedule_name: string;
      lead_days: number;
      unit_types: string[];
      plan_id: number;
      plan_unit_id: number;
      plan_title: string;
    }>(
      this.db(),
      sql`SELECT p.id AS period_id, p.label, p.due_on, p.ends_on, s.id AS schedule_id, s.name AS schedule_name,
                 s.lead_days, s.unit_types, pl.id AS plan_id, pl.unit_id AS plan_unit_id, pl.title AS plan_title
            FROM report_periods p
            JOIN report_schedules s ON s.id = p.schedule_id
            JOIN plans pl ON pl.id = s.plan_id
           WHERE p.due_on BETWEEN ${from}::date AND ${to}::date
           ORDER BY p.due_on, p.id`,
    );
  }

  // ----- reports ----------------------------------------------------------------------------

  async report(id: number): Promise<ReportRow | undefined> {
    const [row] = await this.db().select().from(reports).where(eq(reports.id, id));
    return row;
  }

  async reportOf(periodId: number, unitId: number): Promise<ReportRow | undefined> {
    const [row] = await this.db()
      .select()
      .from(reports)
      .where(and(eq(reports.periodId, periodId), eq(reports.unitId, unitId)));
    return row;
  }

  async reportsOfPeriod(periodId: number): Promise<ReportRow[]> {
    return this.db().select().from(reports).where(eq(reports.periodId, periodId));
  }

  async values(reportId: number): Promise<ValueRow[]> {
    return this.db().select().from(reportValues).where(eq(reportValues.reportId, reportId));
  }

  /** The values of every report of a period, in one statement (the Excel import's merge). */
  async valuesOfPeriod(periodId: number): Promise<ValueRow[]> {
    return this.db()
      .select({ ...getTableColumns(reportValues) })
      .from(reportValues)
      .innerJoin(reports, eq(reports.id, reportValues.reportId))
      .where(eq(reports.periodId, periodId));
  }

  /** The same unit's report of the schedule's previous period, if any. */
  async previousReport(scheduleId: number, startsOn: string, unitId: number): Promise<ReportRow | undefined> {
    const [row] = await rows<{ id: number }>(
      this.db(),
      sql`SELECT r.id FROM reports r JOIN report_periods p ON p.id = r.period_id
           WHERE p.schedule_id = ${scheduleId} AND p.starts_on < ${startsOn}::date AND r.unit_id = ${unitId}
           ORDER BY p.starts_on DESC LIMIT 1`,
    );
    return row ? this.report(row.id) : undefined;
  }

  /**
   * A report with its view context and the access rule's row of `homeUnitId` to its unit as of
   * `today`, in one prepared statement (`REPORT_CONTEXT_SQL`). Undefined when there is no report.
   */
  async reportContext(
    reportId: number,
    homeUnitId: number | null,
    today: string,
  ): Promise<ReportContextRow | undefined> {
    const [row] = await this.database.prepared<ReportContextRow>(REPORT_CONTEXT_SQL, [
      reportId,
      homeUnitId,
      today,
    ]);
    return row;
  }

  /**
   * A unit's report for a period, created when there is none, with its view context: one prepared
   * statement (`OPEN_REPORT_SQL`), gated on the period's scope and on `homeUnitId` holding the unit
   * as of `today`; created only when `mayCreate`. Undefined when a check fails, when there is no
   * report and it may not be created, or when another caller created it meanwhile — nothing
   * written; the caller decides by the full rules (`openContext`).
   */
  async openReport(
    periodId: number,
    unitId: number,
    homeUnitId: number | null,
    today: string,
    mayCreate: boolean,
    audit: Omit<AuditRowParams, 'objectId'>,
  ): Promise<ReportContextRow | undefined> {
    const [row] = await this.database.prepared<ReportContextRow>(OPEN_REPORT_SQL, [
      periodId,
      unitId,
      homeUnitId,
      today,
      mayCreate,
      audit.userId,
      audit.ip,
      audit.action,
      audit.objectType,
      audit.before,
      audit.after,
    ]);
    return row;
  }

  /**
   * Opening a unit's report for a period, in one prepared statement: the period with its
   * schedule, plan and form; where the unit stands below the plan's unit at the period's end
   * (its ancestors then, so the tree is not walked down); its existing report; and the access rule
   * of `homeUnitId` to the unit as of `today`. Undefined when there is no such period.
   */
  async openContext(
    periodId: number,
    unitId: number,
    homeUnitId: number | null,
    today: string,
  ): Promise<OpenContextRow | undefined> {
    const [row] = await this.database.prepared<OpenContextRow>(
      `WITH RECURSIVE ${OPENING_CTES},
       ${unitAccessCtes('$2::int', '$4')}
       SELECT opening.due_on AS "dueOn", opening.lead_days AS "leadDays", opening.unit_types AS "unitTypes",
              opening.is_demo AS "isDemo", opening.current_version_id AS "currentVersionId",
              (SELECT min(lvl) FROM up WHERE up.id = opening.plan_unit_id) AS depth,
              ${PLAN_UNIT_PLACED} AS "planUnitPlaced",
              (SELECT type FROM org_units WHERE id = $2) AS "unitType",
              (SELECT id FROM reports WHERE period_id = $1 AND unit_id = $2) AS "reportId",
              ${unitAccessColumns('$3')}
         FROM opening`,
      [periodId, unitId, homeUnitId, today],
    );
    return row;
  }

  /**
   * Creates a unit's report for a period with its audit row, and reads it back with its view
   * context (`reportContext`, the access row of `homeUnitId` as of `today`): one prepared
   * statement, its own transaction. Undefined when the report already existed (a concurrent caller
   * created it, and audited it): nothing is written.
   */
  async createReportWithContext(
    values: {
      periodId: number;
      unitId: number;
      formVersionId: number;
      dueOn: string;
      isDemo: boolean;
    },
    audit: Omit<AuditRowParams, 'objectId'>,
    homeUnitId: number | null,
    today: string,
  ): Promise<ReportContextRow | undefined> {
    const [created] = await this.database.prepared<ReportContextRow>(CREATE_REPORT_WITH_CONTEXT_SQL, [
      values.periodId,
      values.unitId,
      values.formVersionId,
      values.dueOn,
      values.isDemo,
      audit.userId,
      audit.ip,
      audit.action,
      audit.objectType,
      audit.before,
      audit.after,
      homeUnitId,
      today,
    ]);
    return created;
  }

  /**
   * Saves a report whole under its version, in one prepared statement (its own transaction): the
   * narrative and version (only if `version` is still the stored one), its values replaced, and
   * the audit row — whose "before" is the narrative and values it replaced, read under the row's
   * lock. Returns the updated row and the values now stored; undefined when the version was stale
   * (nothing written, no audit row).
   */
  async saveReport(
    reportId: number,
    version: number,
    narrative: Record<string, string>,
    values: SavedValue[],
    audit: Omit<AuditRowParams, 'before'>,
  ): Promise<(ReportRow & { savedValues: Omit<ValueRow, 'reportId'>[] }) | undefined> {
    const [row] = await this.database.prepared<
      ReportRow & { savedValues: Omit<ValueRow, 'reportId'>[] | null }
    >(SAVE_REPORT_SQL, saveParams(reportId, version, narrative, values, audit));
    if (!row) return undefined;
    return { ...row, savedValues: row.savedValues ?? [] };
  }

  /**
   * `saveReport` gated on the checks a save needs (`SAVE_REPORT_WITH_CONTEXT_SQL`: editable, held
   * by `homeUnitId` as of `today`, only the form's sections and indicators), returning the row with
   * its view context: one prepared statement, its own transaction. Undefined when any check or
   * the version fails — nothing written; the caller decides why by the full rules.
   */
  async saveReportWithContext(
    reportId: number,
    version: number,
    narrative: Record<string, string>,
    values: SavedValue[],
    audit: Omit<AuditRowParams, 'before'>,
    homeUnitId: number | null,
    today: string,
  ): Promise<ReportContextRow | undefined> {
    const [row] = await this.database.prepared<ReportContextRow>(SAVE_REPORT_WITH_CONTEXT_SQL, [
      ...saveParams(reportId, version, narrative, values, audit),
      homeUnitId,
      today,
    ]);
    return row;
  }

  /**
   * Submits a report (`SUBMIT_REPORT_WITH_CONTEXT_SQL`) gated on its state and on `homeUnitId`
   * holding its unit as of `today`, with its audit row, returning the row with its view context:
   * one prepared statement. Undefined when a check or the version fails (nothing written). The
   * caller has already checked the content at this version (`ReportFacts`).
   */
  async submitReportWithContext(
    reportId: number,
    version: number,
    values: { submittedAt: string; submittedBy: number | null },
    audit: Omit<AuditRowParams, 'before' | 'after'>,
    homeUnitId: number | null,
    today: string,
  ): Promise<ReportContextRow | undefined> {
    const [row] = await this.database.prepared<ReportContextRow>(SUBMIT_REPORT_WITH_CONTEXT_SQL, [
      reportId,
      version,
      values.submittedAt,
      values.submittedBy,
      audit.userId,
      audit.ip,
      audit.action,
      audit.objectType,
      audit.objectId,
      homeUnitId,
      today,
    ]);
    return row;
  }

  /**
   * Submits a report under its version, with its audit row, in one prepared statement; undefined
   * when the version was stale (nothing written).
   */
  async submitReport(
    reportId: number,
    version: number,
    values: { submittedAt: string; submittedBy: number | null; late: boolean },
    audit: AuditRowParams,
  ): Promise<ReportRow | undefined> {
    const [row] = await this.database.prepared<ReportRow>(
      `WITH upd AS (
         UPDATE reports SET status = 'submitted', submitted_at = $3::timestamptz, submitted_by = $4, late = $5,
                return_reason = NULL, version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $2
         RETURNING ${REPORT_COLUMNS}
       ),
       aud AS (
         ${auditInsertFrom('upd', { userId: '$6', ip: '$7', action: '$8', objectType: '$9', objectId: '$10', before: '$11', after: '$12' })}
       )
       SELECT * FROM upd`,
      [reportId, version, values.submittedAt, values.submittedBy, values.late, ...auditParamList(audit)],
    );
    return row;
  }

  /**
   * Approves a submitted report in one prepared statement (its own transaction): the state change
   * under the version, its audit row, and the report's values added to the period's roll-ups
   * (`rollupLockedCte` / `rollupApplyCtes`, the statement of `RollupRepository.applyReport`).
   * Undefined — nothing written — when the version is stale or the period's roll-ups are not
   * built yet (the caller then takes the path that rebuilds them).
   */
  async approveReport(
    report: { id: number; periodId: number; unitId: number },
    version: number,
    values: { reviewedAt: string; reviewedBy: number | null },
    audit: AuditRowParams,
  ): Promise<ReportRow | undefined> {
    const [row] = await this.database.prepared<ReportRow>(APPROVE_REPORT_SQL, [
      ...approveParams(report, version, values),
      ...auditParamList(audit),
    ]);
    return row;
  }

  /**
   * `approveReport` gated on what the service checks before an approval
   * (`APPROVE_REPORT_WITH_CONTEXT_SQL`: submitted, of that period and unit, `homeUnitId` above its
   * unit as of `today`), returning the row with its view context: one prepared statement. Undefined
   * when a check or the version fails or the period's roll-ups are not built: nothing written; the
   * caller decides by the full rules.
   */
  async approveReportWithContext(
    report: { id: number; periodId: number; unitId: number },
    version: number,
    values: { reviewedAt: string; reviewedBy: number | null },
    audit: AuditRowParams,
    homeUnitId: number | null,
    today: string,
  ): Promise<ReportContextRow | undefined> {
    const [row] = await this.database.prepared<ReportContextRow>(APPROVE_REPORT_WITH_CONTEXT_SQL, [
      ...approveParams(report, version, values),
      ...auditParamList(audit),
      homeUnitId,
      today,
    ]);
    return row;
  }

  /** A reviewer's decision (approve, return, unlock) under the version; undefined when stale. */
  async reviewReport(
    reportId: number,
    version: number,
    values: { status: string; returnReason: string | null; reviewedAt: string; reviewedBy: number | null },
  ): Promise<ReportRow | undefined> {
    const [row] = await this.database.prepared<ReportRow>(
      `UPDATE reports SET status = $3, return_reason = $4, reviewed_at = $5::timestamptz, reviewed_by = $6,
              version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $2
       RETURNING ${REPORT_COLUMNS}`,
      [reportId, version, values.status, values.returnReason, values.reviewedAt, values.reviewedBy],
    );
    return row;
  }

  /**
   * A page of the submitted reports of the units below `homeUnitId` as of `today`, oldest sent
   * first, with each unit's name then and each report's period and schedule, and how many wait in
   * all: one prepared statement.
   */
  async submittedBelow(homeUnitId: number, today: string, page: { limit: number; offset: number }) {
    return this.database.prepared<{
      reportId: number;
      unitId: number;
      unitName: string;
      periodLabel: string;
      scheduleName: string;
      dueOn: string;
      submittedAt: string | null;
      late: boolean;
      version: number;
      total: number;
    }>(
      `WITH RECURSIVE tree AS (
         SELECT p.unit_id AS id, 0 AS depth FROM org_unit_parents p
          WHERE p.unit_id = $1 AND p.valid_from <= $2::date AND (p.valid_to IS NULL OR p.valid_to >= $2::date)
         UNION ALL
         SELECT c.unit_id, t.depth + 1 FROM tree t
           JOIN org_unit_parents c ON c.parent_id = t.id
            AND c.valid_from <= $2::date AND (c.valid_to IS NULL OR c.valid_to >= $2::date)
          WHERE t.depth < ${TREE_DEPTH_LIMIT} AND c.unit_id <> $1
       ),
       waiting AS (
         SELECT r.id, r.unit_id, r.period_id, r.due_on, r.submitted_at, r.late, r.version,
                count(*) OVER () AS total
           FROM tree t JOIN reports r ON r.unit_id = t.id AND r.status = 'submitted'
          WHERE t.id <> $1
          ORDER BY r.submitted_at NULLS FIRST, r.id
          LIMIT $3 OFFSET $4
       )
       SELECT w.id AS "reportId", w.unit_id AS "unitId",
              coalesce((SELECT n.name FROM org_unit_names n
                         WHERE n.unit_id = w.unit_id AND n.valid_from <= $2::date
                           AND (n.valid_to IS NULL OR n.valid_to >= $2::date) LIMIT 1), u.code) AS "unitName",
              p.label AS "periodLabel", s.name AS "scheduleName", w.due_on AS "dueOn",
              w.submitted_at AS "submittedAt", w.late, w.version, w.total::int AS total
         FROM waiting w
         JOIN org_units u ON u.id = w.unit_id
         JOIN report_periods p ON p.id = w.period_id
         JOIN report_schedules s ON s.id = p.schedule_id
        ORDER BY w.submitted_at NULLS FIRST, w.id`,
      [homeUnitId, today, page.limit, page.offset],
    );
  }

  async attachments(reportId: number) {
    return this.db().select().from(reportAttachments).where(eq(reportAttachments.reportId, reportId));
  }

  async insertAttachment(values: typeof reportAttachments.$inferInsert) {
    const [row] = await this.db().insert(reportAttachments).values(values).returning();
    return row!;
  }

  async attachment(id: number) {
    const [row] = await this.db().select().from(reportAttachments).where(eq(reportAttachments.id, id));
    return row;
  }

  // ----- bulk (Excel import): a few statements whatever the number of rows -------------------

  /** Creates the missing reports of a period for these units; returns every unit's report. */
  async bulkEnsureReports(
    rows: { periodId: number; unitId: number; formVersionId: number; dueOn: string; isDemo: boolean }[],
  ) {
    if (rows.length === 0) return [];
    const payload = JSON.stringify(
      rows.map((r) => ({
        period_id: r.periodId,
        unit_id: r.unitId,
        form_version_id: r.formVersionId,
        due_on: r.dueOn,
        is_demo: r.isDemo,
      })),
    );
    await this.db().execute(
      sql`INSERT INTO reports (period_id, unit_id, form_version_id, due_on, is_demo)
          SELECT period_id, unit_id, form_version_id, due_on, is_demo
            FROM jsonb_to_recordset(${payload}::jsonb) AS x(period_id int, unit_id int, form_version_id int, due_on date, is_demo boolean)
          ON CONFLICT (period_id, unit_id) DO NOTHING`,
    );
    return rows.length
      ? this.db()
          .select()
          .from(reports)
          .where(
            and(
              eq(reports.periodId, rows[0]!.periodId),
              inArray(
                reports.unitId,
                rows.map((r) => r.unitId),
              ),
            ),
          )
      : [];
  }

  /** Replaces the values and narratives of many reports at once and bumps their versions. */
  async bulkSave(
    items: { reportId: number; narrative: Record<string, string> }[],
    values: {
      reportId: number;
      indicatorId: number;
      category: string;
      numerator: number | null;
      denominator: number | null;
      comment: string | null;
    }[],
  ) {
    if (items.length === 0) return;
    const ids = items.map((i) => i.reportId);
    await this.db().delete(reportValues).where(inArray(reportValues.reportId, ids));
    if (values.length) {
      const payload = JSON.stringify(
        values.map((v) => ({
          report_id: v.reportId,
          indicator_id: v.indicatorId,
          category: v.category,
          numerator: v.numerator,
          denominator: v.denominator,
          comment: v.comment,
        })),
      );
      await this.db().execute(
        sql`INSERT INTO report_values (report_id, indicator_id, category, numerator, denominator, comment)
            SELECT report_id, indicator_id, category, numerator, denominator, comment
              FROM jsonb_to_recordset(${payload}::jsonb)
                AS x(report_id int, indicator_id int, category text, numerator float8, denominator float8, comment text)`,
      );
    }
    const narratives = JSON.stringify(items.map((i) => ({ id: i.reportId, narrative: i.narrative })));
    await this.db().execute(
      sql`UPDATE reports r SET narrative = x.narrative, version = r.version + 1, updated_at = now()
            FROM jsonb_to_recordset(${narratives}::jsonb) AS x(id int, narrative jsonb)
           WHERE r.id = x.id`,
    );
  }
}
