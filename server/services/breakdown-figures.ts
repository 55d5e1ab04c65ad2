import type { TBreakdown, TBreakdownCell } from '../../contracts/breakdowns.ts';
import {
  type BreakdownCounters,
  categoryKeysOf,
  categoryLabel,
  disaggregationLabel,
  marginalsOf,
} from '../../domain/reporting/breakdowns.ts';
import { cellValue, rollUpFromScratch } from '../../domain/rollup/roll-up.ts';
import type { OwnValueRow, RollupRow } from '../repositories/dashboard.repository.ts';
import type { IndicatorRow } from '../repositories/reporting.repository.ts';
import { rulesOf } from './dashboard-figures.ts';
import { entryOf, indicatorOf } from './rollup.service.ts';

/**
 * A figure's parts as the dashboards, the consolidated report and its files show them: from the
 * stored roll-up rows of a unit with units below, or the own approved values of a unit without.
 */

const EMPTY: BreakdownCounters = { numerator: 0, denominator: 0, reportingUnits: 0, meetingUnits: 0 };

function breakdownFrom(
  indicator: IndicatorRow,
  counters: ReadonlyMap<string, BreakdownCounters>,
): TBreakdown | null {
  const keys = categoryKeysOf(indicator.disaggregation);
  if (keys.length === 0) return null;
  const rules = rulesOf(indicator);
  const cell = (category: string, c: BreakdownCounters): TBreakdownCell => ({
    category,
    label: categoryLabel(category),
    value: cellValue(rules, c),
    numerator: c.numerator,
    denominator: c.denominator,
    reportingUnits: c.reportingUnits,
  });
  const cells = keys.map((k) => cell(k, counters.get(k) ?? EMPTY));
  const marginals =
    indicator.aggregation === 'sum'
      ? [
          ...marginalsOf(indicator.disaggregation, new Map(keys.map((k) => [k, counters.get(k) ?? EMPTY]))),
        ].map(([option, c]) => cell(option, c))
      : [];
  return {
    disaggregation: indicator.disaggregation,
    label: disaggregationLabel(indicator.disaggregation),
    cells,
    marginals,
  };
}

/** The parts of a subtree's figure from its stored roll-up rows (any categories; `total` is skipped). */
export function storedBreakdown(indicator: IndicatorRow, rows: readonly RollupRow[]): TBreakdown | null {
  const counters = new Map<string, BreakdownCounters>();
  for (const row of rows) {
    if (row.indicator_id !== indicator.id) continue;
    counters.set(row.category, {
      numerator: row.numerator,
      denominator: row.denominator,
      reportingUnits: row.reporting_units,
      meetingUnits: row.meeting_units,
    });
  }
  return breakdownFrom(indicator, counters);
}

/** The parts of a unit's own approved value (a unit without units below). */
export function ownBreakdown(
  indicator: IndicatorRow,
  values: readonly OwnValueRow[],
  expected: boolean,
): TBreakdown | null {
  if (categoryKeysOf(indicator.disaggregation).length === 0) return null;
  const rules = indicatorOf(indicator);
  const own = values.filter((v) => v.indicator_id === indicator.id);
  const entry = entryOf(rules, own);
  const unitId = own[0]?.unit_id ?? 0;
  const [aggregate] = rollUpFromScratch(
    [{ id: unitId, parentId: null }],
    entry ? new Map([[unitId, entry]]) : new Map(),
    rules,
    expected ? new Set([unitId]) : new Set(),
  ).values();
  const counters = new Map<string, BreakdownCounters>(Object.entries(aggregate?.categories ?? {}));
  return breakdownFrom(indicator, counters);
}
