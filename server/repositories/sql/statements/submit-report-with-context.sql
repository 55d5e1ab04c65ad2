-- ReportLifecycleRepository.submitReportWithContext (the usual submit)
-- Generated from server/repositories/sql/report-statements.ts; statements.test.ts keeps it equal.
WITH RECURSIVE acc_unit AS (
            SELECT u.id, u.valid_to,
                   CASE WHEN u.valid_to < $11::date THEN u.valid_to ELSE $11::date END AS day
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
   upd AS (
     UPDATE reports r SET status = 'submitted', submitted_at = $3::timestamptz, submitted_by = $4,
            late = $11::date > r.due_on, return_reason = NULL, version = r.version + 1, updated_at = now()
       FROM reports o
      WHERE r.id = $1 AND r.version = $2 AND o.id = r.id AND r.status IN ('draft', 'returned')
        AND ($10::int IS NULL OR (SELECT id FROM acc_unit) = $10::int
           OR EXISTS (SELECT 1 FROM acc_up WHERE acc_up.id = $10::int))
     RETURNING r.*, o.status AS previous_status
   ),
   aud AS (
     INSERT INTO audit_log (user_id, ip, action, object_type, object_id, before, after)
          SELECT ($5)::int, ($6)::text, ($7)::text,
                 ($8)::text, ($9)::text, (jsonb_build_object('status', upd.previous_status))::jsonb,
                 (jsonb_build_object('status', 'submitted', 'late', upd.late))::jsonb
            FROM upd
   ),
   notice AS (
     INSERT INTO notifications (user_id, kind, title, body, link)
     SELECT nu.id, 'sent_up', 'Báo cáo tổng hợp gửi lên: ' || ns.name || ' — ' || np.label, 'Đơn vị cấp dưới đã gửi báo cáo tổng hợp ' || ns.name || ' — ' || np.label || '. Mở báo cáo để xem và duyệt hoặc trả lại.',
            '/bao-cao/' || src.id
       FROM upd src
       JOIN report_periods np ON np.id = src.period_id
       JOIN report_schedules ns ON ns.id = np.schedule_id
       JOIN plans npl ON npl.id = ns.plan_id
       JOIN users nu ON nu.active AND nu.home_unit_id = npl.unit_id AND nu.role = 'manager' AND npl.unit_id <> src.unit_id
         AND EXISTS (SELECT 1 FROM report_periods np2
                       JOIN report_schedules ns2 ON ns2.id = np2.schedule_id
                       JOIN plans npl2 ON npl2.id = ns2.plan_id
                      WHERE npl2.unit_id = src.unit_id AND np2.key = np.key)
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
          coalesce((SELECT id FROM acc_unit) = $10::int
                   OR EXISTS (SELECT 1 FROM acc_up WHERE acc_up.id = $10::int), false) AS "inSubtree"
    FROM r
