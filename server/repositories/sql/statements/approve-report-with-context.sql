-- ReportLifecycleRepository.approveReportWithContext (the usual approval)
-- Generated from server/repositories/sql/report-statements.ts; statements.test.ts keeps it equal.
WITH RECURSIVE acc_unit AS (
            SELECT u.id, u.valid_to,
                   CASE WHEN u.valid_to < $15::date THEN u.valid_to ELSE $15::date END AS day
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
   locked AS (
            SELECT p.id FROM report_periods p
              JOIN rollup_periods rp ON rp.period_id = p.id AND rp.built_at IS NOT NULL
             WHERE p.id = $3::int FOR SHARE OF p
          ),
   upd AS (
     UPDATE reports r SET status = 'approved', return_reason = NULL, reviewed_at = $5::timestamptz,
            reviewed_by = $6, version = r.version + 1, updated_at = now()
      WHERE r.id = $1 AND r.version = $2 AND EXISTS (SELECT 1 FROM locked) AND r.status IN ('submitted') AND r.period_id = $3 AND r.unit_id = $4
     AND ($14::int IS NULL OR (SELECT id FROM acc_unit) = $14::int
           OR EXISTS (SELECT 1 FROM acc_up WHERE acc_up.id = $14::int)) AND r.unit_id IS DISTINCT FROM $14::int
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
            FROM report_values v WHERE v.report_id = r.id) AS "values",
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
          coalesce((SELECT id FROM acc_unit) = $14::int
                   OR EXISTS (SELECT 1 FROM acc_up WHERE acc_up.id = $14::int), false) AS "inSubtree"
    FROM r
