-- ReportLifecycleRepository.approveReport (after the checks in code)
-- Generated from server/repositories/sql/report-statements.ts; statements.test.ts keeps it equal.
WITH locked AS (
            SELECT p.id FROM report_periods p
              JOIN rollup_periods rp ON rp.period_id = p.id AND rp.built_at IS NOT NULL
             WHERE p.id = $3::int FOR SHARE OF p
          ),
   upd AS (
     UPDATE reports r SET status = 'approved', return_reason = NULL, reviewed_at = $5::timestamptz,
            reviewed_by = $6, version = r.version + 1, updated_at = now()
      WHERE r.id = $1 AND r.version = $2 AND EXISTS (SELECT 1 FROM locked)
     RETURNING r.*
   ),
   aud AS (
     INSERT INTO audit_log (user_id, ip, action, object_type, object_id, before, after)
          SELECT ($7)::int, ($8)::text, ($9)::text,
                 ($10)::text, ($11)::text, ($12)::jsonb,
                 ($13)::jsonb
            FROM upd
   ),
   notice AS (
     INSERT INTO notifications (user_id, kind, title, body, link)
     SELECT nu.id, 'approved', 'Báo cáo đã được duyệt: ' || ns.name || ' — ' || np.label, 'Cấp trên đã duyệt báo cáo ' || ns.name || ' — ' || np.label || ' của đơn vị.',
            '/bao-cao/' || src.id
       FROM upd src
       JOIN report_periods np ON np.id = src.period_id
       JOIN report_schedules ns ON ns.id = np.schedule_id
       JOIN plans npl ON npl.id = ns.plan_id
       JOIN users nu ON nu.active AND nu.home_unit_id = src.unit_id
   ),
   me AS (
            SELECT ru.* FROM rollup_units ru JOIN locked ON locked.id = ru.period_id
             WHERE ru.period_id = $3::int AND ru.unit_id = $4::int AND EXISTS (SELECT 1 FROM upd) LIMIT 1
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
             WHERE v.report_id = $1::int AND v.numerator IS NOT NULL AND (i.kind <> 'ratio' OR v.denominator IS NOT NULL)
               AND (v.category = 'total' OR i.disaggregation <> 'none')
          ),
          written AS (
            INSERT INTO rollup_values AS r (period_id, indicator_id, unit_id, category, numerator, denominator,
                                            reporting_units, meeting_units, expected_units, updated_at)
            SELECT ($3::int)::int, o.indicator_id, ru.unit_id, o.category, (1)::int * o.num::float8,
                   CASE WHEN o.den_is_expected THEN ru.expected_units::float8 ELSE (1)::int * o.den::float8 END,
                   (1)::int, (1)::int * o.meet, ru.expected_units, now()
              FROM targets t
              JOIN rollup_units ru ON ru.period_id = $3::int AND ru.unit_id = t.id
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
          ) SELECT upd.id, upd.period_id AS "periodId", upd.unit_id AS "unitId",
  upd.form_version_id AS "formVersionId", upd.status, upd.due_on AS "dueOn", upd.narrative,
  upd.submitted_at AS "submittedAt", upd.submitted_by AS "submittedBy", upd.late,
  upd.reviewed_at AS "reviewedAt", upd.reviewed_by AS "reviewedBy", upd.return_reason AS "returnReason",
  upd.is_demo AS "isDemo", upd.version, upd.created_at AS "createdAt", upd.updated_at AS "updatedAt" FROM upd
