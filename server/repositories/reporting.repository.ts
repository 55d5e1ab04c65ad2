import { and, asc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
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
import type {
  FormVersionRow,
  IndicatorRow,
  PeriodRow,
  ReportRow,
  ScheduleRow,
  ValueRow,
} from './sql/report-rows.ts';

export type {
  FormVersionRow,
  IndicatorRow,
  OpenContextRow,
  PeriodRow,
  ReportContextRow,
  ReportRow,
  SavedValue,
  ScheduleRow,
  ValueRow,
  ViewContextRow,
} from './sql/report-rows.ts';

/**
 * Indicators, forms, schedules and periods, and reports as rows (the reads of the status pages,
 * reminders, dashboards and the Excel exchange, and the Excel import's bulk writes). A report's
 * life — open, save, submit, review — is `ReportLifecycleRepository`'s.
 */
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
      periodId: number;
      label: string;
      dueOn: string;
      endsOn: string;
      scheduleId: number;
      scheduleName: string;
      leadDays: number;
      unitTypes: string[];
      planId: number;
      planUnitId: number;
      planTitle: string;
    }>(
      this.db(),
      sql`SELECT p.id AS "periodId", p.label, p.due_on AS "dueOn", p.ends_on AS "endsOn",
                 s.id AS "scheduleId", s.name AS "scheduleName", s.lead_days AS "leadDays",
                 s.unit_types AS "unitTypes", pl.id AS "planId", pl.unit_id AS "planUnitId",
                 pl.title AS "planTitle"
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
