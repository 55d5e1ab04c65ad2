import { and, asc, eq, inArray, sql } from 'drizzle-orm';
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

  async updateIndicator(id: number, version: number, values: Partial<typeof indicators.$inferInsert>) {
    const [row] = await this.db()
      .update(indicators)
      .set({ ...values, version: sql`${indicators.version} + 1` })
      .where(and(eq(indicators.id, id), eq(indicators.version, version)))
      .returning();
    return row;
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

  async reportsOfUnits(unitIds: number[], statuses: string[] | null): Promise<ReportRow[]> {
    if (unitIds.length === 0) return [];
    const where = statuses
      ? and(inArray(reports.unitId, unitIds), inArray(reports.status, statuses))
      : inArray(reports.unitId, unitIds);
    return this.db().select().from(reports).where(where);
  }

  /** Creates the report row if missing (concurrent callers get the same row). */
  async ensureReport(values: typeof reports.$inferInsert): Promise<ReportRow> {
    await this.db().insert(reports).values(values).onConflictDoNothing();
    return (await this.reportOf(values.periodId, values.unitId))!;
  }

  async updateReport(
    id: number,
    version: number,
    values: Partial<typeof reports.$inferInsert>,
  ): Promise<ReportRow | undefined> {
    const [row] = await this.db()
      .update(reports)
      .set({ ...values, version: sql`${reports.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(reports.id, id), eq(reports.version, version)))
      .returning();
    return row;
  }

  async values(reportId: number): Promise<ValueRow[]> {
    return this.db().select().from(reportValues).where(eq(reportValues.reportId, reportId));
  }

  async replaceValues(
    reportId: number,
    values: {
      indicatorId: number;
      category: TCategory;
      numerator: number | null;
      denominator: number | null;
      comment: string | null;
    }[],
  ) {
    await this.db().delete(reportValues).where(eq(reportValues.reportId, reportId));
    if (values.length)
      await this.db()
        .insert(reportValues)
        .values(values.map((v) => ({ reportId, ...v })));
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
   * Everything a report's view needs besides the report row, in one statement: its period,
   * schedule and plan, the form version with its indicators, its values and those of the unit's
   * previous report in the schedule, the unit's name at the period's end, its attachments.
   */
  async viewContext(report: { id: number; periodId: number; unitId: number; formVersionId: number }) {
    const [row] = await rows<ViewContextRow>(
      this.db(),
      sql`WITH per AS (
            SELECT p.*, s.name AS schedule_name, pl.id AS plan_id, pl.title AS plan_title
              FROM report_periods p JOIN report_schedules s ON s.id = p.schedule_id JOIN plans pl ON pl.id = s.plan_id
             WHERE p.id = ${report.periodId}
          ),
          fv AS (
            SELECT v.id, v.number, v.indicators, v.sections, v.allow_attachments, f.id AS form_id, f.name,
                   f.plan_id, f.version
              FROM report_form_versions v JOIN report_forms f ON f.id = v.form_id
             WHERE v.id = ${report.formVersionId}
          ),
          prev AS (
            SELECT r.id FROM reports r JOIN report_periods p ON p.id = r.period_id, per
             WHERE p.schedule_id = per.schedule_id AND p.starts_on < per.starts_on AND r.unit_id = ${report.unitId}
             ORDER BY p.starts_on DESC LIMIT 1
          )
          SELECT (SELECT json_build_object('id', id, 'scheduleId', schedule_id, 'key', key, 'label', label,
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
                 (SELECT json_agg(json_build_object('indicatorId', v.indicator_id, 'category', v.category,
                    'numerator', v.numerator, 'denominator', v.denominator, 'comment', v.comment)
                    ORDER BY v.indicator_id, v.category)
                    FROM report_values v WHERE v.report_id = ${report.id}) AS "values",
                 (SELECT json_agg(json_build_object('indicatorId', v.indicator_id, 'category', v.category,
                    'numerator', v.numerator, 'denominator', v.denominator, 'comment', v.comment)
                    ORDER BY v.indicator_id, v.category)
                    FROM report_values v JOIN prev ON v.report_id = prev.id) AS previous_values,
                 (SELECT n.name FROM org_unit_names n, per
                   WHERE n.unit_id = ${report.unitId} AND n.valid_from <= per.ends_on
                     AND (n.valid_to IS NULL OR n.valid_to >= per.ends_on) LIMIT 1) AS unit_name,
                 (SELECT json_agg(json_build_object('id', a.id, 'fileName', a.file_name, 'contentType', a.content_type,
                    'size', a.size) ORDER BY a.id)
                    FROM report_attachments a WHERE a.report_id = ${report.id}) AS attachments`,
    );
    return row;
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
