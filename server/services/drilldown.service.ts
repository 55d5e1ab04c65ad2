import type { TDrilldown, TUnitFigures } from '../../contracts/dashboard.ts';
import type { TUnitType } from '../../contracts/org.ts';
import type { ReadRouting } from '../db/read-routing.ts';
import { AppError, notFound } from '../errors.ts';
import type {
  DashboardRepository,
  UnitAsOfRow,
  UnitWithFiguresRow,
} from '../repositories/dashboard.repository.ts';
import type { OrgRepository } from '../repositories/org.repository.ts';
import type { IndicatorRow, ReportingRepository } from '../repositories/reporting.repository.ts';
import type { RollupRepository } from '../repositories/rollup.repository.ts';
import type { AccessService } from './access.service.ts';
import type { Actor } from './actor.ts';
import { figuresFromRows, indicatorRef } from './dashboard-figures.ts';
import { shownChildren, visibilityOf } from './dashboard-visibility.ts';
import type { ReportScheduleService } from './report-schedule.service.ts';
import { toPeriod } from './reporting-views.ts';
import { scopeOf } from './rollup.service.ts';

/** Drill-down from a plan's unit to one grassroots union: a unit's direct units with their figures. */
export class DrilldownService {
  constructor(
    private readonly rollups: RollupRepository,
    private readonly dashboards: DashboardRepository,
    private readonly reporting: ReportingRepository,
    private readonly org: OrgRepository,
    private readonly access: AccessService,
    private readonly reportingService: ReportScheduleService,
    /** Read on a replica when one is fresh enough (db/read-routing.ts). */
    private readonly reads: ReadRouting,
  ) {}

  /** A unit's direct units with their figures, and the path from the plan's unit down to it. */
  async drilldown(actor: Actor, periodId: number, unitId: number, indicatorId?: number): Promise<TDrilldown> {
    const { value, freshness } = await this.reads.read(() =>
      this.readDrilldown(actor, periodId, unitId, indicatorId),
    );
    return { ...value, freshness };
  }

  private async readDrilldown(
    actor: Actor,
    periodId: number,
    unitId: number,
    indicatorId: number | undefined,
  ): Promise<Omit<TDrilldown, 'freshness'>> {
    const [period, scopeRow, formRows] = await Promise.all([
      this.reporting.period(periodId),
      this.rollups.periodScope(periodId),
      this.dashboards.formIndicatorsOfPeriod(periodId),
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
      visibilityOf(this.org, this.access.today(), actor),
      this.dashboards.unitsWithFigures(periodId, date, {
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
        { field: 'indicatorId', detail: 'chỉ số không có trong biểu mẫu của kỳ này' },
        'indicatorId',
      );
    }
    const pathIds = pathUnits.map((u) => u.id);
    const children = found.filter((u) => u.is_child);
    const self = pathUnits.find((u) => u.id === unitId)!;
    const shown = shownChildren(children, inside, visibility, actor.homeUnitId);
    const figures = figuresFromRows(
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
}
