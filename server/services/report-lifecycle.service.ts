import type {
  TForm,
  TReport,
  TReportSave,
  TReportStatus,
  TReviewQueue,
  TReviewQueueQuery,
} from '../../contracts/reporting.ts';
import { toIsoTimestamp } from '../../domain/dates.ts';
import { unitDueDate } from '../../domain/reporting/periods.ts';
import {
  canTake,
  REPORT_TRANSITIONS,
  type ReportAction,
  roleMayTake,
  stateRefusalDetail,
} from '../../domain/reporting/report-states.ts';
import { indicatorRulesOf, validateReport } from '../../domain/reporting/validate-report.ts';
import type { Database } from '../db/client.ts';
import { AppError, forbidden, notFound, versionConflict } from '../errors.ts';
import type { ReportLifecycleRepository } from '../repositories/report-lifecycle.repository.ts';
import type {
  ReportContextRow,
  ReportingRepository,
  ReportRow,
  ViewContextRow,
} from '../repositories/reporting.repository.ts';
import { unitAccessOf } from '../repositories/sql/unit-access.ts';
import type { AccessService } from './access.service.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import { KeyedLimiter } from './keyed-limiter.ts';
import { ReportFacts } from './report-facts.ts';
import { toIndicator, toPeriod, toValue } from './reporting-views.ts';

/**
 * The statements of one transaction issued together (they queue on its connection and run in
 * order without waiting for this code in between) — like `Promise.all`, but every one has ended
 * before the first failure is thrown, so none can still be running when the transaction rolls
 * back and gives its connection back.
 */
async function together<T extends readonly unknown[]>(
  ...pending: { [K in keyof T]: Promise<T[K]> }
): Promise<T> {
  const settled = await Promise.allSettled(pending);
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

/**
 * A report's life (`domain/reporting/report-states.ts`): opened by its unit, saved and submitted
 * (draft or returned → submitted), returned or approved by the level above, unlocked by a manager
 * above; the review queue. Each move is usually one statement that checks it in SQL; when that
 * writes nothing, the checks in code say why.
 */
export class ReportLifecycleService {
  constructor(
    private readonly database: Database,
    private readonly reports: ReportLifecycleRepository,
    private readonly reporting: ReportingRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly rollupHooks: {
      /** Called inside the transaction that approves or unlocks a report (roll-up maintenance). */
      onApprovalChange: (report: ReportRow, approved: boolean) => Promise<void>;
      /** Told after a report is submitted; returns at once (the period's roll-ups are readied apart). */
      onSubmitted: (periodId: number) => void;
    } = { onApprovalChange: async () => undefined, onSubmitted: () => undefined },
  ) {}

  /**
   * Approvals and unlocks of one period, at most four at a time in this process: each writes the
   * same roll-up rows (the period's units above), so PostgreSQL runs them one after another anyway,
   * and each one waiting there for the row lock held a pooled connection the other requests queued
   * for. With the approval and its view read in one statement, the roll-up rows come last in it
   * (`approveCtes`), so the others admitted read their views meanwhile. One alone added a round
   * trip through Node between approvals; two, when the view was read apart, measured best then
   * (p99 168 and 205 ms against 192 and 239 without a limit); with the one statement, two left
   * approvals at p99 404 and 437 ms while every other request was within ~165, four at 157–241
   * (`npm run bench -- load`, docs/status.md).
   */
  private readonly rollupWriters = new KeyedLimiter<number>(4);

  /** What the views built here showed, for the one-statement paths of submit and approve. */
  private readonly facts = new ReportFacts();

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
    if (opened) return this.view(opened, opened);
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
        { field: 'unitId', detail: 'đơn vị không thuộc diện báo cáo kỳ này' },
        'unitId',
      );
    if (found.reportId !== null) return this.viewOf(found.reportId);
    this.access.assertRole(actor, REPORT_TRANSITIONS.save.minimumRole);
    const dueOn = unitDueDate(found.dueOn, found.leadDays, found.depth!);
    // One statement writes the report and its audit row (its own transaction) and reads its view.
    const created = await this.reports.createReportWithContext(
      { periodId, unitId, formVersionId: found.currentVersionId!, dueOn, isDemo: found.isDemo },
      audit,
      null,
      today,
    );
    if (created) return this.view(created, created);
    // Created a moment ago by someone else (who audited it).
    const existing = await this.reporting.reportOf(periodId, unitId);
    if (!existing) throw notFound('report');
    return this.viewOf(existing.id);
  }

  async get(actor: Actor, reportId: number): Promise<TReport> {
    const found = await this.requireContext(actor, reportId);
    await this.access.assertUnitAccessFrom(actor, found.unitId, unitAccessOf(found));
    return this.view(found, found);
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
      if (saved) return this.view(saved, saved);
    }
    const context = await this.requireContext(actor, reportId);
    await this.assertHolder(actor, context, 'save');
    const form = this.formOf(context);
    const allowed = new Set(form.sections.map((s) => s.key));
    const unknownSection = Object.keys(input.narrative).find((k) => !allowed.has(k));
    if (unknownSection)
      throw new AppError(
        400,
        'validation',
        { field: `narrative.${unknownSection}`, detail: 'không có phần này trong biểu mẫu' },
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
    if (!saved) throw versionConflict(await this.viewOf(reportId));
    // Everything else the view shows (period, form, previous values, unit name) is not changed
    // by a save; attachments come and go on their own and are as read just before.
    return this.view(saved, { ...context, values: saved.savedValues });
  }

  async submit(actor: Actor, reportId: number, version: number): Promise<TReport> {
    // One statement when this server has seen the content at this version pass the checks (they
    // depend on nothing else): the state change gated on the state and the access rule, and the
    // view. Otherwise, or when it writes nothing, the read and the checks in code.
    if (roleMayTake('submit', actor.role) && this.facts.submittableAt(reportId, version)) {
      const submitted = await this.reports.submitReportWithContext(
        reportId,
        version,
        { submittedAt: new Date(this.now()).toISOString(), submittedBy: actor.userId },
        this.audit.row(actor, REPORT_TRANSITIONS.submit.audit, 'report', reportId, null, null),
        actor.homeUnitId,
        this.access.today(),
      );
      if (submitted) {
        this.rollupHooks.onSubmitted(submitted.periodId);
        return this.view(submitted, submitted);
      }
    }
    const context = await this.requireContext(actor, reportId);
    await this.assertHolder(actor, context, 'submit');
    const view = this.view(context, context);
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
      { submittedAt: new Date(this.now()).toISOString(), submittedBy: actor.userId, late },
      this.audit.row(
        actor,
        REPORT_TRANSITIONS.submit.audit,
        'report',
        reportId,
        { status: context.status },
        { status: REPORT_TRANSITIONS.submit.to, late },
      ),
    );
    if (!submitted) throw versionConflict(await this.viewOf(reportId));
    this.rollupHooks.onSubmitted(context.periodId);
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

  async returnReport(actor: Actor, reportId: number, reason: string, version: number): Promise<TReport> {
    const context = await this.requireContext(actor, reportId);
    await this.assertReviewer(actor, context, 'return');
    const updated = await this.transition(actor, context, version, 'return', reason);
    return this.view(updated, context);
  }

  async approve(actor: Actor, reportId: number, version: number): Promise<TReport> {
    const reviewedAt = new Date(this.now()).toISOString();
    const { approve } = REPORT_TRANSITIONS;
    const audit = this.audit.row(
      actor,
      approve.audit,
      'report',
      reportId,
      { status: approve.from[0] },
      { status: approve.to, returnReason: null },
    );
    // One statement when this server knows the report's period and unit: the approval gated on
    // the state and the reviewer's rule, its roll-ups, and the view. When it writes nothing (or
    // the period's roll-ups are not built yet), the read and the checks in code.
    const known = this.facts.of(reportId);
    if (known && roleMayTake('approve', actor.role)) {
      const report = { id: reportId, periodId: known.periodId, unitId: known.unitId };
      const approved = await this.rollupWriters.run(known.periodId, () =>
        this.reports.approveReportWithContext(
          report,
          version,
          { reviewedAt, reviewedBy: actor.userId },
          audit,
          actor.homeUnitId,
          this.access.today(),
        ),
      );
      if (approved) return this.view(approved, approved);
    }
    const context = await this.requireContext(actor, reportId);
    await this.assertReviewer(actor, context, 'approve');
    // What the page shows besides the report row (form, values, previous values) cannot change
    // while the report is submitted, and the approval does not change it: the context read with
    // the report serves the answer.
    // Usually one statement: the approval, its audit row and the roll-ups, no transaction held
    // open across round trips (other approvals of the period wait for its roll-up rows).
    const approved = await this.rollupWriters.run(
      context.periodId,
      async () =>
        (await this.reports.approveReport(
          context,
          version,
          { reviewedAt, reviewedBy: actor.userId },
          audit,
        )) ??
        // A stale version (409 from here) or the period's first approval (roll-ups built here).
        (await this.database.transaction(async () => {
          const [updated] = await together(
            this.transition(actor, context, version, 'approve', null),
            this.rollupHooks.onApprovalChange(context, true),
          );
          return updated;
        })),
    );
    return this.view(approved, context);
  }

  /** Unlocking an approved report needs a manager above the unit, and is audited. */
  async unlock(actor: Actor, reportId: number, reason: string, version: number): Promise<TReport> {
    const context = await this.requireContext(actor, reportId);
    await this.assertReviewer(actor, context, 'unlock');
    const unlocked = await this.rollupWriters.run(context.periodId, () =>
      this.database.transaction(async () => {
        const updated = await this.transition(actor, context, version, 'unlock', reason);
        await this.rollupHooks.onApprovalChange(updated, false);
        return updated;
      }),
    );
    return this.view(unlocked, context);
  }

  /**
   * Submitted reports of the units below the actor, oldest sent first, a page at a time (a
   * national officer may have thousands waiting), with how many wait in all.
   */
  async reviewQueue(actor: Actor, page: TReviewQueueQuery = { limit: 50, offset: 0 }): Promise<TReviewQueue> {
    this.access.assertRole(actor, REPORT_TRANSITIONS.approve.minimumRole);
    if (actor.homeUnitId === null || actor.homeUnitId < 0) return { items: [], total: 0 };
    const found = await this.reports.submittedBelow(actor.homeUnitId, this.access.today(), page);
    // The total comes with every row; a page past the end has none, and is counted again.
    const total =
      found[0]?.total ??
      (page.offset > 0
        ? ((
            await this.reports.submittedBelow(actor.homeUnitId, this.access.today(), {
              limit: 1,
              offset: 0,
            })
          )[0]?.total ?? 0)
        : 0);
    const items = found.map(({ total: _total, ...r }) => ({
      ...r,
      submittedAt: r.submittedAt ? toIsoTimestamp(r.submittedAt) : null,
    }));
    return { items, total };
  }

  // ----- helpers ------------------------------------------------------------------------------

  private now(): number {
    return this.access.now().getTime();
  }

  /** The form of a report's view context. */
  private formOf(context: ViewContextRow): TForm {
    if (!context.form) throw notFound('form');
    const stored = context.form;
    const byId = new Map((context.indicators ?? []).map((r) => [r.id, r]));
    return {
      id: stored.formId,
      name: stored.name,
      planId: stored.planId,
      versionId: stored.versionId,
      versionNumber: stored.versionNumber,
      indicators: stored.entries
        .filter((e) => byId.has(e.indicatorId))
        .map((e) => ({ ...toIndicator(byId.get(e.indicatorId)!), required: e.required })),
      sections: stored.sections as TForm['sections'],
      allowAttachments: stored.allowAttachments,
      version: stored.version,
    };
  }

  /** The report as the page shows it: the row and its context (`ReportingRepository.reportContext`). */
  view(report: ReportRow, context: ViewContextRow): TReport {
    const form = this.formOf(context);
    const { period } = context;
    const values = (context.values ?? []).map((v) => toValue(v));
    const previousValues = (context.previous_values ?? []).map((v) => toValue(v));
    const narrative = report.narrative as Record<string, string>;
    const issues = validateReport(
      indicatorRulesOf(form),
      form.sections,
      values,
      narrative,
      previousValues,
      true,
    );
    this.facts.learn(report.id, {
      periodId: report.periodId,
      unitId: report.unitId,
      version: report.version,
      submittable: !issues.some((i) => i.severity === 'error'),
    });
    return {
      id: report.id,
      period: toPeriod(period),
      scheduleName: period.scheduleName,
      planId: period.planId,
      planTitle: period.planTitle,
      unitId: report.unitId,
      unitName: context.unit_name ?? '',
      status: report.status as TReportStatus,
      dueOn: report.dueOn,
      late: report.late,
      submittedAt: report.submittedAt ? toIsoTimestamp(report.submittedAt) : null,
      reviewedAt: report.reviewedAt ? toIsoTimestamp(report.reviewedAt) : null,
      returnReason: report.returnReason,
      form,
      values,
      previousValues,
      narrative,
      attachments: context.attachments ?? [],
      issues,
      isDemo: report.isDemo,
      version: report.version,
    };
  }

  /** A report's view as it is now (one statement). */
  async viewOf(reportId: number): Promise<TReport> {
    const context = await this.reports.reportContext(reportId, null, this.access.today());
    if (!context) throw notFound('report');
    return this.view(context, context);
  }

  /** The report with its view context and the access row of the actor (404 when there is none). */
  private async requireContext(actor: Actor, reportId: number): Promise<ReportContextRow> {
    const context = await this.reports.reportContext(reportId, actor.homeUnitId, this.access.today());
    if (!context) throw notFound('report');
    return context;
  }

  /** A reviewer's move (return, approve, unlock) under the version, with its audit row. */
  private async transition(
    actor: Actor,
    report: ReportRow,
    version: number,
    action: 'return' | 'approve' | 'unlock',
    returnReason: string | null,
  ): Promise<ReportRow> {
    const values = { status: REPORT_TRANSITIONS[action].to, returnReason };
    return this.database.transaction(async () => {
      const [updated] = await together(
        this.reports.reviewReport(report.id, version, {
          ...values,
          reviewedAt: new Date(this.now()).toISOString(),
          reviewedBy: actor.userId,
        }),
        this.audit.record(
          actor,
          REPORT_TRANSITIONS[action].audit,
          'report',
          report.id,
          { status: report.status },
          values,
        ),
      );
      if (!updated) throw versionConflict(await this.viewOf(report.id));
      return updated;
    });
  }

  /**
   * The unit's own people (or a unit above that holds it) write: the move's role, the access rule,
   * and a state the move starts from.
   */
  private async assertHolder(actor: Actor, report: ReportContextRow, action: 'save' | 'submit') {
    this.access.assertRole(actor, REPORT_TRANSITIONS[action].minimumRole);
    await this.access.assertUnitAccessFrom(actor, report.unitId, unitAccessOf(report));
    this.assertState(report, action);
  }

  /**
   * The level above reviews: the move's role, the actor's unit a strict ancestor of the report's
   * unit, and a state the move starts from.
   */
  private async assertReviewer(
    actor: Actor,
    report: ReportContextRow,
    action: 'return' | 'approve' | 'unlock',
  ) {
    if (!roleMayTake(action, actor.role)) throw forbidden();
    await this.access.assertUnitAccessFrom(actor, report.unitId, unitAccessOf(report));
    if (actor.homeUnitId === report.unitId) throw forbidden();
    this.assertState(report, action);
  }

  private assertState(report: ReportRow, action: ReportAction) {
    if (!canTake(action, report.status)) {
      throw new AppError(
        409,
        'validation',
        { field: 'status', detail: stateRefusalDetail(report.status) },
        'status',
      );
    }
  }
}
