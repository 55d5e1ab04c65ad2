import type { TFigure, TIndicatorRef } from '../../contracts/dashboard.ts';
import { indicatorUnit } from '../../domain/indicators/indicator-rules.ts';
import { cellValue, rollUpFromScratch } from '../../domain/rollup/roll-up.ts';
import type { OwnValueRow, RollupRow, UnitWithFiguresRow } from '../repositories/dashboard.repository.ts';
import type { IndicatorRow } from '../repositories/reporting.repository.ts';
import type { ReportingScope } from '../repositories/rollup.repository.ts';
import { entryOf, indicatorOf, isExpected } from './rollup.service.ts';

/**
 * A unit's figures as the dashboards and the consolidated report show them: from its stored
 * roll-up row (a unit with units below) or its own approved values (a unit without).
 */

export function indicatorRef(row: IndicatorRow): TIndicatorRef {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind as TIndicatorRef['kind'],
    aggregation: row.aggregation as TIndicatorRef['aggregation'],
    unit: indicatorUnit(row.kind, row.unit),
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
export function rulesOf(indicator: IndicatorRow): ReturnType<typeof indicatorOf> {
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

/** Each unit's figures from `unitsWithFigures` rows (one statement for units and figures). */
export function figuresFromRows(
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

/**
 * Each unit's figures for the indicators from rows already read: stored roll-ups (total) for units
 * with units below, own approved values for the others (expected to report as `scope` says).
 */
export function unitFigures(
  units: readonly { id: number; has_children: boolean; type: string; parent_id: number | null }[],
  indicators: IndicatorRow[],
  stored: readonly RollupRow[],
  own: readonly OwnValueRow[],
  scope: ReportingScope | null,
): Map<number, TFigure[]> {
  const rowOf = new Map(stored.map((r) => [`${r.unit_id}/${r.indicator_id}`, r]));
  const ownOf = new Map<string, OwnValueRow[]>();
  for (const v of own) {
    const key = `${v.unit_id}/${v.indicator_id}`;
    ownOf.set(key, [...(ownOf.get(key) ?? []), v]);
  }
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
