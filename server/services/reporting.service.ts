import type { TUnitType } from '../../contracts/org.ts';
import type {
  TCategory,
  TDueItem,
  TForm,
  TFormContent,
  TIndicator,
  TIndicatorInput,
  TPeriod,
  TReport,
  TReportSave,
  TReportStatus,
  TReviewQueue,
  TReviewQueueQuery,
  TScheduleCreate,
} from '../../contracts/reporting.ts';
import { addDays, toIsoTimestamp } from '../../domain/dates.ts';
import { foldText } from '../../domain/fold-text.ts';
import { validateReport } from '../../domain/reporting/validate-report.ts';
import { roleAtLeast } from '../../domain/roles.ts';
import type { Database } from '../db/client.ts';
import { AppError, forbidden, notFound, versionConflict } from '../errors.ts';
import { nounRef } from '../i18n/messages.ts';
import { type OrgRepository, unitAccessOf } from '../repositories/org.repository.ts';
import type { PlanRepository } from '../repositories/plan.repository.ts';
import type {
  IndicatorRow,
  PeriodRow,
  ReportContextRow,
  ReportingRepository,
  ReportRow,
  ScheduleRow,
  ValueRow,
  ViewContextRow,
} from '../repositories/reporting.repository.ts';
import type { AccessService } from './access.service.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import { KeyedLimiter } from './keyed-limiter.ts';
import { ReportFacts } from './report-facts.ts';
import { type PeriodSpec, schedulePeriods } from './report-periods.ts';

export function toIndicator(row: IndicatorRow): TIndicator {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind as TIndicator['kind'],
    unit: row.unit,
    numeratorLabel: row.numeratorLabel,
    denominatorLabel: row.denominatorLabel,
    disaggregation: row.disaggregation as TIndicator['disaggregation'],
    aggregation: row.aggregation as TIndicator['aggregation'],
    threshold: row.threshold,
    version: row.version,
  };
}

const toValue = (v: ValueRow) => ({
  indicatorId: v.indicatorId,
  category: v.category as TCategory,
  numerator: v.numerator,
  denominator: v.denominator,
  comment: v.comment,
});

export function toPeriod(p: PeriodRow): TPeriod {
  return {
    id: p.id,
    scheduleId: p.scheduleId,
    key: p.key,
    label: p.label,
    startsOn: p.startsOn,
    endsOn: p.endsOn,
    cutoffFrom: p.cutoffFrom,
    cutoffTo: p.cutoffTo,
    dueOn: p.dueOn,
  };
}

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

/** Words shared by an indicator's name and a target's text, for suggestions. */
function overlap(a: string, b: string): number {
  const words = (s: string) =>
    new Set(
      foldText(s)
        .split(/[^a-z0-9]+/)
        .filter((w) => w.length > 1),
    );
  const x = words(a);
  const y = words(b);
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  return shared / Math.max(1, Math.min(x.size, y.size));
}

/**
 * The reporting cycle: indicators, versioned forms, schedules of periods from a plan's duties,
 * reports (draft → submitted → returned | approved), review by the level above.
 */
export class ReportingService {
  constructor(
    private readonly database: Database,
    private readonly reporting: ReportingRepository,
    private readonly plans: PlanRepository,
    private readonly org: OrgRepository,
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

  // ----- indicators -----------------------------------------------------------------------

  async listIndicators(actor: Actor): Promise<TIndicator[]> {
    this.access.assertRole(actor, 'viewer');
    return (await this.reporting.listIndicators()).map(toIndicator);
  }

  async createIndicator(
    actor: Actor,
    input: TIndicatorInput,
    options: { isDemo?: boolean } = {},
  ): Promise<TIndicator> {
    this.access.assertRole(actor, 'manager');
    return this.database.transaction(async () => {
      if (await this.reporting.indicatorByCode(input.code)) {
        throw new AppError(409, 'duplicate', { field: nounRef('code'), value: input.code }, 'code');
      }
      const row = await this.reporting.insertIndicator({
        ...input,
        nameFolded: foldText(input.name),
        isDemo: options.isDemo ?? false,
      });
      await this.audit.record(actor, 'indicator.create', 'indicator', row.id, null, input);
      return toIndicator(row);
    });
  }

  /** Indicators whose names share the most words with each target of a plan. */
  async suggestForPlan(actor: Actor, planId: number) {
    const plan = await this.plans.find(planId);
    if (!plan) throw notFound('plan');
    await this.access.assertUnitAccess(actor, plan.unitId).catch(async (error) => {
      const ancestors =
        actor.homeUnitId && actor.homeUnitId > 0
          ? await this.org.ancestors(actor.homeUnitId, this.access.today())
          : [];
      if (!ancestors.some((a) => a.id === plan.unitId)) throw error;
    });
    const { targets } = await this.plans.children(planId);
    const all = await this.reporting.listIndicators();
    const bindings = new Map(
      (await this.reporting.bindingsOfPlan(planId)).map((b) => [b.target_id, b.indicator_id]),
    );
    return targets.map((target) => ({
      targetId: target.id,
      text: target.text,
      boundIndicatorId: bindings.get(target.id) ?? null,
      suggestions: all
        .map((i) => ({ indicator: toIndicator(i), score: overlap(i.name, target.text) }))
        .filter((s) => s.score >= 0.3)
        .sort((a, b) => b.score - a.score)
        .slice(0, 3),
    }));
  }

  async bindTarget(actor: Actor, planId: number, targetId: number, indicatorId: number) {
    const plan = await this.plans.find(planId);
    if (!plan) throw notFound('plan');
    this.access.assertRole(actor, 'officer');
    await this.access.assertUnitAccess(actor, plan.unitId);
    const { targets } = await this.plans.children(planId);
    if (!targets.some((t) => t.id === targetId)) throw notFound('plan');
    if (!(await this.reporting.indicator(indicatorId)))
      throw new AppError(
        400,
        'validation',
        { field: 'indicatorId', detail: 'không có chỉ tiêu đo này' },
        'indicatorId',
      );
    await this.database.transaction(async () => {
      await this.reporting.bindTarget(targetId, indicatorId, actor.userId);
      await this.audit.record(actor, 'plan.bind_indicator', 'plan_target', targetId, null, { indicatorId });
    });
    return { targetId, indicatorId };
  }

  // ----- forms and schedules --------------------------------------------------------------

  async form(formVersionId: number): Promise<TForm> {
    const version = await this.reporting.formVersion(formVersionId);
    if (!version) throw notFound('form');
    const form = (await this.reporting.form(version.formId))!;
    const entries = version.indicators as TFormContent['indicators'];
    const rows = new Map(
      (await this.reporting.indicatorsByIds(entries.map((e) => e.indicatorId))).map((r) => [r.id, r]),
    );
    return {
      id: form.id,
      name: form.name,
      planId: form.planId,
      versionId: version.id,
      versionNumber: version.number,
      indicators: entries
        .filter((e) => rows.has(e.indicatorId))
        .map((e) => ({ ...toIndicator(rows.get(e.indicatorId)!), required: e.required })),
      sections: version.sections as TForm['sections'],
      allowAttachments: version.allowAttachments,
      version: form.version,
    };
  }

  /** A change to a form makes a new version; reports already started keep theirs. */
  async reviseForm(
    actor: Actor,
    formId: number,
    content: TFormContent & { version: number },
  ): Promise<TForm> {
    const form = await this.reporting.form(formId);
    if (!form) throw notFound('form');
    if (form.planId) {
      const plan = await this.plans.find(form.planId);
      this.access.assertRole(actor, 'manager');
      await this.access.assertUnitAccess(actor, plan!.unitId);
    } else this.access.assertRole(actor, 'admin');
    const versionId = await this.database.transaction(async () => {
      if (!(await this.reporting.bumpForm(formId, content.version)))
        throw versionConflict({ version: form.version });
      const number = (await this.reporting.lastFormVersionNumber(formId)) + 1;
      const row = await this.reporting.insertFormVersion({
        formId,
        number,
        indicators: content.indicators,
        sections: content.sections,
        allowAttachments: content.allowAttachments,
        createdBy: actor.userId,
      });
      await this.audit.record(
        actor,
        'form.revise',
        'report_form',
        formId,
        { currentVersionId: form.currentVersionId },
        content,
      );
      return row.id;
    });
    return this.form(versionId);
  }

  /** Makes a plan's reporting duty a schedule: a form (version 1) and its periods. */
  async createSchedule(actor: Actor, input: TScheduleCreate, options: { isDemo?: boolean } = {}) {
    const plan = await this.plans.find(input.planId);
    if (!plan) throw notFound('plan');
    this.access.assertRole(actor, 'manager');
    await this.access.assertUnitAccess(actor, plan.unitId);
    if (input.toYear < input.fromYear)
      throw new AppError(
        400,
        'validation',
        { field: 'toYear', detail: 'năm kết thúc trước năm bắt đầu' },
        'toYear',
      );
    const specs = schedulePeriods(input.frequency, input.fromYear, input.toYear, input.dueRule);
    if (specs.length === 0 || specs.length > 200) {
      throw new AppError(
        400,
        'validation',
        { field: 'dueRule', detail: 'không tạo được kỳ báo cáo từ tần suất và hạn này' },
        'dueRule',
      );
    }
    const known = await this.reporting.indicatorsByIds(input.form.indicators.map((i) => i.indicatorId));
    if (known.length !== new Set(input.form.indicators.map((i) => i.indicatorId)).size) {
      throw new AppError(
        400,
        'validation',
        { field: 'form.indicators', detail: 'có chỉ tiêu đo không tồn tại' },
        'form.indicators',
      );
    }
    const duties = input.dutyIndex === null ? [] : (await this.plans.children(plan.id)).reporting;
    const scheduleId = await this.database.transaction(async () => {
      const form = await this.reporting.insertForm({
        name: input.form.name,
        planId: plan.id,
        isDemo: options.isDemo ?? false,
      });
      await this.reporting.insertFormVersion({
        formId: form.id,
        number: 1,
        indicators: input.form.indicators,
        sections: input.form.sections,
        allowAttachments: input.form.allowAttachments,
        createdBy: actor.userId,
      });
      const schedule = await this.reporting.insertSchedule({
        planId: plan.id,
        dutyId: input.dutyIndex === null ? null : (duties[input.dutyIndex]?.id ?? null),
        formId: form.id,
        name: input.name,
        frequency: input.frequency,
        dueRule: input.dueRule,
        leadDays: input.leadDays,
        unitTypes: input.unitTypes,
        isDemo: options.isDemo ?? false,
        createdBy: actor.userId,
      });
      await this.reporting.insertPeriods(specs.map((p: PeriodSpec) => ({ scheduleId: schedule.id, ...p })));
      await this.audit.record(actor, 'schedule.create', 'report_schedule', schedule.id, null, input);
      return schedule.id;
    });
    return this.scheduleView(actor, scheduleId);
  }

  async scheduleView(actor: Actor, scheduleId: number) {
    const schedule = await this.requireSchedule(scheduleId);
    const plan = (await this.plans.find(schedule.planId))!;
    await this.assertCanSeePlanUnit(actor, plan.unitId);
    const form = (await this.reporting.form(schedule.formId))!;
    return {
      id: schedule.id,
      planId: schedule.planId,
      name: schedule.name,
      frequency: schedule.frequency,
      dueRule: schedule.dueRule,
      leadDays: schedule.leadDays,
      unitTypes: schedule.unitTypes as TUnitType[],
      form: await this.form(form.currentVersionId!),
      periods: (await this.reporting.periodsOfSchedule(scheduleId)).map(toPeriod),
    };
  }

  async schedulesOfPlan(actor: Actor, planId: number) {
    const plan = await this.plans.find(planId);
    if (!plan) throw notFound('plan');
    await this.assertCanSeePlanUnit(actor, plan.unitId);
    const schedules = await this.reporting.schedulesOfPlan(planId);
    return Promise.all(schedules.map((s) => this.scheduleView(actor, s.id)));
  }

  // ----- who reports, and when --------------------------------------------------------------

  /** Units expected to report for a period: the plan unit's subtree as of the period end. */
  async unitsInScope(schedule: ScheduleRow, period: PeriodRow, planUnitId: number) {
    const types = new Set(schedule.unitTypes as string[]);
    const tree = await this.org.tree(period.endsOn, planUnitId);
    return tree.filter(
      (u) => u.id !== planUnitId && (types.size === 0 ? u.parentId === planUnitId : types.has(u.type)),
    );
  }

  /** Each level sets its units' date `leadDays` before its own. */
  dueFor(
    period: Pick<PeriodRow, 'dueOn'>,
    schedule: Pick<ScheduleRow, 'leadDays'>,
    levelsBelowPlanUnit: number,
  ): string {
    return addDays(period.dueOn, -schedule.leadDays * Math.max(0, levelsBelowPlanUnit - 1));
  }

  /** What the actor's unit (and, for managers, its units) must report, with dates. */
  async myDue(actor: Actor, options: { horizonDays?: number } = {}): Promise<TDueItem[]> {
    this.access.assertRole(actor, 'viewer');
    if (actor.homeUnitId === null || actor.homeUnitId < 0) return [];
    const today = this.access.today();
    const periods = await this.reporting.periodsDueBetween(
      addDays(today, -400),
      addDays(today, options.horizonDays ?? 120),
    );
    const home = actor.homeUnitId;
    const items: TDueItem[] = [];
    for (const p of periods) {
      const ancestors = await this.org.ancestors(home, p.ends_on);
      const depth = ancestors.findIndex((a) => a.id === p.plan_unit_id);
      if (depth < 0) continue;
      const types = p.unit_types as string[];
      const unit = await this.org.unitAsOf(home, p.ends_on);
      if (!unit || (types.length > 0 && !types.includes(unit.type))) continue;
      const levels = ancestors.length - depth;
      const schedule = (await this.reporting.schedule(p.schedule_id))!;
      const period = (await this.reporting.period(p.period_id))!;
      const report = await this.reporting.reportOf(p.period_id, home);
      const due = report?.dueOn ?? this.dueFor(period, schedule, levels);
      items.push({
        reportId: report?.id ?? null,
        periodId: p.period_id,
        periodLabel: p.label,
        scheduleName: p.schedule_name,
        planTitle: p.plan_title,
        unitId: home,
        unitName: unit.name,
        dueOn: due,
        status: (report?.status ?? 'not_started') as TReportStatus,
        late: report
          ? report.late || (report.status !== 'approved' && report.status !== 'submitted' && today > due)
          : today > due,
      });
    }
    return items.sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  }

  // ----- reports ------------------------------------------------------------------------------

  /** Opens (creating when needed) the report of a unit for a period. The unit's own people write it. */
  async open(actor: Actor, periodId: number, unitId: number): Promise<TReport> {
    const today = this.access.today();
    const audit = this.audit.row(actor, 'report.open', 'report', null, null, { periodId, unitId });
    // Usually one statement: the report found or created, gated on the checks below, and its view.
    // When it gives nothing, the checks in code say why (or see the report created meanwhile).
    const opened = await this.reporting.openReport(
      periodId,
      unitId,
      actor.homeUnitId,
      today,
      roleAtLeast(actor.role, 'officer'),
      audit,
    );
    if (opened) return this.view(opened, opened);
    const found = await this.reporting.openContext(periodId, unitId, actor.homeUnitId, today);
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
    this.access.assertRole(actor, 'officer');
    const dueOn = this.dueFor(found, found, found.depth!);
    // One statement writes the report and its audit row (its own transaction) and reads its view.
    const created = await this.reporting.createReportWithContext(
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
    const audit = this.audit.row(actor, 'report.save', 'report', reportId, null, input);
    // Usually one statement: the save with every check below in SQL, and the view. When it writes
    // nothing, the checks in code say why (or, for a unit reached through its successors, allow it).
    if (roleAtLeast(actor.role, 'officer')) {
      const saved = await this.reporting.saveReportWithContext(
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
    this.access.assertRole(actor, 'officer');
    await this.access.assertUnitAccessFrom(actor, context.unitId, unitAccessOf(context));
    this.assertEditable(context);
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
      this.rules(form),
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
    const saved = await this.reporting.saveReport(reportId, input.version, input.narrative, values, audit);
    if (!saved) throw versionConflict(await this.viewOf(reportId));
    // Everything else the view shows (period, form, previous values, unit name) is not changed
    // by a save; attachments come and go on their own and are as read just before.
    return this.view(saved, { ...context, values: saved.savedValues });
  }

  async submit(actor: Actor, reportId: number, version: number): Promise<TReport> {
    // One statement when this server has seen the content at this version pass the checks (they
    // depend on nothing else): the state change gated on the state and the access rule, and the
    // view. Otherwise, or when it writes nothing, the read and the checks in code.
    if (roleAtLeast(actor.role, 'officer') && this.facts.submittableAt(reportId, version)) {
      const submitted = await this.reporting.submitReportWithContext(
        reportId,
        version,
        { submittedAt: new Date(this.now()).toISOString(), submittedBy: actor.userId },
        this.audit.row(actor, 'report.submit', 'report', reportId, null, null),
        actor.homeUnitId,
        this.access.today(),
      );
      if (submitted) {
        this.rollupHooks.onSubmitted(submitted.periodId);
        return this.view(submitted, submitted);
      }
    }
    const context = await this.requireContext(actor, reportId);
    this.access.assertRole(actor, 'officer');
    await this.access.assertUnitAccessFrom(actor, context.unitId, unitAccessOf(context));
    this.assertEditable(context);
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
    const submitted = await this.reporting.submitReport(
      reportId,
      version,
      { submittedAt: new Date(this.now()).toISOString(), submittedBy: actor.userId, late },
      this.audit.row(
        actor,
        'report.submit',
        'report',
        reportId,
        { status: context.status },
        { status: 'submitted', late },
      ),
    );
    if (!submitted) throw versionConflict(await this.viewOf(reportId));
    this.rollupHooks.onSubmitted(context.periodId);
    // Values and narrative are those just checked: only the state changed (and the version check
    // proves nothing else wrote in between).
    return {
      ...view,
      status: 'submitted',
      late: submitted.late,
      submittedAt: submitted.submittedAt ? toIsoTimestamp(submitted.submittedAt) : null,
      returnReason: submitted.returnReason,
      version: submitted.version,
    };
  }

  async returnReport(actor: Actor, reportId: number, reason: string, version: number): Promise<TReport> {
    const context = await this.requireContext(actor, reportId);
    await this.assertReviewer(actor, context, 'officer');
    if (context.status !== 'submitted') throw this.wrongState(context.status);
    const updated = await this.transition(
      actor,
      context,
      version,
      { status: 'returned', returnReason: reason },
      'report.return',
    );
    return this.view(updated, context);
  }

  async approve(actor: Actor, reportId: number, version: number): Promise<TReport> {
    const reviewedAt = new Date(this.now()).toISOString();
    const change = { status: 'approved' as const, returnReason: null };
    const audit = this.audit.row(
      actor,
      'report.approve',
      'report',
      reportId,
      { status: 'submitted' },
      change,
    );
    // One statement when this server knows the report's period and unit: the approval gated on
    // the state and the reviewer's rule, its roll-ups, and the view. When it writes nothing (or
    // the period's roll-ups are not built yet), the read and the checks in code.
    const known = this.facts.of(reportId);
    if (known && roleAtLeast(actor.role, 'officer')) {
      const report = { id: reportId, periodId: known.periodId, unitId: known.unitId };
      const approved = await this.rollupWriters.run(known.periodId, () =>
        this.reporting.approveReportWithContext(
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
    await this.assertReviewer(actor, context, 'officer');
    if (context.status !== 'submitted') throw this.wrongState(context.status);
    // What the page shows besides the report row (form, values, previous values) cannot change
    // while the report is submitted, and the approval does not change it: the context read with
    // the report serves the answer.
    // Usually one statement: the approval, its audit row and the roll-ups, no transaction held
    // open across round trips (other approvals of the period wait for its roll-up rows).
    const approved = await this.rollupWriters.run(
      context.periodId,
      async () =>
        (await this.reporting.approveReport(
          context,
          version,
          { reviewedAt, reviewedBy: actor.userId },
          audit,
        )) ??
        // A stale version (409 from here) or the period's first approval (roll-ups built here).
        (await this.database.transaction(async () => {
          const [updated] = await together(
            this.transition(actor, context, version, change, 'report.approve'),
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
    await this.assertReviewer(actor, context, 'manager');
    if (context.status !== 'approved') throw this.wrongState(context.status);
    const unlocked = await this.rollupWriters.run(context.periodId, () =>
      this.database.transaction(async () => {
        const updated = await this.transition(
          actor,
          context,
          version,
          { status: 'returned', returnReason: reason },
          'report.unlock',
        );
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
    this.access.assertRole(actor, 'officer');
    if (actor.homeUnitId === null || actor.homeUnitId < 0) return { items: [], total: 0 };
    const found = await this.reporting.submittedBelow(actor.homeUnitId, this.access.today(), page);
    // The total comes with every row; a page past the end has none, and is counted again.
    const total =
      found[0]?.total ??
      (page.offset > 0
        ? ((
            await this.reporting.submittedBelow(actor.homeUnitId, this.access.today(), {
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

  /** Units in scope × status for one period, within the actor's organisation. */
  async periodStatus(actor: Actor, periodId: number) {
    const period = await this.requirePeriod(periodId);
    const schedule = (await this.reporting.schedule(period.scheduleId))!;
    const plan = (await this.plans.find(schedule.planId))!;
    await this.assertCanSeePlanUnit(actor, plan.unitId);
    const scope = await this.unitsInScope(schedule, period, plan.unitId);
    const reports = new Map((await this.reporting.reportsOfPeriod(periodId)).map((r) => [r.unitId, r]));
    const today = this.access.today();
    const rows: {
      unitId: number;
      unitName: string;
      unitType: TUnitType;
      parentId: number | null;
      reportId: number | null;
      status: TReportStatus;
      dueOn: string;
      submittedAt: string | null;
      late: boolean;
    }[] = [];
    for (const unit of scope) {
      if (!(await this.access.canAccessUnit(actor, unit.id))) continue;
      const report = reports.get(unit.id);
      const due = report?.dueOn ?? this.dueFor(period, schedule, unit.depth);
      rows.push({
        unitId: unit.id,
        unitName: unit.name,
        unitType: unit.type,
        parentId: unit.parentId,
        reportId: report?.id ?? null,
        status: (report?.status ?? 'not_started') as TReportStatus,
        dueOn: due,
        submittedAt: report?.submittedAt ? toIsoTimestamp(report.submittedAt) : null,
        late: report
          ? report.late || (!['submitted', 'approved'].includes(report.status) && today > due)
          : today > due,
      });
    }
    const count = (status: TReportStatus) => rows.filter((r) => r.status === status).length;
    return {
      period: toPeriod(period),
      scheduleName: schedule.name,
      expected: rows.length,
      submitted: rows.filter((r) => r.status === 'submitted' || r.status === 'approved').length,
      approved: count('approved'),
      onTime: rows.filter((r) => (r.status === 'submitted' || r.status === 'approved') && !r.late).length,
      late: rows.filter((r) => r.late).length,
      rows,
    };
  }

  // ----- helpers ------------------------------------------------------------------------------

  private now(): number {
    return this.access.now().getTime();
  }

  private rules(form: TForm) {
    return form.indicators.map((i) => ({
      id: i.id,
      code: i.code,
      name: i.name,
      kind: i.kind,
      disaggregation: i.disaggregation,
      required: i.required,
    }));
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
        .map((e) => ({ ...toIndicator(byId.get(e.indicatorId)! as IndicatorRow), required: e.required })),
      sections: stored.sections as TForm['sections'],
      allowAttachments: stored.allowAttachments,
      version: stored.version,
    };
  }

  /** The report as the page shows it: the row and its context (`ReportingRepository.reportContext`). */
  view(report: ReportRow, context: ViewContextRow): TReport {
    const form = this.formOf(context);
    const { period } = context;
    const values = (context.values ?? []).map((v) => toValue({ ...v, reportId: report.id }));
    const previousValues = (context.previous_values ?? []).map((v) => toValue({ ...v, reportId: 0 }));
    const narrative = report.narrative as Record<string, string>;
    const issues = validateReport(this.rules(form), form.sections, values, narrative, previousValues, true);
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
    const context = await this.reporting.reportContext(reportId, null, this.access.today());
    if (!context) throw notFound('report');
    return this.view(context, context);
  }

  /** The report with its view context and the access row of the actor (404 when there is none). */
  private async requireContext(actor: Actor, reportId: number): Promise<ReportContextRow> {
    const context = await this.reporting.reportContext(reportId, actor.homeUnitId, this.access.today());
    if (!context) throw notFound('report');
    return context;
  }

  private async transition(
    actor: Actor,
    report: ReportRow,
    version: number,
    values: { status: TReportStatus; returnReason: string | null },
    action: string,
  ): Promise<ReportRow> {
    return this.database.transaction(async () => {
      const [updated] = await together(
        this.reporting.reviewReport(report.id, version, {
          ...values,
          reviewedAt: new Date(this.now()).toISOString(),
          reviewedBy: actor.userId,
        }),
        this.audit.record(actor, action, 'report', report.id, { status: report.status }, values),
      );
      if (!updated) throw versionConflict(await this.viewOf(report.id));
      return updated;
    });
  }

  /** The level above reviews: the actor's unit must be a strict ancestor of the report's unit. */
  private async assertReviewer(actor: Actor, report: ReportContextRow, minimum: 'officer' | 'manager') {
    if (!roleAtLeast(actor.role, minimum)) throw forbidden();
    await this.access.assertUnitAccessFrom(actor, report.unitId, unitAccessOf(report));
    if (actor.homeUnitId === report.unitId) throw forbidden();
  }

  private assertEditable(report: ReportRow) {
    if (report.status !== 'draft' && report.status !== 'returned') throw this.wrongState(report.status);
  }

  private wrongState(status: string) {
    const words: Record<string, string> = {
      submitted: 'đã gửi, chờ duyệt',
      approved: 'đã duyệt và khóa',
      draft: 'đang soạn',
      returned: 'đã trả lại',
    };
    return new AppError(
      409,
      'validation',
      { field: 'status', detail: `báo cáo ${words[status] ?? status}` },
      'status',
    );
  }

  /** The plan's unit is the actor's, below it, or above it (a plan received from above). */
  async assertCanSeePlanUnit(actor: Actor, planUnitId: number) {
    if (await this.access.canAccessUnit(actor, planUnitId)) return;
    if (actor.homeUnitId !== null && actor.homeUnitId > 0) {
      const ancestors = await this.org.ancestors(actor.homeUnitId, this.access.today());
      if (ancestors.some((a) => a.id === planUnitId)) return;
    }
    throw forbidden();
  }

  private async requirePeriod(id: number): Promise<PeriodRow> {
    const period = await this.reporting.period(id);
    if (!period) throw notFound('period');
    return period;
  }

  private async requireSchedule(id: number): Promise<ScheduleRow> {
    const schedule = await this.reporting.schedule(id);
    if (!schedule) throw notFound('schedule');
    return schedule;
  }
}
