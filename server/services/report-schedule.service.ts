import type { TUnitType } from '../../contracts/org.ts';
import type { TDueItem, TReportStatus, TScheduleCreate } from '../../contracts/reporting.ts';
import { addDays, toIsoTimestamp } from '../../domain/dates.ts';
import { unitDueDate } from '../../domain/reporting/periods.ts';
import { isSent } from '../../domain/reporting/report-states.ts';
import type { Database } from '../db/client.ts';
import { AppError, forbidden, notFound } from '../errors.ts';
import { nounRef } from '../i18n/messages.ts';
import type { OrgRepository } from '../repositories/org.repository.ts';
import type { PlanRepository } from '../repositories/plan.repository.ts';
import type { PeriodRow, ReportingRepository, ScheduleRow } from '../repositories/reporting.repository.ts';
import type { AccessService } from './access.service.ts';
import { type Actor, ownUnitOf } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import type { IndicatorFormService } from './indicator-form.service.ts';
import { type PeriodSpec, schedulePeriods } from './report-periods.ts';
import { toPeriod } from './reporting-views.ts';
import { isExpected } from './rollup.service.ts';
import type { UpwardReporting, UpwardSchedule } from './upward-reporting.ts';

/**
 * When reports are due and who owes them: schedules of periods made from a plan's reporting
 * duties, the units in a period's scope and their due dates, what a unit must report next, and
 * the status of a period across its units.
 */
export class ReportScheduleService {
  constructor(
    private readonly database: Database,
    private readonly reporting: ReportingRepository,
    private readonly plans: PlanRepository,
    private readonly org: OrgRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly forms: IndicatorFormService,
    /** The schedules the duty makes at the levels above (none without it: tests of schedules alone). */
    private readonly upward: UpwardReporting | null = null,
  ) {}

  /**
   * Makes a plan's reporting duty a schedule: a form (version 1) and its periods — and, up the
   * plans it implements, the schedule each level above needs to receive the consolidated report of
   * the level below (`upward`: the ones made now).
   */
  async createSchedule(actor: Actor, input: TScheduleCreate, options: { isDemo?: boolean } = {}) {
    const plan = await this.plans.find(input.planId);
    if (!plan) throw notFound('plan');
    this.access.assertRole(actor, 'manager');
    await this.access.assertUnitAccess(actor, plan.unitId);
    if (input.toYear < input.fromYear)
      throw new AppError(
        400,
        'validation',
        { field: 'toYear', detail: nounRef('end_year_before_start') },
        'toYear',
      );
    const specs = schedulePeriods(input.frequency, input.fromYear, input.toYear, input.dueRule);
    if (specs.length === 0 || specs.length > 200) {
      throw new AppError(
        400,
        'validation',
        { field: 'dueRule', detail: nounRef('due_rule_makes_no_period') },
        'dueRule',
      );
    }
    const known = await this.reporting.indicatorsByIds(input.form.indicators.map((i) => i.indicatorId));
    if (known.length !== new Set(input.form.indicators.map((i) => i.indicatorId)).size) {
      throw new AppError(
        400,
        'validation',
        { field: 'form.indicators', detail: nounRef('unknown_indicator_in_form') },
        'form.indicators',
      );
    }
    const duties = input.dutyIndex === null ? [] : (await this.plans.children(plan.id)).reporting;
    const { scheduleId, upward } = await this.database.transaction(async () => {
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
      const above: UpwardSchedule[] = this.upward
        ? await this.upward.ensureAbove(actor, plan, input, specs, this.access.today(), options)
        : [];
      return { scheduleId: schedule.id, upward: above };
    });
    return { ...(await this.scheduleView(actor, scheduleId)), upward };
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
      form: await this.forms.form(form.currentVersionId!),
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
    return unitDueDate(period.dueOn, schedule.leadDays, levelsBelowPlanUnit);
  }

  /** What the actor's unit (and, for managers, its units) must report, with dates. */
  async myDue(actor: Actor, options: { horizonDays?: number } = {}): Promise<TDueItem[]> {
    this.access.assertRole(actor, 'viewer');
    const home = ownUnitOf(actor);
    if (home === null) return [];
    const today = this.access.today();
    const periods = await this.reporting.periodsDueBetween(
      addDays(today, -400),
      addDays(today, options.horizonDays ?? 120),
    );
    const items: TDueItem[] = [];
    for (const p of periods) {
      const ancestors = await this.org.ancestors(home, p.endsOn);
      const depth = ancestors.findIndex((a) => a.id === p.planUnitId);
      if (depth < 0) continue;
      const unit = await this.org.unitAsOf(home, p.endsOn);
      // the one expected-to-report rule: with no unit types, only the plan unit's direct units
      // (a grassroots union owes nothing to the province's period its commune reports in)
      const scope = { planUnitId: p.planUnitId, unitTypes: p.unitTypes, date: p.endsOn };
      if (!unit || !isExpected({ id: home, type: unit.type, parentId: unit.parentId }, scope)) continue;
      const levels = ancestors.length - depth;
      const schedule = (await this.reporting.schedule(p.scheduleId))!;
      const period = (await this.reporting.period(p.periodId))!;
      const report = await this.reporting.reportOf(p.periodId, home);
      const due = report?.dueOn ?? this.dueFor(period, schedule, levels);
      items.push({
        reportId: report?.id ?? null,
        periodId: p.periodId,
        periodLabel: p.label,
        scheduleName: p.scheduleName,
        planTitle: p.planTitle,
        unitId: home,
        unitName: unit.name,
        dueOn: due,
        status: (report?.status ?? 'not_started') as TReportStatus,
        late: report ? report.late || (!isSent(report.status) && today > due) : today > due,
      });
    }
    return items.sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  }

  /** Units in scope × status for one period, within the actor's organisation. */
  async periodStatus(actor: Actor, periodId: number) {
    const { period, schedule, plan } = await this.periodInView(actor, periodId);
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
        late: report ? report.late || (!isSent(report.status) && today > due) : today > due,
      });
    }
    const count = (status: TReportStatus) => rows.filter((r) => r.status === status).length;
    return {
      period: toPeriod(period),
      scheduleName: schedule.name,
      expected: rows.length,
      submitted: rows.filter((r) => isSent(r.status)).length,
      approved: count('approved'),
      onTime: rows.filter((r) => isSent(r.status) && !r.late).length,
      late: rows.filter((r) => r.late).length,
      rows,
    };
  }

  /** A period with its schedule and plan, when the actor may see the plan's unit (else 404, 403). */
  async periodInView(actor: Actor, periodId: number) {
    const period = await this.requirePeriod(periodId);
    const schedule = (await this.reporting.schedule(period.scheduleId))!;
    const plan = (await this.plans.find(schedule.planId))!;
    await this.assertCanSeePlanUnit(actor, plan.unitId);
    return { period, schedule, plan };
  }

  /** The plan's unit is the actor's, below it, or above it (a plan received from above). */
  async assertCanSeePlanUnit(actor: Actor, planUnitId: number) {
    // the access policy's plan rule (domain/access), answered 403 `forbidden` as before
    if (!(await this.access.canSeePlanOf(actor, planUnitId))) throw forbidden();
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
