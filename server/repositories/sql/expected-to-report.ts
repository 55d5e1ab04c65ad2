import { sql } from 'drizzle-orm';

/** Who is expected to report in a period: the schedule's unit types below the plan's unit. */
export interface ReportingScope {
  /** The plan's unit: the top of the period's tree. */
  planUnitId: number;
  /** The schedule's unit types; empty: the plan unit's direct units. */
  unitTypes: string[];
  /** The organisation is taken as it stood on this day (the period's end). */
  date: string;
}

/**
 * The expected-to-report test of `ReportScheduleService.unitsInScope` as SQL over a tree row `t`
 * (`t.id`, `t.parent_id`) and its unit `u` (`u.type`).
 */
export const expectedSql = (scope: ReportingScope) =>
  sql`(t.id <> ${scope.planUnitId} AND (CASE WHEN cardinality(${sql.param(scope.unitTypes)}::text[]) = 0
        THEN t.parent_id IS NOT DISTINCT FROM ${scope.planUnitId}::int
        ELSE u.type = ANY(${sql.param(scope.unitTypes)}::text[]) END))`;
