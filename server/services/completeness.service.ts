import type { TCompleteness, TCompletenessView } from '../../contracts/dashboard.ts';
import type { TUnitType } from '../../contracts/org.ts';
import type { TReportStatus } from '../../contracts/reporting.ts';
import type { Database } from '../db/client.ts';
import { notFound } from '../errors.ts';
import type { DashboardRepository } from '../repositories/dashboard.repository.ts';
import type { OrgRepository } from '../repositories/org.repository.ts';
import type { ReportProgressRepository } from '../repositories/report-progress.repository.ts';
import type { PeriodRow, ReportingRepository } from '../repositories/reporting.repository.ts';
import type { RollupRepository } from '../repositories/rollup.repository.ts';
import type { AccessService } from './access.service.ts';
import type { Actor } from './actor.ts';
import { shownChildren, type Visibility, visibilityOf } from './dashboard-visibility.ts';
import type { ReportScheduleService } from './report-schedule.service.ts';
import { toPeriod } from './reporting-views.ts';
import { scopeOf } from './rollup.service.ts';

const percent = (part: number, whole: number) => (whole > 0 ? (part / whole) * 100 : null);

function completenessOf(c: {
  expected: number;
  submitted: number;
  on_time: number;
  approved: number;
  late: number;
}): TCompleteness {
  return {
    expected: c.expected,
    submitted: c.submitted,
    onTime: c.on_time,
    approved: c.approved,
    late: c.late,
    completeness: percent(c.approved, c.expected),
    timeliness: percent(c.on_time, c.expected),
  };
}

const EMPTY_COMPLETENESS = completenessOf({ expected: 0, submitted: 0, on_time: 0, approved: 0, late: 0 });

/**
 * Reporting completeness and timeliness of a unit's subtree for one period: per direct unit, per
 * level, and the late units. One statement over the subtree's reports.
 */
export class CompletenessService {
  constructor(
    private readonly database: Database,
    private readonly rollups: RollupRepository,
    private readonly dashboards: DashboardRepository,
    private readonly progress: ReportProgressRepository,
    private readonly reporting: ReportingRepository,
    private readonly org: OrgRepository,
    private readonly access: AccessService,
    private readonly reportingService: ReportScheduleService,
  ) {}

  /** Completeness and timeliness of a unit's subtree for one period: per direct unit, per level, late units. */
  async forPeriod(actor: Actor, periodId: number, unitId?: number): Promise<TCompletenessView> {
    const period = await this.reporting.period(periodId);
    if (!period) throw notFound('period');
    const scopeRow = (await this.rollups.periodScope(periodId))!;
    await this.reportingService.assertCanSeePlanUnit(actor, scopeRow.plan_unit_id);
    const visibility = await visibilityOf(this.org, this.access.today(), actor);
    const root = unitId ?? scopeRow.plan_unit_id;
    if (!visibility.above(root)) await this.access.assertUnitAccess(actor, root);
    return this.ofSubtree(actor, period, root, visibility);
  }

  /** The same for a period already read and a visibility already known (a plan's dashboard). */
  async ofSubtree(
    actor: Actor,
    period: PeriodRow,
    rootId: number,
    visibility: Visibility,
  ): Promise<TCompletenessView> {
    const scopeRow = (await this.rollups.periodScope(period.id))!;
    const scope = scopeOf(scopeRow);
    const today = this.access.today();
    const path = rootId === scope.planUnitId ? [] : await this.org.ancestors(rootId, period.endsOn);
    const planAt = path.findIndex((a) => a.id === scope.planUnitId);
    const rootDepth = rootId === scope.planUnitId ? 0 : planAt < 0 ? 0 : path.length - planAt;
    const result = await this.database.transaction(async () => {
      await this.progress.setWorkMem('32MB');
      return this.progress.completeness(period.id, rootId, {
        ...scope,
        rootDepth,
        periodDue: scopeRow.due_on,
        leadDays: scopeRow.lead_days,
        today,
      });
    });
    const [children, [root]] = await Promise.all([
      this.dashboards.children(rootId, period.endsOn),
      this.dashboards.units([rootId], period.endsOn),
    ]);
    const rootInside = !visibility.above(rootId);
    const shown = shownChildren(children, rootInside, visibility, actor.homeUnitId).filter((s) => s.figures);
    const byBranch = new Map(result.counts.filter((c) => c.by_type === 0).map((c) => [c.branch, c]));
    const overall = result.counts.find((c) => c.by_type === 1 && c.by_branch === 1);
    // Outside the caller's organisation only the caller's own branch is counted.
    const total = rootInside
      ? overall
      : shown.map((s) => byBranch.get(s.unit.id)).find((c) => c !== undefined);
    return {
      period: toPeriod(period),
      unit: { unitId: rootId, unitName: root?.name ?? '', unitType: (root?.type ?? 'national') as TUnitType },
      total: total ? completenessOf(total) : EMPTY_COMPLETENESS,
      units: shown.map(({ unit }) => ({
        unitId: unit.id,
        unitName: unit.name,
        unitType: unit.type as TUnitType,
        completeness: byBranch.has(unit.id) ? completenessOf(byBranch.get(unit.id)!) : EMPTY_COMPLETENESS,
      })),
      levels: rootInside
        ? result.counts
            .filter((c) => c.by_branch === 0)
            .map((c) => ({ unitType: c.type as TUnitType, completeness: completenessOf(c) }))
        : [],
      lateUnits: rootInside
        ? result.late.map((l) => ({
            unitId: l.id,
            unitName: l.name,
            unitType: l.type as TUnitType,
            parentName: l.parent_name,
            status: l.status as TReportStatus,
            dueOn: l.due_on,
            daysLate: l.days_late,
          }))
        : [],
      lateCount: rootInside ? result.lateCount : 0,
    };
  }
}
