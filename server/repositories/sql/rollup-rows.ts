/** Row shapes of `rollup_values`, of units as of a day and of approved values, as the roll-up statements return them. */

/** One stored roll-up row. */
export interface RollupRow {
  period_id: number;
  indicator_id: number;
  unit_id: number;
  category: string;
  numerator: number;
  denominator: number;
  reporting_units: number;
  meeting_units: number;
  expected_units: number;
}

export interface UnitAsOfRow {
  id: number;
  name: string;
  type: string;
  parent_id: number | null;
  has_children: boolean;
}

export interface OwnValueRow {
  unit_id: number;
  indicator_id: number;
  category: string;
  numerator: number | null;
  denominator: number | null;
}
