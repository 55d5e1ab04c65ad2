/**
 * The SQL rules of one approved value's contribution (the domain's `sum` and
 * `count_units_meeting`, see `domain/rollup/roll-up.ts`), over a value `v`, its indicator `i` and
 * whether its unit is expected (`expected`): numerator, denominator, meeting units, and whether
 * the row's denominator is the expected units. Shared by the rebuild and the approval's upsert,
 * so both apply the same rules; `rollup.db.test.ts` checks them against the domain.
 */
export function contribution(expected: string) {
  return `CASE WHEN i.aggregation = 'count_units_meeting'
                    THEN CASE WHEN ${expected} AND v.numerator >= i.threshold THEN 1 ELSE 0 END
                    ELSE v.numerator END AS num,
               CASE WHEN i.aggregation = 'count_units_meeting' THEN 0
                    WHEN i.kind = 'ratio' THEN v.denominator ELSE 1 END AS den,
               CASE WHEN i.aggregation = 'count_units_meeting' AND ${expected} AND v.numerator >= i.threshold
                    THEN 1 ELSE 0 END AS meet,
               i.aggregation = 'count_units_meeting' AS den_is_expected`;
}

/**
 * The values that roll up: given, and the total or a part of an indicator that is broken down.
 * Which category keys a breakdown has is checked when a report is saved and submitted
 * (`domain/reporting/breakdowns.ts`); an indicator's breakdown never changes once created.
 */
export const COUNTABLE = `v.numerator IS NOT NULL AND (i.kind <> 'ratio' OR v.denominator IS NOT NULL)
               AND (v.category = 'total' OR i.disaggregation <> 'none')`;

/**
 * The CTE `locked`: the period (an SQL expression such as `$1`) with a share lock, only when it
 * is built — otherwise the caller rebuilds it under an update lock, and two first approvals each
 * holding a share lock would deadlock upgrading.
 */
export function rollupLockedCte(period: string): string {
  return `locked AS (
            SELECT p.id FROM report_periods p
              JOIN rollup_periods rp ON rp.period_id = p.id AND rp.built_at IS NOT NULL
             WHERE p.id = ${period} FOR SHARE OF p
          )`;
}

/**
 * The CTEs `me`, `targets`, `own` and `written` that add (`sign` 1) or take away (−1) one
 * report's values to the roll-up rows of its unit (when it has units below) and of every ancestor
 * in the period's tree snapshot, after `rollupLockedCte`. Arguments are SQL of the statement
 * (parameters); with `gate`, a CTE name, nothing is written unless that CTE has a row (a
 * statement that approves a report and rolls it up together).
 */
export function rollupApplyCtes(p: {
  period: string;
  unit: string;
  report: string;
  sign: string;
  gate?: string;
}): string {
  const gated = p.gate ? ` AND EXISTS (SELECT 1 FROM ${p.gate})` : '';
  return `me AS (
            SELECT ru.* FROM rollup_units ru JOIN locked ON locked.id = ru.period_id
             WHERE ru.period_id = ${p.period} AND ru.unit_id = ${p.unit}${gated} LIMIT 1
          ),
          targets AS (
            SELECT t.id FROM me CROSS JOIN LATERAL unnest(
              me.ancestors || CASE WHEN me.has_children THEN ARRAY[me.unit_id] ELSE '{}'::int[] END) AS t(id)
          ),
          own AS (
            SELECT v.indicator_id, v.category, ${contribution('(SELECT me.expected FROM me)')}
              FROM report_values v JOIN indicators i ON i.id = v.indicator_id
             WHERE v.report_id = ${p.report} AND ${COUNTABLE}
          ),
          written AS (
            INSERT INTO rollup_values AS r (period_id, indicator_id, unit_id, category, numerator, denominator,
                                            reporting_units, meeting_units, expected_units, updated_at)
            SELECT (${p.period})::int, o.indicator_id, ru.unit_id, o.category, (${p.sign})::int * o.num::float8,
                   CASE WHEN o.den_is_expected THEN ru.expected_units::float8 ELSE (${p.sign})::int * o.den::float8 END,
                   (${p.sign})::int, (${p.sign})::int * o.meet, ru.expected_units, now()
              FROM targets t
              JOIN rollup_units ru ON ru.period_id = ${p.period} AND ru.unit_id = t.id
             CROSS JOIN own o
             ORDER BY o.indicator_id, ru.unit_id, o.category
            ON CONFLICT (period_id, indicator_id, unit_id, category) DO UPDATE SET
                   numerator = r.numerator + EXCLUDED.numerator,
                   -- a count_units_meeting denominator is the subtree's expected units
                   denominator = CASE WHEN (SELECT i.aggregation FROM indicators i WHERE i.id = EXCLUDED.indicator_id)
                                           = 'count_units_meeting'
                                      THEN EXCLUDED.denominator ELSE r.denominator + EXCLUDED.denominator END,
                   reporting_units = r.reporting_units + EXCLUDED.reporting_units,
                   meeting_units = r.meeting_units + EXCLUDED.meeting_units,
                   expected_units = EXCLUDED.expected_units,
                   updated_at = now()
            RETURNING 1
          )`;
}
