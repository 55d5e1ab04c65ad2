-- ReportLifecycleRepository.saveReport (after the checks in code)
-- Generated from server/repositories/sql/report-statements.ts; statements.test.ts keeps it equal.
WITH upd AS (
     UPDATE reports r SET narrative = $3::jsonb, version = r.version + 1, updated_at = now()
       FROM reports o
      WHERE r.id = $1 AND r.version = $2 AND o.id = r.id
     RETURNING r.*, o.narrative AS previous_narrative
   ),
   old AS (
     DELETE FROM report_values v USING upd WHERE v.report_id = upd.id
     RETURNING v.report_id, v.indicator_id, v.category, v.numerator, v.denominator, v.comment
   ),
   new AS (
     INSERT INTO report_values (report_id, indicator_id, category, numerator, denominator, comment)
     SELECT upd.id, x.indicator_id, x.category, x.numerator, x.denominator, x.comment
       FROM upd, jsonb_to_recordset($4::jsonb)
            AS x(indicator_id int, category text, numerator float8, denominator float8, comment text)
      WHERE (SELECT count(*) FROM old) >= 0
     RETURNING indicator_id, category, numerator, denominator, comment
   ),
   aud AS (
     INSERT INTO audit_log (user_id, ip, action, object_type, object_id, before, after)
          SELECT ($5)::int, ($6)::text, ($7)::text,
                 ($8)::text, ($9)::text, (jsonb_build_object(
                  'values', coalesce((SELECT jsonb_agg(jsonb_build_object('reportId', v.report_id,
                               'indicatorId', v.indicator_id, 'category', v.category, 'numerator', v.numerator,
                               'denominator', v.denominator, 'comment', v.comment)
                               ORDER BY v.indicator_id, v.category) FROM old v), '[]'::jsonb),
                  'narrative', upd.previous_narrative))::jsonb,
                 ($10)::jsonb
            FROM upd
   )
  SELECT upd.id, upd.period_id AS "periodId", upd.unit_id AS "unitId",
  upd.form_version_id AS "formVersionId", upd.status, upd.due_on AS "dueOn", upd.narrative,
  upd.submitted_at AS "submittedAt", upd.submitted_by AS "submittedBy", upd.late,
  upd.reviewed_at AS "reviewedAt", upd.reviewed_by AS "reviewedBy", upd.return_reason AS "returnReason",
  upd.is_demo AS "isDemo", upd.version, upd.created_at AS "createdAt", upd.updated_at AS "updatedAt",
         (SELECT json_agg(json_build_object('indicatorId', v.indicator_id, 'category', v.category,
  'numerator', v.numerator, 'denominator', v.denominator, 'comment', v.comment) ORDER BY v.indicator_id, v.category) FROM new v) AS "savedValues"
    FROM upd
