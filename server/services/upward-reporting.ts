import type { TScheduleCreate } from '../../contracts/reporting.ts';
import type { DashboardRepository } from '../repositories/dashboard.repository.ts';
import type { OrgRepository } from '../repositories/org.repository.ts';
import type { PlanRepository, PlanRow } from '../repositories/plan.repository.ts';
import type { ReportingRepository } from '../repositories/reporting.repository.ts';
import type { RollupRepository } from '../repositories/rollup.repository.ts';
import type { UpwardRepository } from '../repositories/upward.repository.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import { type PeriodSpec, schedulePeriods } from './report-periods.ts';
import { isExpected, scopeOf } from './rollup.service.ts';

/** Levels walked upward at most (grassroots → commune → province → nation is three). */
const MAX_LEVELS = 10;

/** A schedule made at a level above so that the level below's consolidated report has somewhere to go. */
export interface UpwardSchedule {
  scheduleId: number;
  planId: number;
  unitId: number;
  unitName: string;
}

/**
 * The loop closed upward: where a unit's consolidated report goes (a period of the level above,
 * with the same key, in which the unit is expected to report), and the schedules a reporting duty
 * makes at every level it names — the unit's own (its units report into it) and, level by level up
 * the plans it implements (derived from, or named as basis by its document), the one it reports into. A report sent up is an ordinary report of the
 * level above's period: reviewed in the same queue and by the same state machine.
 */
export class UpwardReporting {
  constructor(
    private readonly reporting: ReportingRepository,
    private readonly plans: PlanRepository,
    private readonly org: OrgRepository,
    private readonly dashboards: DashboardRepository,
    private readonly rollups: RollupRepository,
    private readonly audit: AuditService,
    private readonly upward: UpwardRepository,
  ) {}

  /** The unit's report to its parent: a period with the same key of a parent's plan where the unit reports. */
  async periodAbove(unitId: number, parentId: number, key: string) {
    for (const candidate of await this.dashboards.periodsWithKeyOfUnit(parentId, key)) {
      if (!(await this.expectedIn(candidate.period_id, unitId))) continue;
      const report = await this.reporting.reportOf(candidate.period_id, unitId);
      return {
        periodId: candidate.period_id,
        scheduleName: candidate.schedule_name,
        reportId: report?.id ?? null,
      };
    }
    return null;
  }

  /**
   * After a schedule was made on `plan` (inside its transaction): up the chain of plans it
   * implements, each level above gets a schedule with the same periods (keys) and form in which the
   * level below is expected, unless one of its plans already has one. Stops at a plan that
   * implements none; a level that already has such periods is left as it is and the walk goes on.
   */
  async ensureAbove(
    actor: Actor,
    plan: PlanRow,
    input: TScheduleCreate,
    specs: readonly PeriodSpec[],
    today: string,
    options: { isDemo?: boolean } = {},
  ): Promise<UpwardSchedule[]> {
    const made: UpwardSchedule[] = [];
    const keys = specs.map((s) => s.key);
    let below = plan;
    for (let level = 0; level < MAX_LEVELS; level++) {
      const above = await this.planAbove(below, today);
      if (!above) break;
      if (await this.covered(below.unitId, above.unitId, keys)) {
        below = above;
        continue;
      }
      const unit = await this.org.unitAsOf(below.unitId, today);
      if (!unit) break;
      // the level above's own duty of the same kind sets its date; else the date of the duty below
      const duty =
        input.dutyIndex === null
          ? undefined
          : (await this.plans.children(above.id)).reporting[input.dutyIndex];
      const dueRule = duty && duty.frequency === input.frequency && duty.due ? duty.due : input.dueRule;
      const aboveSpecs = schedulePeriods(input.frequency, input.fromYear, input.toYear, dueRule);
      const form = await this.reporting.insertForm({
        name: input.form.name,
        planId: above.id,
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
        planId: above.id,
        dutyId: duty?.id ?? null,
        formId: form.id,
        name: input.name,
        frequency: input.frequency,
        dueRule,
        leadDays: input.leadDays,
        // the level below as a direct unit of the plan's unit (with its siblings), else by its type
        unitTypes: unit.parentId === above.unitId ? [] : [unit.type],
        isDemo: options.isDemo ?? false,
        createdBy: actor.userId,
      });
      await this.reporting.insertPeriods(aboveSpecs.map((p) => ({ scheduleId: schedule.id, ...p })));
      await this.audit.record(actor, 'schedule.create_upward', 'report_schedule', schedule.id, null, {
        fromPlanId: below.id,
        planId: above.id,
        unitId: below.unitId,
        keys,
      });
      const [aboveUnit] = await this.dashboards.units([above.unitId], today);
      made.push({
        scheduleId: schedule.id,
        planId: above.id,
        unitId: above.unitId,
        unitName: aboveUnit?.name ?? '',
      });
      below = above;
    }
    return made;
  }

  /**
   * The plan a plan implements at a level above: the plan it was derived from; for a plan read from
   * its document, the plan of the nearest level above whose document it names as its basis.
   */
  private async planAbove(plan: PlanRow, today: string): Promise<PlanRow | null> {
    const ancestors = await this.org.ancestors(plan.unitId, today);
    if (plan.parentPlanId !== null) {
      const parent = await this.plans.find(plan.parentPlanId);
      if (!parent || parent.unitId === plan.unitId) return null;
      return ancestors.some((a) => a.id === parent.unitId) ? parent : null;
    }
    if (plan.documentId === null) return null;
    const nearestFirst = ancestors.map((a) => a.id).reverse();
    const [basis] = await this.upward.plansOfBasis(plan.documentId, nearestFirst);
    return basis ? ((await this.plans.find(basis.id)) ?? null) : null;
  }

  /** Whether the level above already has, for every key, a period in which the unit reports. */
  private async covered(unitId: number, aboveUnitId: number, keys: readonly string[]): Promise<boolean> {
    for (const key of keys) {
      const candidates = await this.dashboards.periodsWithKeyOfUnit(aboveUnitId, key);
      let found = false;
      for (const candidate of candidates) {
        if (await this.expectedIn(candidate.period_id, unitId)) {
          found = true;
          break;
        }
      }
      if (!found) return false;
    }
    return true;
  }

  /** Whether the unit is expected to report in the period (as the period's scope stood at its end). */
  private async expectedIn(periodId: number, unitId: number): Promise<boolean> {
    const scope = scopeOf((await this.rollups.periodScope(periodId))!);
    const self = (await this.dashboards.chain(periodId, unitId, scope))[0];
    return !!self && isExpected({ id: self.id, type: self.type, parentId: self.parent_id }, scope);
  }
}
