-- RollupRepository.applyReport: adds (sign 1) or takes away (-1) one report’s values to the roll-up rows
-- of its unit and every ancestor in the period’s tree snapshot. One prepared statement per call.
-- $1 period id, $2 unit id, $3 report id, $4 sign. The approval’s own statement
-- (sql/report-approve.ts) embeds the same CTEs (sql/rollup-apply.ts).
WITH locked AS (
            SELECT p.id FROM report_periods p
              JOIN rollup_periods rp ON rp.period_id = p.id AND rp.built_at IS NOT NULL
             WHERE p.id = $1 FOR SHARE OF p
          ),
          me AS (
            SELECT ru.* FROM rollup_units ru JOIN locked ON locked.id = ru.period_id
             WHERE ru.period_id = $1 AND ru.unit_id = $2 LIMIT 1
          ),
          targets AS (
            SELECT t.id FROM me CROSS JOIN LATERAL unnest(
              me.ancestors || CASE WHEN me.has_children THEN ARRAY[me.unit_id] ELSE '{}'::int[] END) AS t(id)
          ),
          own AS (
            SELECT v.indicator_id, v.category, CASE WHEN i.aggregation = 'count_units_meeting'
                    THEN CASE WHEN (SELECT me.expected FROM me) AND v.numerator >= i.threshold THEN 1 ELSE 0 END
                    ELSE v.numerator END AS num,
               CASE WHEN i.aggregation = 'count_units_meeting' THEN 0
                    WHEN i.kind = 'ratio' THEN v.denominator ELSE 1 END AS den,
               CASE WHEN i.aggregation = 'count_units_meeting' AND (SELECT me.expected FROM me) AND v.numerator >= i.threshold
                    THEN 1 ELSE 0 END AS meet,
               i.aggregation = 'count_units_meeting' AS den_is_expected
              FROM report_values v JOIN indicators i ON i.id = v.indicator_id
             WHERE v.report_id = $3 AND v.numerator IS NOT NULL AND (i.kind <> 'ratio' OR v.denominator IS NOT NULL)
               AND (v.category = 'total' OR i.disaggregation <> 'none')
          ),
          written AS (
            INSERT INTO rollup_values AS r (period_id, indicator_id, unit_id, category, numerator, denominator,
                                            reporting_units, meeting_units, expected_units, updated_at)
            SELECT ($1)::int, o.indicator_id, ru.unit_id, o.category, ($4)::int * o.num::float8,
                   CASE WHEN o.den_is_expected THEN ru.expected_units::float8 ELSE ($4)::int * o.den::float8 END,
                   ($4)::int, ($4)::int * o.meet, ru.expected_units, now()
              FROM targets t
              JOIN rollup_units ru ON ru.period_id = $1 AND ru.unit_id = t.id
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
          )
          SELECT EXISTS (SELECT 1 FROM locked) AS built,
                 EXISTS (SELECT 1 FROM me) AS in_tree, (SELECT count(*) FROM written)::int AS n
