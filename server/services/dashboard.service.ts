import type { TPlanDashboard, TProgressStatus, TUnitDashboard } from '../../contracts/dashboard.ts';
import { STATUS_COLOURS } from '../../contracts/dashboard.ts';
import type { TUnitType } from '../../contracts/org.ts';
import { type DashboardTable, renderDashboardXlsx } from '../../documents/render/dashboard.xlsx.ts';
import { TOTAL } from '../../domain/rollup/indicator.ts';
import type { ReadRouting } from '../db/read-routing.ts';
import { AppError, notFound } from '../errors.ts';
import type { DashboardRepository, UnitWithFiguresRow } from '../repositories/dashboard.repository.ts';
import type { OrgRepository } from '../repositories/org.repository.ts';
import type { PlanRepository, PlanRow } from '../repositories/plan.repository.ts';
import type { IndicatorRow, PeriodRow } from '../repositories/reporting.repository.ts';
import type { AccessService } from './access.service.ts';
import type { Actor } from './actor.ts';
import type { CompletenessService } from './completeness.service.ts';
import { figuresFromRows } from './dashboard-figures.ts';
import { shownChildren, visibilityOf } from './dashboard-visibility.ts';
import { type PlanFigures, targetProgress } from './plan-target-progress.ts';
import type { ReportScheduleService } from './report-schedule.service.ts';
import { toPeriod } from './reporting-views.ts';

/** Worst first, for a plan's overall status. */
const SEVERITY: TProgressStatus[] = ['off_track', 'at_risk', 'on_track', 'met', 'no_data'];

/**
 * Dashboards over the live roll-ups: a plan's targets against their milestones with a projection,
 * its units ranked, trends over periods, and every plan of a unit. Reads only; every figure comes
 * from `rollup_values` (subtrees) or a unit's own approved value. Completeness is
 * `CompletenessService`'s, drill-down `DrilldownService`'s.
 */
export class DashboardService {
  constructor(
    private readonly dashboards: DashboardRepository,
    private readonly plans: PlanRepository,
    private readonly org: OrgRepository,
    private readonly access: AccessService,
    private readonly reportingService: ReportScheduleService,
    private readonly completeness: CompletenessService,
    /** Dashboards and their exports are read on a replica when one is fresh enough (db/read-routing.ts). */
    private readonly reads: ReadRouting,
  ) {}

  private async requirePlan(actor: Actor, planId: number): Promise<PlanRow> {
    const plan = await this.plans.find(planId);
    if (!plan) throw notFound('plan');
    await this.reportingService.assertCanSeePlanUnit(actor, plan.unitId);
    return plan;
  }

  /** The period asked for, else the latest that has ended, else the first. */
  private choosePeriod(periods: PeriodRow[], periodId: number | undefined, today: string): PeriodRow | null {
    if (periodId !== undefined) {
      const found = periods.find((p) => p.id === periodId);
      if (!found)
        throw new AppError(
          400,
          'validation',
          { field: 'periodId', detail: 'kỳ báo cáo không thuộc kế hoạch này' },
          'periodId',
        );
      return found;
    }
    return periods.filter((p) => p.endsOn <= today).at(-1) ?? periods[0] ?? null;
  }

  // ----- plan dashboard ---------------------------------------------------------------------

  /**
   * A plan's dashboard. `completeness: false` leaves out completeness and late units (a scan of
   * the whole subtree's reports; `GET /api/periods/:id/completeness` serves it on its own).
   */
  async planDashboard(
    actor: Actor,
    planId: number,
    periodId?: number,
    options: { completeness?: boolean } = {},
  ): Promise<TPlanDashboard> {
    const { value, freshness } = await this.reads.read(() =>
      this.readPlanDashboard(actor, planId, periodId, options),
    );
    return { ...value, freshness };
  }

  private async readPlanDashboard(
    actor: Actor,
    planId: number,
    periodId: number | undefined,
    options: { completeness?: boolean },
  ): Promise<Omit<TPlanDashboard, 'freshness'>> {
    const today = this.access.today();
    // The plan, its periods, targets and unit name: two statements, read while access is checked.
    const [plan, context] = await Promise.all([
      this.requirePlan(actor, planId),
      this.dashboards.planContext(planId, today),
    ]);
    const visibility = await visibilityOf(this.org, today, actor);
    const periods: PeriodRow[] = context.periods.map((p) => ({
      id: p.id,
      scheduleId: p.schedule_id,
      key: p.key,
      label: p.label,
      startsOn: p.starts_on,
      endsOn: p.ends_on,
      cutoffFrom: p.cutoff_from,
      cutoffTo: p.cutoff_to,
      dueOn: p.due_on,
    }));
    const unitTypesOf = new Map(context.periods.map((p) => [p.id, p.unit_types ?? []]));
    const targetRows = context.targets;
    const planUnit = { name: context.unitName ?? '' };
    const period = this.choosePeriod(periods, periodId, today);
    const indicatorById = new Map<number, IndicatorRow>();
    for (const r of targetRows) {
      if (r.indicator_id === null) continue;
      indicatorById.set(r.indicator_id, {
        id: r.indicator_id,
        code: r.code!,
        name: r.name!,
        kind: r.kind!,
        aggregation: r.aggregation!,
        disaggregation: r.disaggregation!,
        threshold: r.threshold!,
        unit: r.unit,
      } as IndicatorRow);
    }
    const indicatorRows = [...indicatorById.values()];
    const children = {
      targets: targetRows.map((r) => ({ id: r.id, text: r.text, milestones: r.milestones })),
    };
    const boundTo = new Map(targetRows.map((r) => [r.id, r.indicator_id]));

    const planInside = !visibility.above(plan.unitId);
    const brokenDown = indicatorRows.filter((i) => i.disaggregation !== 'none').map((i) => i.id);
    const [series, parts, direct] = await Promise.all([
      this.dashboards.rowsOf({
        periodIds: periods.map((p) => p.id),
        indicatorIds: indicatorRows.map((i) => i.id),
        unitIds: [plan.unitId],
        category: TOTAL,
      }),
      period && brokenDown.length > 0
        ? this.dashboards.rowsOf({ periodIds: [period.id], indicatorIds: brokenDown, unitIds: [plan.unitId] })
        : Promise.resolve([]),
      period
        ? this.dashboards.unitsWithFigures(period.id, period.endsOn, {
            childrenOf: plan.unitId,
            unitIds: [],
            indicatorIds: indicatorRows.map((i) => i.id),
          })
        : Promise.resolve([]),
    ]);
    const shown = shownChildren(direct, planInside, visibility, actor.homeUnitId).filter((s) => s.figures);
    const unitFigures = figuresFromRows(
      shown.map((s) => s.unit as UnitWithFiguresRow),
      indicatorRows,
      period
        ? { planUnitId: plan.unitId, unitTypes: unitTypesOf.get(period.id) ?? [], date: period.endsOn }
        : null,
    );
    const figures: PlanFigures = {
      periods,
      seriesOf: new Map(series.map((r) => [`${r.period_id}/${r.indicator_id}`, r])),
      shown: shown.map((s) => s.unit),
      unitFigures,
      parts: period ? parts : null,
      today,
    };
    const targets = children.targets.map((target) =>
      targetProgress(target, indicatorById.get(boundTo.get(target.id) ?? -1) ?? null, figures),
    );
    return {
      plan: {
        id: plan.id,
        title: plan.title,
        symbol: plan.symbol,
        unitId: plan.unitId,
        unitName: planUnit?.name ?? '',
      },
      asOf: today,
      periods: periods.map(toPeriod),
      period: period ? toPeriod(period) : null,
      targets,
      completeness:
        period && options.completeness !== false
          ? await this.completeness.ofSubtree(actor, period, plan.unitId, visibility)
          : null,
    };
  }

  // ----- a unit's plans ------------------------------------------------------------------------

  /** Every plan of a unit (its own and those received from above) with its targets' status. */
  async unitDashboard(actor: Actor, unitId: number): Promise<TUnitDashboard> {
    const { value, freshness } = await this.reads.read(() => this.readUnitDashboard(actor, unitId));
    return { ...value, freshness };
  }

  private async readUnitDashboard(actor: Actor, unitId: number): Promise<Omit<TUnitDashboard, 'freshness'>> {
    await this.access.assertUnitAccess(actor, unitId);
    const today = this.access.today();
    const [unit] = await this.dashboards.units([unitId], today);
    const ancestors = await this.org.ancestors(unitId, today);
    const plans = await this.plans.listForUnits([unitId, ...ancestors.map((a) => a.id)]);
    const result = [];
    for (const p of plans) result.push(await this.planStatus(actor, p, unitId));
    return {
      unit: { unitId, unitName: unit?.name ?? '', unitType: (unit?.type ?? 'grassroots') as TUnitType },
      asOf: today,
      plans: result,
    };
  }

  /** One plan's targets' status in a line, as a unit's dashboard (and each role's home) lists it. */
  async planStatus(
    actor: Actor,
    p: { id: number; title: string; symbol: string | null; unit_id: number; unit_name: string | null },
    unitId: number,
  ): Promise<TUnitDashboard['plans'][number]> {
    const dashboard = await this.planDashboard(actor, p.id, undefined, { completeness: false });
    const counts = Object.fromEntries(SEVERITY.map((s) => [s, 0])) as Record<TProgressStatus, number>;
    for (const t of dashboard.targets) counts[t.status] += 1;
    const status = SEVERITY.find((s) => counts[s] > 0 && s !== 'no_data') ?? 'no_data';
    return {
      planId: p.id,
      title: p.title,
      symbol: p.symbol,
      unitId: p.unit_id,
      unitName: p.unit_name ?? '',
      fromAbove: p.unit_id !== unitId,
      status,
      colour: STATUS_COLOURS[status],
      counts,
      targets: dashboard.targets.map((t) => ({
        targetId: t.targetId,
        text: t.text,
        status: t.status,
        colour: t.colour,
        current: t.current,
        verdict: t.verdict,
        verdictPhrase: t.verdictPhrase,
      })),
    };
  }

  // ----- export -------------------------------------------------------------------------------

  /** One table of a plan's dashboard as XLSX: targets, the units' values, or completeness. */
  async exportXlsx(
    actor: Actor,
    planId: number,
    periodId: number | undefined,
    table: DashboardTable,
  ): Promise<{ data: Buffer; fileName: string }> {
    const dashboard = await this.planDashboard(actor, planId, periodId);
    return {
      data: await renderDashboardXlsx(dashboard, table),
      fileName: `bang-dieu-khien-${planId}-${table}.xlsx`,
    };
  }
}
