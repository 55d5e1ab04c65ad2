import type { TForm, TReport, TReportStatus } from '../../contracts/reporting.ts';
import { toIsoTimestamp } from '../../domain/dates.ts';
import { canTake, type ReportAction, stateRefusalNoun } from '../../domain/reporting/report-states.ts';
import { indicatorRulesOf, validateReport } from '../../domain/reporting/validate-report.ts';
import { AppError, notFound } from '../errors.ts';
import { nounRef } from '../i18n/messages.ts';
import type { ReportLifecycleRepository } from '../repositories/report-lifecycle.repository.ts';
import type { ReportContextRow, ReportRow, ViewContextRow } from '../repositories/reporting.repository.ts';
import { unitAccessOf } from '../repositories/sql/unit-access.ts';
import type { AccessService } from './access.service.ts';
import type { Actor } from './actor.ts';
import { ReportFacts } from './report-facts.ts';
import { toIndicator, toPeriod, toValue } from './reporting-views.ts';

/** Refuses a move the report's state does not allow (409 on the field `status`). */
export function assertMoveAllowed(report: Pick<ReportRow, 'status'>, action: ReportAction) {
  if (!canTake(action, report.status)) {
    throw new AppError(
      409,
      'validation',
      { field: 'status', detail: nounRef(stateRefusalNoun(report.status)) },
      'status',
    );
  }
}

/**
 * A report as its page shows it, built from the row and the view context read with it
 * (`ReportLifecycleRepository.reportContext`), shared by the unit's side of a report's life and the
 * reviewers'. What each view showed is kept (`facts`) for the one-statement submit and approve.
 */
export class ReportPages {
  constructor(
    private readonly reports: ReportLifecycleRepository,
    private readonly access: AccessService,
  ) {}

  /** What the views built here showed, for the one-statement paths of submit and approve. */
  readonly facts = new ReportFacts();

  /** The form of a report's view context. */
  formOf(context: ViewContextRow): TForm {
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

  /**
   * The report with its view context and the access row of the actor: 404 when there is none, and
   * when its unit is out of the actor's reach (a report id tells nothing of what it names).
   */
  async requireContext(actor: Actor, reportId: number): Promise<ReportContextRow> {
    const context = await this.reports.reportContext(reportId, actor.homeUnitId, this.access.today());
    if (!context) throw notFound('report');
    await this.access.assertKnownTo(actor, 'report', context.unitId, unitAccessOf(context));
    return context;
  }
}
