import ExcelJS from 'exceljs';
import type {
  TCompleteness,
  TCompletenessView,
  TDrilldown,
  TFigure,
  TIndicatorRef,
  TPlanDashboard,
  TProgressStatus,
  TTargetProgress,
  TUnitDashboard,
  TUnitFigures,
} from '../../contracts/dashboard.ts';
import { STATUS_COLOURS } from '../../contracts/dashboard.ts';
import type { TUnitType } from '../../contracts/org.ts';
import type { TMilestone } from '../../contracts/plan-extract.ts';
import type { TReportStatus } from '../../contracts/reporting.ts';
import { aimsHigh, assessTarget } from '../../domain/progress/assess-progress.ts';
import { TOTAL } from '../../domain/rollup/indicator.ts';
import { cellValue, rollUpFromScratch, valueIsPercent } from '../../domain/rollup/roll-up.ts';
import type { Database } from '../db/client.ts';
import { AppError, notFound } from '../errors.ts';
import type { OrgRepository } from '../repositories/org.repository.ts';
import type { PlanRepository, PlanRow } from '../repositories/plan.repository.ts';
import type { IndicatorRow, PeriodRow, ReportingRepository } from '../repositories/reporting.repository.ts';
import type {
  OwnValueRow,
  ReportingScope,
  RollupRepository,
  RollupRow,
  UnitAsOfRow,
  UnitWithFiguresRow,
} from '../repositories/rollup.repository.ts';
import type { AccessService } from './access.service.ts';
import type { Actor } from './actor.ts';
import type { ReportingService } from './reporting.service.ts';
import { toPeriod } from './reporting.service.ts';
import { entryOf, indicatorOf, isExpected, scopeOf } from './rollup.service.ts';

export function indicatorRef(row: IndicatorRow): TIndicatorRef {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind as TIndicatorRef['kind'],
    aggregation: row.aggregation as TIndicatorRef['aggregation'],
    unit: row.unit,
  };
}

const NO_DATA = (indicatorId: number): TFigure => ({
  indicatorId,
  value: null,
  numerator: 0,
  denominator: 0,
  reportingUnits: 0,
  meetingUnits: 0,
  expectedUnits: null,
});

/** The domain's rules of an indicator row, made once per row object. */
const rulesCache = new WeakMap<object, ReturnType<typeof indicatorOf>>();
function rulesOf(indicator: IndicatorRow): ReturnType<typeof indicatorOf> {
  let rules = rulesCache.get(indicator);
  if (!rules) {
    rules = indicatorOf(indicator);
    rulesCache.set(indicator, rules);
  }
  return rules;
}

/** A subtree's figure from its stored roll-up row (total). */
export function storedFigure(indicator: IndicatorRow, row: RollupRow | undefined): TFigure {
  if (!row) return NO_DATA(indicator.id);
  const counters = {
    numerator: row.numerator,
    denominator: row.denominator,
    reportingUnits: row.reporting_units,
    meetingUnits: row.meeting_units,
  };
  return {
    indicatorId: indicator.id,
    value: cellValue(rulesOf(indicator), counters),
    ...counters,
    expectedUnits: row.expected_units,
  };
}

/** A unit's own figure (a unit without units below): the domain's roll-up of one unit. */
export function ownFigure(
  indicator: IndicatorRow,
  values: readonly OwnValueRow[],
  expected: boolean,
): TFigure {
  const rules = indicatorOf(indicator);
  const entry = entryOf(rules, values);
  const unitId = values[0]?.unit_id ?? 0;
  const [aggregate] = rollUpFromScratch(
    [{ id: unitId, parentId: null }],
    entry ? new Map([[unitId, entry]]) : new Map(),
    rules,
    expected ? new Set([unitId]) : new Set(),
  ).values();
  if (!aggregate) return NO_DATA(indicator.id);
  return {
    indicatorId: indicator.id,
    value: aggregate.value,
    numerator: aggregate.numerator,
    denominator: aggregate.denominator,
    reportingUnits: aggregate.reportingUnits,
    meetingUnits: aggregate.meetingUnits,
    expectedUnits: aggregate.expectedUnits,
  };
}

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

/** Worst first, for a plan's overall status. */
const SEVERITY: TProgressStatus[] = ['off_track', 'at_risk', 'on_track', 'met', 'no_data'];

/**
 * Who sees what: units inside the caller's organisation; above it, only the way down to it. The
 * units asked about are already known to be inside or above (checked with `AccessService`).
 */
interface Visibility {
  /** The unit lies above the caller's unit: shown as a step on the path, without figures. */
  above: (unitId: number) => boolean;
}

/**
 * Dashboards over the live roll-ups: a plan's targets against their milestones with a projection,
 * its units ranked, trends over periods, reporting completeness and timeliness, drill-down from
 * the plan's unit to one grassroots union. Reads only; every figure comes from `rollup_values`
 * (subtrees) or a unit's own approved value.
 */
export class DashboardService {
  constructor(
    private readonly database: Database,
    private readonly rollups: RollupRepository,
    private readonly reporting: ReportingRepository,
    private readonly plans: PlanRepository,
    private readonly org: OrgRepository,
    private readonly access: AccessService,
    private readonly reportingService: ReportingService,
  ) {}

  private async visibility(actor: Actor): Promise<Visibility> {
    const home = actor.homeUnitId;
    if (home === null || home < 0) return { above: () => false };
    const ancestors = new Set((await this.org.ancestors(home, this.access.today())).map((a) => a.id));
    return { above: (unitId) => ancestors.has(unitId) };
  }

  /** Direct units of `unitId` the caller may see, given whether `unitId` itself is inside. */
  private shownChildren(
    children: UnitAsOfRow[],
    parentInside: boolean,
    visibility: Visibility,
    home: number | null,
  ) {
    if (parentInside) return children.map((c) => ({ unit: c, figures: true }));
    return children
      .filter((c) => c.id === home || visibility.above(c.id))
      .map((c) => ({ unit: c, figures: c.id === home }));
  }

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

  /** Each unit's figures for the indicators: stored roll-ups, or own values for units without units below. */
  async figures(
    period: PeriodRow,
    units: { id: number; has_children: boolean; type: string; parent_id: number | null }[],
    indicators: IndicatorRow[],
  ): Promise<Map<number, TFigure[]>> {
    const ids = indicators.map((i) => i.id);
    const inner = units.filter((u) => u.has_children).map((u) => u.id);
    const leaves = units.filter((u) => !u.has_children);
    const [stored, own, scopeRow] = await Promise.all([
      this.rollups.rowsOf({ periodIds: [period.id], indicatorIds: ids, unitIds: inner, category: TOTAL }),
      this.rollups.ownValues(
        period.id,
        leaves.map((u) => u.id),
        ids,
      ),
      leaves.length > 0 ? this.rollups.periodScope(period.id) : Promise.resolve(undefined),
    ]);
    const rowOf = new Map(stored.map((r) => [`${r.unit_id}/${r.indicator_id}`, r]));
    const ownOf = new Map<string, OwnValueRow[]>();
    for (const v of own) {
      const key = `${v.unit_id}/${v.indicator_id}`;
      ownOf.set(key, [...(ownOf.get(key) ?? []), v]);
    }
    const scope = scopeRow ? scopeOf(scopeRow) : null;
    const result = new Map<number, TFigure[]>();
    for (const unit of units) {
      const expected =
        scope !== null && isExpected({ id: unit.id, type: unit.type, parentId: unit.parent_id }, scope);
      result.set(
        unit.id,
        indicators.map((indicator) =>
          unit.has_children
            ? storedFigure(indicator, rowOf.get(`${unit.id}/${indicator.id}`))
            : ownFigure(indicator, ownOf.get(`${unit.id}/${indicator.id}`) ?? [], expected),
        ),
      );
    }
    return result;
  }

  /** Each unit's figures from `unitsWithFigures` rows (one statement for units and figures). */
  private figuresFromRows(
    units: UnitWithFiguresRow[],
    indicators: IndicatorRow[],
    scope: ReportingScope | null,
  ): Map<number, TFigure[]> {
    const result = new Map<number, TFigure[]>();
    for (const unit of units) {
      if (unit.has_children) {
        const rowOf = new Map((unit.rolled ?? []).map((r) => [r.indicator_id, r]));
        result.set(
          unit.id,
          indicators.map((indicator) => storedFigure(indicator, rowOf.get(indicator.id))),
        );
      } else {
        const expected =
          scope !== null && isExpected({ id: unit.id, type: unit.type, parentId: unit.parent_id }, scope);
        const ownOf = new Map<number, OwnValueRow[]>();
        for (const v of unit.own ?? []) ownOf.set(v.indicator_id, [...(ownOf.get(v.indicator_id) ?? []), v]);
        result.set(
          unit.id,
          indicators.map((indicator) => ownFigure(indicator, ownOf.get(indicator.id) ?? [], expected)),
        );
      }
    }
    return result;
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
    const today = this.access.today();
    // The plan, its periods, targets and unit name: two statements, read while access is checked.
    const [plan, context] = await Promise.all([
      this.requirePlan(actor, planId),
      this.rollups.planContext(planId, today),
    ]);
    const visibility = await this.visibility(actor);
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
    const startOf = new Map(periods.map((p) => [p.id, p.startsOn]));
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
    const [series, direct] = await Promise.all([
      this.rollups.rowsOf({
        periodIds: periods.map((p) => p.id),
        indicatorIds: indicatorRows.map((i) => i.id),
        unitIds: [plan.unitId],
        category: TOTAL,
      }),
      period
        ? this.rollups.unitsWithFigures(period.id, period.endsOn, {
            childrenOf: plan.unitId,
            unitIds: [],
            indicatorIds: indicatorRows.map((i) => i.id),
          })
        : Promise.resolve([]),
    ]);
    const shown = this.shownChildren(direct, planInside, visibility, actor.homeUnitId).filter(
      (s) => s.figures,
    );
    const unitFigures = this.figuresFromRows(
      shown.map((s) => s.unit as UnitWithFiguresRow),
      indicatorRows,
      period
        ? { planUnitId: plan.unitId, unitTypes: unitTypesOf.get(period.id) ?? [], date: period.endsOn }
        : null,
    );
    const seriesOf = new Map(series.map((r) => [`${r.period_id}/${r.indicator_id}`, r]));

    const targets: TTargetProgress[] = children.targets.map((target) => {
      const milestones = target.milestones as TMilestone[];
      const indicator = indicatorById.get(boundTo.get(target.id) ?? -1) ?? null;
      const points = indicator
        ? periods.map((p) => {
            const figure = storedFigure(indicator, seriesOf.get(`${p.id}/${indicator.id}`));
            return {
              periodId: p.id,
              periodKey: p.key,
              periodLabel: p.label,
              periodEnd: p.endsOn,
              value: figure.value,
              reportingUnits: figure.reportingUnits,
              expectedUnits: figure.expectedUnits,
            };
          })
        : [];
      const assessment = assessTarget(
        milestones,
        points.flatMap((p) =>
          p.value === null
            ? []
            : [{ periodEnd: p.periodEnd, periodStart: startOf.get(p.periodId), value: p.value }],
        ),
        today,
        indicator ? { valueIsPercent: valueIsPercent(rulesOf(indicator)) } : {},
      );
      const high = assessment.nextMilestone ? aimsHigh(assessment.nextMilestone.op) : true;
      const ranked = indicator
        ? shown.map(({ unit }) => {
            const figure = (unitFigures.get(unit.id) as TFigure[] | undefined)?.find(
              (f) => f.indicatorId === indicator.id,
            );
            return {
              unitId: unit.id,
              unitName: unit.name,
              unitType: unit.type as TUnitType,
              value: figure?.value ?? null,
              reportingUnits: figure?.reportingUnits ?? 0,
              expectedUnits: figure?.expectedUnits ?? null,
              rank: null as number | null,
            };
          })
        : [];
      ranked.sort((a, b) =>
        a.value === null
          ? b.value === null
            ? 0
            : 1
          : b.value === null
            ? -1
            : high
              ? b.value - a.value
              : a.value - b.value,
      );
      ranked.forEach((r, k) => {
        r.rank = r.value === null ? null : k + 1;
      });
      return {
        targetId: target.id,
        text: target.text,
        milestones,
        indicator: indicator ? indicatorRef(indicator) : null,
        status: assessment.status,
        colour: STATUS_COLOURS[assessment.status],
        nextMilestone: assessment.nextMilestone,
        dueYear: assessment.dueYear,
        current: assessment.current,
        currentPeriodEnd: assessment.currentPeriodEnd,
        currentProvisional: assessment.currentProvisional,
        projection: assessment.projection,
        trendPerYear: assessment.trendPerYear,
        basis: assessment.basis,
        verdict: assessment.verdict,
        gap: assessment.gap,
        series: points,
        units: ranked,
      };
    });
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
          ? await this.completenessFor(actor, period, plan.unitId, visibility)
          : null,
    };
  }

  // ----- completeness and timeliness --------------------------------------------------------

  /** Completeness and timeliness of a unit's subtree for one period: per direct unit, per level, late units. */
  async completeness(actor: Actor, periodId: number, unitId?: number): Promise<TCompletenessView> {
    const period = await this.reporting.period(periodId);
    if (!period) throw notFound('period');
    const scopeRow = (await this.rollups.periodScope(periodId))!;
    await this.reportingService.assertCanSeePlanUnit(actor, scopeRow.plan_unit_id);
    const visibility = await this.visibility(actor);
    const root = unitId ?? scopeRow.plan_unit_id;
    if (!visibility.above(root)) await this.access.assertUnitAccess(actor, root);
    return this.completenessFor(actor, period, root, visibility);
  }

  private async completenessFor(
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
      await this.rollups.setWorkMem('32MB');
      return this.rollups.completeness(period.id, rootId, {
        ...scope,
        rootDepth,
        periodDue: scopeRow.due_on,
        leadDays: scopeRow.lead_days,
        today,
      });
    });
    const [children, [root]] = await Promise.all([
      this.rollups.children(rootId, period.endsOn),
      this.rollups.units([rootId], period.endsOn),
    ]);
    const rootInside = !visibility.above(rootId);
    const shown = this.shownChildren(children, rootInside, visibility, actor.homeUnitId).filter(
      (s) => s.figures,
    );
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

  // ----- a unit's plans ------------------------------------------------------------------------

  /** Every plan of a unit (its own and those received from above) with its targets' status. */
  async unitDashboard(actor: Actor, unitId: number): Promise<TUnitDashboard> {
    await this.access.assertUnitAccess(actor, unitId);
    const today = this.access.today();
    const [unit] = await this.rollups.units([unitId], today);
    const ancestors = await this.org.ancestors(unitId, today);
    const plans = await this.plans.listForUnits([unitId, ...ancestors.map((a) => a.id)]);
    const result = [];
    for (const p of plans) {
      const dashboard = await this.planDashboard(actor, p.id, undefined, { completeness: false });
      const counts = Object.fromEntries(SEVERITY.map((s) => [s, 0])) as Record<TProgressStatus, number>;
      for (const t of dashboard.targets) counts[t.status] += 1;
      const status = SEVERITY.find((s) => counts[s] > 0 && s !== 'no_data') ?? 'no_data';
      result.push({
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
        })),
      });
    }
    return {
      unit: { unitId, unitName: unit?.name ?? '', unitType: (unit?.type ?? 'grassroots') as TUnitType },
      asOf: today,
      plans: result,
    };
  }

  // ----- drill-down -----------------------------------------------------------------------------

  /** A unit's direct units with their figures, and the path from the plan's unit down to it. */
  async drilldown(actor: Actor, periodId: number, unitId: number, indicatorId?: number): Promise<TDrilldown> {
    const [period, scopeRow, formRows] = await Promise.all([
      this.reporting.period(periodId),
      this.rollups.periodScope(periodId),
      this.rollups.formIndicatorsOfPeriod(periodId),
    ]);
    if (!period || !scopeRow) throw notFound('period');
    await this.reportingService.assertCanSeePlanUnit(actor, scopeRow.plan_unit_id);
    const date = period.endsOn;
    const indicatorRows = (
      indicatorId === undefined ? formRows : formRows.filter((i) => i.id === indicatorId)
    ) as IndicatorRow[];
    // The path from the plan's unit, the unit's direct units and their figures: one statement,
    // read alongside the caller's visibility (nothing is returned before the checks below).
    const [visibility, found] = await Promise.all([
      this.visibility(actor),
      this.rollups.unitsWithFigures(periodId, date, {
        childrenOf: unitId,
        unitIds: [],
        indicatorIds: indicatorRows.map((i) => i.id),
        pathTo: { unitId, planUnitId: scopeRow.plan_unit_id },
      }),
    ]);
    // Above the caller's unit: a step on the way down, without figures; otherwise it must be inside.
    if (!visibility.above(unitId)) await this.access.assertUnitAccess(actor, unitId);
    const inside = !visibility.above(unitId);
    const pathUnits = found
      .filter((u) => u.path_level !== null)
      .sort((a, b) => b.path_level! - a.path_level!);
    if (pathUnits[0]?.id !== scopeRow.plan_unit_id) {
      throw new AppError(
        400,
        'validation',
        { field: 'unitId', detail: 'đơn vị không thuộc kế hoạch trong kỳ này' },
        'unitId',
      );
    }
    if (indicatorId !== undefined && !formRows.some((i) => i.id === indicatorId)) {
      throw new AppError(
        400,
        'validation',
        { field: 'indicatorId', detail: 'chỉ tiêu đo không có trong biểu mẫu của kỳ này' },
        'indicatorId',
      );
    }
    const pathIds = pathUnits.map((u) => u.id);
    const children = found.filter((u) => u.is_child);
    const self = pathUnits.find((u) => u.id === unitId)!;
    const shown = this.shownChildren(children, inside, visibility, actor.homeUnitId);
    const figures = this.figuresFromRows(
      [
        ...(inside || unitId === scopeRow.plan_unit_id ? [self] : []),
        ...shown.filter((s) => s.figures).map((s) => s.unit as UnitWithFiguresRow),
      ],
      indicatorRows,
      scopeOf(scopeRow),
    );
    const unitFigures = (u: UnitAsOfRow, withFigures: boolean): TUnitFigures => ({
      unitId: u.id,
      unitName: u.name,
      unitType: u.type as TUnitType,
      hasUnits: u.has_children,
      figures: withFigures ? (figures.get(u.id) ?? []) : [],
    });
    const byId = new Map(pathUnits.map((u) => [u.id, u]));
    return {
      period: toPeriod(period),
      indicators: indicatorRows.map(indicatorRef),
      path: pathIds.map((id) => ({
        unitId: id,
        unitName: byId.get(id)?.name ?? '',
        unitType: (byId.get(id)?.type ?? 'national') as TUnitType,
      })),
      unit: unitFigures(self, figures.has(self.id)),
      children: shown.map((s) => unitFigures(s.unit, s.figures)),
    };
  }

  // ----- export -------------------------------------------------------------------------------

  /** One table of a plan's dashboard as XLSX: targets, the units' values, or completeness. */
  async exportXlsx(
    actor: Actor,
    planId: number,
    periodId: number | undefined,
    table: 'targets' | 'units' | 'completeness',
  ): Promise<{ data: Buffer; fileName: string }> {
    const d = await this.planDashboard(actor, planId, periodId);
    const workbook = new ExcelJS.Workbook();
    workbook.creator = 'Tiến Độ';
    const period = d.period?.label ?? '';
    const sheet = workbook.addWorksheet(
      table === 'targets' ? 'Chỉ tiêu' : table === 'units' ? 'Đơn vị' : 'Tiến độ báo cáo',
    );
    sheet.addRow([`${d.plan.title} — ${period}`]).font = { bold: true };
    const STATUS_VI: Record<TProgressStatus, string> = {
      met: 'Đã đạt',
      on_track: 'Đúng tiến độ',
      at_risk: 'Có nguy cơ',
      off_track: 'Chậm tiến độ',
      no_data: 'Chưa có số liệu',
    };
    if (table === 'targets') {
      sheet.addRow(['Mục tiêu', 'Chỉ số', 'Giá trị hiện tại', 'Dự báo', 'Trạng thái', 'Cơ sở dự báo']).font =
        {
          bold: true,
        };
      for (const t of d.targets) {
        sheet.addRow([
          t.text,
          t.indicator?.name ?? '',
          t.current,
          t.projection?.value ?? null,
          STATUS_VI[t.status],
          t.basis,
        ]);
      }
    } else if (table === 'units') {
      const measured = d.targets.filter((t) => t.indicator);
      sheet.addRow(['Đơn vị', ...measured.map((t) => t.indicator!.name)]).font = { bold: true };
      const units = measured[0]?.units ?? [];
      for (const unit of [...units].sort((a, b) => a.unitName.localeCompare(b.unitName, 'vi'))) {
        sheet.addRow([
          unit.unitName,
          ...measured.map((t) => t.units.find((u) => u.unitId === unit.unitId)?.value ?? null),
        ]);
      }
    } else {
      sheet.addRow([
        'Đơn vị',
        'Phải báo cáo',
        'Đã gửi',
        'Đúng hạn',
        'Đã duyệt',
        'Chậm',
        'Tỷ lệ đầy đủ (%)',
      ]).font = {
        bold: true,
      };
      const c = d.completeness;
      const row = (name: string, x: TCompleteness) =>
        sheet.addRow([name, x.expected, x.submitted, x.onTime, x.approved, x.late, x.completeness]);
      if (c) {
        row(d.plan.unitName, c.total);
        for (const u of c.units) row(u.unitName, u.completeness);
      }
    }
    sheet.getColumn(1).width = 50;
    return {
      data: Buffer.from(await workbook.xlsx.writeBuffer()),
      fileName: `bang-dieu-khien-${planId}-${table}.xlsx`,
    };
  }
}
