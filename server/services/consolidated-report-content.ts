import { STATUS_COLOURS, type TConsolidatedReport } from '../../contracts/dashboard.ts';
import type { TMilestone } from '../../contracts/plan-extract.ts';
import type { TFormContent } from '../../contracts/reporting.ts';
import { assessTarget } from '../../domain/progress/assess-progress.ts';
import { compareNames, groupNarratives } from '../../domain/reporting/group-narratives.ts';
import { valueIsPercent } from '../../domain/rollup/roll-up.ts';
import type { RollupRow } from '../repositories/dashboard.repository.ts';
import type { IndicatorRow, PeriodRow } from '../repositories/reporting.repository.ts';
import { indicatorRef, storedFigure } from './dashboard-figures.ts';
import { indicatorOf } from './rollup.service.ts';

/**
 * The consolidated report's parts made from what it has read (no I/O): the narratives gathered
 * by section with each source named, and each of the plan's targets judged for the report's period.
 */

/** At most this many units' texts are gathered into one consolidated report. */
export const MAX_SOURCES = 300;

/** A report of the subtree whose texts may be gathered, nearest levels first. */
export interface NarrativeSource {
  unit_id: number;
  name: string;
  depth: number;
  narrative: Record<string, string>;
}

/**
 * The nearest reporting units' texts of each section (read: up to MAX_SOURCES + 1 sources), the
 * same text of several units written once after their names; says when more of that level wrote.
 */
export function gatherNarratives(
  sections: TFormContent['sections'],
  sources: readonly NarrativeSource[],
): Pick<TConsolidatedReport, 'sections' | 'narrativeUnits'> {
  const nearest = sources.length > 0 ? Math.min(...sources.map((s) => s.depth)) : 0;
  const chosen = sources.slice(0, MAX_SOURCES).filter((s) => s.depth === nearest);
  // one more than gathered, of the same level: the paper says the texts are not all there
  const more = sources.length > MAX_SOURCES && sources[MAX_SOURCES]!.depth === nearest;
  return {
    sections: sections.map((section) => {
      const found = chosen
        .map((s) => ({ unitId: s.unit_id, unitName: s.name, text: (s.narrative[section.key] ?? '').trim() }))
        .filter((s) => s.text.length > 0)
        .sort((a, b) => compareNames(a.unitName, b.unitName));
      return {
        key: section.key,
        title: section.title,
        text: groupNarratives(found)
          .map((g) => `- ${g.unitNames.join(', ')}: ${g.text}`)
          .join('\n'),
        sources: found,
      };
    }),
    narrativeUnits: { gathered: chosen.length, more },
  };
}

/** What a target is judged on: the report's period, the schedule's periods, this period's and earlier figures. */
export interface TargetFigures {
  period: PeriodRow;
  periods: readonly PeriodRow[];
  /** This period's figures, as compiled. */
  values: TConsolidatedReport['values'];
  /** The unit's stored roll-up rows of the earlier periods (none for a unit without units below). */
  series: readonly RollupRow[];
}

/** One plan target against the milestone of the report's own period, never the one after today. */
export function targetResult(
  target: { id: number; text: string; milestones: unknown },
  indicator: IndicatorRow | null,
  figures: TargetFigures,
): TConsolidatedReport['targets'][number] {
  const { period } = figures;
  const points = indicator
    ? figures.periods
        .filter((p) => p.endsOn <= period.endsOn)
        .flatMap((p) => {
          const figure =
            p.id === period.id
              ? (figures.values.find((v) => v.indicator.id === indicator.id)?.total ??
                storedFigure(indicator, undefined))
              : storedFigure(
                  indicator,
                  figures.series.find((r) => r.period_id === p.id && r.indicator_id === indicator.id),
                );
          return figure.value === null ? [] : [{ periodEnd: p.endsOn, value: figure.value }];
        })
    : [];
  const assessment = assessTarget(
    target.milestones as TMilestone[],
    points,
    period.endsOn,
    // the report closes its period: a milestone of a year it ends and not met is missed
    indicator
      ? { valueIsPercent: valueIsPercent(indicatorOf(indicator)), closesPeriod: true }
      : { closesPeriod: true },
  );
  return {
    targetId: target.id,
    text: target.text,
    indicator: indicator ? indicatorRef(indicator) : null,
    milestone: assessment.nextMilestone,
    value: assessment.current,
    status: assessment.status,
    colour: STATUS_COLOURS[assessment.status],
    verdict: assessment.verdict,
    verdictPhrase: assessment.verdictPhrase,
  };
}
