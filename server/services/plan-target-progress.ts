import type { TFigure, TTargetProgress } from '../../contracts/dashboard.ts';
import { STATUS_COLOURS } from '../../contracts/dashboard.ts';
import type { TUnitType } from '../../contracts/org.ts';
import type { TMilestone } from '../../contracts/plan-extract.ts';
import { aimsHigh, assessTarget } from '../../domain/progress/assess-progress.ts';
import { valueIsPercent } from '../../domain/rollup/roll-up.ts';
import type { RollupRow, UnitAsOfRow } from '../repositories/dashboard.repository.ts';
import type { IndicatorRow, PeriodRow } from '../repositories/reporting.repository.ts';
import { storedBreakdown } from './breakdown-figures.ts';
import { indicatorRef, rulesOf, storedFigure } from './dashboard-figures.ts';

/** What a plan's dashboard has read, from which each of its targets' progress is made (no I/O). */
export interface PlanFigures {
  periods: PeriodRow[];
  /** The plan unit's stored roll-up rows of every period, by `${periodId}/${indicatorId}`. */
  seriesOf: Map<string, RollupRow>;
  /** The units below shown with figures, and their figures in the chosen period. */
  shown: UnitAsOfRow[];
  unitFigures: Map<number, TFigure[]>;
  /** The plan unit's rows by category in the chosen period; null when there is no period. */
  parts: RollupRow[] | null;
  today: string;
}

/**
 * One target on a plan's dashboard: its bound indicator's series over the plan's periods, the
 * assessment against its milestones with a projection, the shown units ranked, its breakdown.
 */
export function targetProgress(
  target: { id: number; text: string; milestones: unknown },
  indicator: IndicatorRow | null,
  figures: PlanFigures,
): TTargetProgress {
  const milestones = target.milestones as TMilestone[];
  const startOf = new Map(figures.periods.map((p) => [p.id, p.startsOn]));
  const points = indicator
    ? figures.periods.map((p) => {
        const figure = storedFigure(indicator, figures.seriesOf.get(`${p.id}/${indicator.id}`));
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
    figures.today,
    indicator ? { valueIsPercent: valueIsPercent(rulesOf(indicator)) } : {},
  );
  const high = assessment.nextMilestone ? aimsHigh(assessment.nextMilestone.op) : true;
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
    basisPhrases: assessment.basisPhrases,
    verdict: assessment.verdict,
    verdictPhrase: assessment.verdictPhrase,
    gap: assessment.gap,
    series: points,
    units: indicator ? rankedUnits(indicator, figures.shown, figures.unitFigures, high) : [],
    breakdown: indicator && figures.parts ? storedBreakdown(indicator, figures.parts) : null,
  };
}

/** The shown units' values of one indicator, best first (highest when the target aims high), no value last. */
function rankedUnits(
  indicator: IndicatorRow,
  shown: UnitAsOfRow[],
  unitFigures: Map<number, TFigure[]>,
  high: boolean,
): TTargetProgress['units'] {
  const ranked = shown.map((unit) => {
    const figure = unitFigures.get(unit.id)?.find((f) => f.indicatorId === indicator.id);
    return {
      unitId: unit.id,
      unitName: unit.name,
      unitType: unit.type as TUnitType,
      value: figure?.value ?? null,
      reportingUnits: figure?.reportingUnits ?? 0,
      expectedUnits: figure?.expectedUnits ?? null,
      rank: null as number | null,
    };
  });
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
  return ranked;
}
