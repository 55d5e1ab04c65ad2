-- ReportLifecycleRepository.saveReportWithContext (the usual save)
-- Generated from server/repositories/sql/report-statements.ts; statements.test.ts keeps it equal.
WITH RECURSIVE acc_unit AS (
            SELECT u.id, u.valid_to,
                   CASE WHEN u.valid_to < $12::date THEN u.valid_to ELSE $12::date END AS day
              FROM org_units u WHERE u.id = (SELECT unit_id FROM reports WHERE id = $1)
          ),
          acc_up AS (
            SELECT p.parent_id AS id, 1 AS lvl FROM acc_unit a
              JOIN org_unit_parents p ON p.unit_id = a.id
             WHERE p.valid_from <= a.day AND (p.valid_to IS NULL OR p.valid_to >= a.day)
            UNION ALL
            SELECT p.parent_id, up.lvl + 1 FROM acc_up up
              JOIN org_unit_parents p ON p.unit_id = up.id
             CROSS JOIN acc_unit a
             WHERE p.valid_from <= a.day AND (p.valid_to IS NULL OR p.valid_to >= a.day) AND up.lvl < 50
          ),
   fvk AS (
     SELECT v.indicators, v.sections FROM report_form_versions v
      WHERE v.id = (SELECT form_version_id FROM reports WHERE id = $1)
   ),
   upd AS (
     UPDATE reports r SET narrative = $3::jsonb, version = r.version + 1, updated_at = now()
       FROM reports o
      WHERE r.id = $1 AND r.version = $2 AND o.id = r.id AND r.status IN ('draft', 'returned') AND ($11::int IS NULL OR (SELECT id FROM acc_unit) = $11::int
           OR EXISTS (SELECT 1 FROM acc_up WHERE acc_up.id = $11::int))
     AND NOT EXISTS (SELECT 1 FROM jsonb_object_keys($3::jsonb) k
                      WHERE k NOT IN (SELECT s->>'key' FROM fvk, jsonb_array_elements(fvk.sections) s))
     AND NOT EXISTS (SELECT 1 FROM jsonb_to_recordset($4::jsonb) AS x(indicator_id int)
                      WHERE x.indicator_id NOT IN (SELECT (e->>'indicatorId')::int
                                                     FROM fvk, jsonb_array_elements(fvk.indicators) e))
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
   ),
   r AS (SELECT * FROM upd),
  per AS (
    SELECT p.*, s.name AS schedule_name, pl.id AS plan_id, pl.title AS plan_title
      FROM report_periods p JOIN report_schedules s ON s.id = p.schedule_id JOIN plans pl ON pl.id = s.plan_id
     WHERE p.id = (SELECT period_id FROM r)
  ),
  fv AS (
    SELECT v.id, v.number, v.indicators, v.sections, v.allow_attachments, f.id AS form_id, f.name,
           f.plan_id, f.version
      FROM report_form_versions v JOIN report_forms f ON f.id = v.form_id
     WHERE v.id = (SELECT form_version_id FROM r)
  ),
  prev AS (
    SELECT pr.id
      FROM (SELECT p.id, p.starts_on FROM report_periods p, per
             WHERE p.schedule_id = per.schedule_id AND p.starts_on < per.starts_on
             ORDER BY p.starts_on DESC OFFSET 0) ps
      JOIN LATERAL (SELECT pr.id FROM reports pr
                     WHERE pr.period_id = ps.id AND pr.unit_id = (SELECT unit_id FROM r)) pr ON true
     ORDER BY ps.starts_on DESC LIMIT 1
  )
  SELECT r.id, r.period_id AS "periodId", r.unit_id AS "unitId",
  r.form_version_id AS "formVersionId", r.status, r.due_on AS "dueOn", r.narrative,
  r.submitted_at AS "submittedAt", r.submitted_by AS "submittedBy", r.late,
  r.reviewed_at AS "reviewedAt", r.reviewed_by AS "reviewedBy", r.return_reason AS "returnReason",
  r.is_demo AS "isDemo", r.version, r.created_at AS "createdAt", r.updated_at AS "updatedAt",
         (SELECT json_build_object('id', id, 'scheduleId', schedule_id, 'key', key, 'label', label,
            'startsOn', starts_on, 'endsOn', ends_on, 'cutoffFrom', cutoff_from, 'cutoffTo', cutoff_to,
            'dueOn', due_on, 'scheduleName', schedule_name, 'planId', plan_id, 'planTitle', plan_title)
            FROM per) AS period,
         (SELECT json_build_object('versionId', id, 'versionNumber', number, 'entries', indicators,
            'sections', sections, 'allowAttachments', allow_attachments, 'formId', form_id, 'name', name,
            'planId', plan_id, 'version', version) FROM fv) AS form,
         (SELECT json_agg(json_build_object('id', i.id, 'code', i.code, 'name', i.name, 'kind', i.kind,
            'unit', i.unit, 'numeratorLabel', i.numerator_label, 'denominatorLabel', i.denominator_label,
            'disaggregation', i.disaggregation, 'aggregation', i.aggregation, 'threshold', i.threshold,
            'version', i.version))
            FROM indicators i WHERE i.id IN (
              SELECT (e->>'indicatorId')::int FROM fv CROSS JOIN LATERAL jsonb_array_elements(fv.indicators) e)
         ) AS indicators,
         (SELECT json_agg(json_build_object('indicatorId', v.indicator_id, 'category', v.category,
  'numerator', v.numerator, 'denominator', v.denominator, 'comment', v.comment) ORDER BY v.indicator_id, v.category)
            FROM new v) AS "values",
         (SELECT json_agg(json_build_object('indicatorId', v.indicator_id, 'category', v.category,
  'numerator', v.numerator, 'denominator', v.denominator, 'comment', v.comment) ORDER BY v.indicator_id, v.category)
            FROM report_values v JOIN prev ON v.report_id = prev.id) AS previous_values,
         (SELECT n.name FROM org_unit_names n, per
           WHERE n.unit_id = r.unit_id AND n.valid_from <= per.ends_on
             AND (n.valid_to IS NULL OR n.valid_to >= per.ends_on) LIMIT 1) AS unit_name,
         (SELECT json_agg(json_build_object('id', a.id, 'fileName', a.file_name, 'contentType', a.content_type,
            'size', a.size) ORDER BY a.id)
            FROM report_attachments a WHERE a.report_id = r.id) AS attachments,
         (SELECT valid_to FROM acc_unit) AS "unitValidTo",
          EXISTS (SELECT 1 FROM acc_unit) AS "unitExists",
          coalesce((SELECT id FROM acc_unit) = $11::int
                   OR EXISTS (SELECT 1 FROM acc_up WHERE acc_up.id = $11::int), false) AS "inSubtree"
    FROM r
