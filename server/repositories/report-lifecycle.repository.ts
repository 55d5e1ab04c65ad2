import type { Database } from '../db/client.ts';
import { type AuditRowParams, auditParamList } from './sql/audit-insert.ts';
import type { OpenContextRow, ReportContextRow, ReportRow, SavedValue, ValueRow } from './sql/report-rows.ts';
import {
  APPROVE_REPORT_SQL,
  APPROVE_REPORT_WITH_CONTEXT_SQL,
  CREATE_REPORT_WITH_CONTEXT_SQL,
  OPEN_CONTEXT_SQL,
  OPEN_REPORT_SQL,
  REPORT_CONTEXT_SQL,
  REVIEW_REPORT_SQL,
  SAVE_REPORT_SQL,
  SAVE_REPORT_WITH_CONTEXT_SQL,
  SUBMIT_REPORT_SQL,
  SUBMIT_REPORT_WITH_CONTEXT_SQL,
  SUBMITTED_BELOW_SQL,
} from './sql/report-statements.ts';

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

/**
 * A report's life in the database: opening, saving, submitting and reviewing a report, each one
 * prepared statement that writes the change with its audit row and reads back what the page shows
 * (`./sql/report-statements.ts`), and the review queue.
 */
export class ReportLifecycleRepository {
  constructor(private readonly database: Database) {}

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
    const [row] = await this.database.prepared<OpenContextRow>(OPEN_CONTEXT_SQL, [
      periodId,
      unitId,
      homeUnitId,
      today,
    ]);
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
    const [row] = await this.database.prepared<ReportRow>(SUBMIT_REPORT_SQL, [
      reportId,
      version,
      values.submittedAt,
      values.submittedBy,
      values.late,
      ...auditParamList(audit),
    ]);
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
    const [row] = await this.database.prepared<ReportRow>(REVIEW_REPORT_SQL, [
      reportId,
      version,
      values.status,
      values.returnReason,
      values.reviewedAt,
      values.reviewedBy,
    ]);
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
    }>(SUBMITTED_BELOW_SQL, [homeUnitId, today, page.limit, page.offset]);
  }
}
