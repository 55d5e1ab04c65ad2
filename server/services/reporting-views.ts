import type { TCategory, TIndicator, TPeriod } from '../../contracts/reporting.ts';
import { toIsoTimestamp } from '../../domain/dates.ts';
import { indicatorUnit } from '../../domain/indicators/indicator-rules.ts';
import type { PeriodRow, ValueRow, ViewContextRow } from '../repositories/reporting.repository.ts';

/** The columns of an indicator a form shows (a whole row, or as a report's view context holds it). */
export type IndicatorFields = NonNullable<ViewContextRow['indicators']>[number];

// Reporting rows as the contracts show them.

/** An indicator as the contracts show it: a ratio in % (the one rule), retired or not. */
export function toIndicator(row: IndicatorFields & { retiredAt?: string | null }): TIndicator {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind as TIndicator['kind'],
    unit: indicatorUnit(row.kind, row.unit),
    numeratorLabel: row.numeratorLabel,
    denominatorLabel: row.denominatorLabel,
    disaggregation: row.disaggregation as TIndicator['disaggregation'],
    aggregation: row.aggregation as TIndicator['aggregation'],
    threshold: row.threshold,
    version: row.version,
    retiredAt: row.retiredAt ? toIsoTimestamp(row.retiredAt) : null,
  };
}

/** A stored value as a report shows it. */
export const toValue = (v: Omit<ValueRow, 'reportId'>) => ({
  indicatorId: v.indicatorId,
  category: v.category as TCategory,
  numerator: v.numerator,
  denominator: v.denominator,
  comment: v.comment,
});

export function toPeriod(p: PeriodRow): TPeriod {
  return {
    id: p.id,
    scheduleId: p.scheduleId,
    key: p.key,
    label: p.label,
    startsOn: p.startsOn,
    endsOn: p.endsOn,
    cutoffFrom: p.cutoffFrom,
    cutoffTo: p.cutoffTo,
    dueOn: p.dueOn,
  };
}
