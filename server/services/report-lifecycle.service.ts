import type { TReport, TReportSave } from '../../contracts/reporting.ts';
import { toIsoTimestamp } from '../../domain/dates.ts';
import { unitDueDate } from '../../domain/reporting/periods.ts';
import { REPORT_TRANSITIONS, roleMayTake } from '../../domain/reporting/report-states.ts';
import { indicatorRulesOf, validateReport } from '../../domain/reporting/validate-report.ts';
import { AppError, notFound, versionConflict } from '../errors.ts';
import { nounRef } from '../i18n/messages.ts';
import type { ReportLifecycleRepository } from '../repositories/report-lifecycle.repository.ts';
import type { ReportContextRow, ReportingRepository } from '../repositories/reporting.repository.ts';
import { unitAccessOf } from '../repositories/sql/unit-access.ts';
import type { AccessService } from './access.service.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import { assertMoveAllowed, type ReportPages } from './report-pages.ts';

/**
 * A report's life on the reporting unit's side (`domain/reporting/report-states.ts`): opened, saved
 * and submitted (draft or returned → submitted) by the unit's own people. The level above's side
 * is `ReportReviewService`. Each move is usually one statement that checks it in SQL; when that
 * writes nothing, the checks in code say why.
 */
export class ReportLifecycleService {
  constructor(
    private readonly reports: ReportLifecycleRepository,
    private readonly reporting: ReportingRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly pages: ReportPages,
    /** Told after a report is submitted; returns at once (the period's roll-ups are readied apart). */
    private readonly onSubmitted: (periodId: number) => void = () => undefined,
  ) {}

  /** Opens (creating when needed) the report of a unit for a period. The unit's own people write it. */
  async open(actor: Actor, periodId: number, unitId: number): Promise<TReport> {
    const today = this.access.today();
    const audit = this.audit.row(actor, 'report.open', 'report', null, null, { periodId, unitId });
    // Usually one statement: the report found or created, gated on the checks below, and its view.
    // When it gives nothing, the checks in code say why (or see the report created meanwhile).
    const opened = await this.reports.openReport(
      periodId,
      unitId,
      actor.homeUnitId,
      today,
      roleMayTake('save', actor.role),
      audit,
    );
    if (opened) return this.pages.view(opened, opened);
    const found = await this.reports.openContext(periodId, unitId, actor.homeUnitId, today);
    if (!found) throw notFound('period');
    await this.access.assertUnitAccessFrom(actor, unitId, unitAccessOf(found));
    // In scope: below the plan's unit at the period's end, of a type the schedule expects (or,
    // with no types, directly below it) — the test of `unitsInScope`, read up from the unit.
    const types = found.unitTypes;
    const inScope =
      found.planUnitPlaced &&
      found.depth !== null &&
      (types.length === 0 ? found.depth === 1 : types.includes(found.unitType ?? ''));
    if (!inScope)
      throw new AppError(
        400,
        'validation',
        { field: 'unitId', detail: nounRef('unit_not_expected_to_report') },
        'unitId',
      );
    if (found.reportId !== null) return this.pages.viewOf(found.reportId);
    this.access.assertRole(actor, REPORT_TRANSITIONS.save.minimumRole);
    const dueOn = unitDueDate(found.dueOn, found.leadDays, found.depth!);
    // One statement writes the report and its audit row (its own transaction) and reads its view.
    const created = await this.reports.createReportWithContext(
      { periodId, unitId, formVersionId: found.currentVersionId!, dueOn, isDemo: found.isDemo },
      audit,
      null,
      today,
    );
    if (created) return this.pages.view(created, created);
    // Created a moment ago by someone else (who audited it).
    const existing = await this.reporting.reportOf(periodId, unitId);
    if (!existing) throw notFound('report');
    return this.pages.viewOf(existing.id);
  }

  async get(actor: Actor, reportId: number): Promise<TReport> {
    const found = await this.pages.requireContext(actor, reportId);
    await this.access.assertUnitAccessFrom(actor, found.unitId, unitAccessOf(found));
    return this.pages.view(found, found);
  }

  /** Saves a draft whole — incomplete is fine, nothing typed is lost; issues come back to show. */
  async save(actor: Actor, reportId: number, input: TReportSave): Promise<TReport> {
    const values = input.values.map((v) => ({
      indicatorId: v.indicatorId,
      category: v.category,
      numerator: v.numerator,
      denominator: v.denominator,
      comment: v.comment,
    }));
    const audit = this.audit.row(actor, REPORT_TRANSITIONS.save.audit, 'report', reportId, null, input);
    // Usually one statement: the save with every check below in SQL, and the view. When it writes
    // nothing, the checks in code say why (or, for a unit reached through its successors, allow it).
    if (roleMayTake('save', actor.role)) {
      const saved = await this.reports.saveReportWithContext(
        reportId,
        input.version,
        input.narrative,
        values,
        audit,
        actor.homeUnitId,
        this.access.today(),
      );
      if (saved) return this.pages.view(saved, saved);
    }
    const context = await this.pages.requireContext(actor, reportId);
    await this.assertHolder(actor, context, 'save');
    const form = this.pages.formOf(context);
    const allowed = new Set(form.sections.map((s) => s.key));
    const unknownSection = Object.keys(input.narrative).find((k) => !allowed.has(k));
    if (unknownSection)
      throw new AppError(
        400,
        'validation',
        { field: `narrative.${unknownSection}`, detail: nounRef('section_not_in_form') },
        `narrative.${unknownSection}`,
      );
    const issues = validateReport(
      indicatorRulesOf(form),
      form.sections,
      input.values as TReport['values'],
      input.narrative,
      [],
      false,
    );
    const blocking = issues.find((i) => i.severity === 'error' && i.message.startsWith('Chỉ tiêu không có'));
    if (blocking)
      throw new AppError(
        400,
        'validation',
        { field: blocking.field, detail: blocking.message },
        blocking.field,
      );
    // One statement: the save and its audit row, "before" being what the save replaced.
    const saved = await this.reports.saveReport(reportId, input.version, input.narrative, values, audit);
    if (!saved) throw versionConflict(await this.pages.viewOf(reportId));
    // Everything else the view shows (period, form, previous values, unit name) is not changed
    // by a save; attachments come and go on their own and are as read just before.
    return this.pages.view(saved, { ...context, values: saved.savedValues });
  }

  async submit(actor: Actor, reportId: number, version: number): Promise<TReport> {
    // One statement when this server has seen the content at this version pass the checks (they
    // depend on nothing else): the state change gated on the state and the access rule, and the
    // view. Otherwise, or when it writes nothing, the read and the checks in code.
    if (roleMayTake('submit', actor.role) && this.pages.facts.submittableAt(reportId, version)) {
      const submitted = await this.reports.submitReportWithContext(
        reportId,
        version,
        { submittedAt: this.access.now().toISOString(), submittedBy: actor.userId },
        this.audit.row(actor, REPORT_TRANSITIONS.submit.audit, 'report', reportId, null, null),
        actor.homeUnitId,
        this.access.today(),
      );
      if (submitted) {
        this.onSubmitted(submitted.periodId);
        return this.pages.view(submitted, submitted);
      }
    }
    const context = await this.pages.requireContext(actor, reportId);
    await this.assertHolder(actor, context, 'submit');
    const view = this.pages.view(context, context);
    const errors = view.issues.filter((i) => i.severity === 'error');
    if (errors.length > 0) {
      throw new AppError(
        400,
        'validation',
        { field: errors[0]!.field, detail: errors[0]!.message },
        errors[0]!.field,
        { issues: errors },
      );
    }
    const today = this.access.today();
    // One statement: the state change and its audit row (neither when the version is stale).
    const late = today > context.dueOn;
    const submitted = await this.reports.submitReport(
      reportId,
      version,
      { submittedAt: this.access.now().toISOString(), submittedBy: actor.userId, late },
      this.audit.row(
        actor,
        REPORT_TRANSITIONS.submit.audit,
        'report',
        reportId,
        { status: context.status },
        { status: REPORT_TRANSITIONS.submit.to, late },
      ),
    );
    if (!submitted) throw versionConflict(await this.pages.viewOf(reportId));
    this.onSubmitted(context.periodId);
    // Values and narrative are those just checked: only the state changed (and the version check
    // proves nothing else wrote in between).
    return {
      ...view,
      status: REPORT_TRANSITIONS.submit.to,
      late: submitted.late,
      submittedAt: submitted.submittedAt ? toIsoTimestamp(submitted.submittedAt) : null,
      returnReason: submitted.returnReason,
      version: submitted.version,
    };
  }

  /**
   * The unit's own people (or a unit above that holds it) write: the move's role, the access rule,
   * and a state the move starts from.
   */
  private async assertHolder(actor: Actor, report: ReportContextRow, action: 'save' | 'submit') {
    this.access.assertRole(actor, REPORT_TRANSITIONS[action].minimumRole);
    await this.access.assertUnitAccessFrom(actor, report.unitId, unitAccessOf(report));
    assertMoveAllowed(report, action);
  }
}
