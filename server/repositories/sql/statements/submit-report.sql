-- ReportLifecycleRepository.submitReport (after the checks in code)
-- Generated from server/repositories/sql/report-statements.ts; statements.test.ts keeps it equal.
WITH upd AS (
         UPDATE reports SET status = 'submitted', submitted_at = $3::timestamptz, submitted_by = $4, late = $5,
                return_reason = NULL, version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $2
         RETURNING reports.id, reports.period_id AS "periodId", reports.unit_id AS "unitId",
  reports.form_version_id AS "formVersionId", reports.status, reports.due_on AS "dueOn", reports.narrative,
  reports.submitted_at AS "submittedAt", reports.submitted_by AS "submittedBy", reports.late,
  reports.reviewed_at AS "reviewedAt", reports.reviewed_by AS "reviewedBy", reports.return_reason AS "returnReason",
  reports.is_demo AS "isDemo", reports.version, reports.created_at AS "createdAt", reports.updated_at AS "updatedAt"
       ),
       aud AS (
         INSERT INTO audit_log (user_id, ip, action, object_type, object_id, before, after)
          SELECT ($6)::int, ($7)::text, ($8)::text,
                 ($9)::text, ($10)::text, ($11)::jsonb,
                 ($12)::jsonb
            FROM upd
       ),
       notice AS (
         INSERT INTO notifications (user_id, kind, title, body, link)
     SELECT nu.id, 'sent_up', 'Báo cáo tổng hợp gửi lên: ' || ns.name || ' — ' || np.label, 'Đơn vị cấp dưới đã gửi báo cáo tổng hợp ' || ns.name || ' — ' || np.label || '. Mở báo cáo để xem và duyệt hoặc trả lại.',
            '/bao-cao/' || src.id
       FROM upd src
       JOIN report_periods np ON np.id = src."periodId"
       JOIN report_schedules ns ON ns.id = np.schedule_id
       JOIN plans npl ON npl.id = ns.plan_id
       JOIN users nu ON nu.active AND nu.home_unit_id = npl.unit_id AND nu.role = 'manager' AND npl.unit_id <> src."unitId"
         AND EXISTS (SELECT 1 FROM report_periods np2
                       JOIN report_schedules ns2 ON ns2.id = np2.schedule_id
                       JOIN plans npl2 ON npl2.id = ns2.plan_id
                      WHERE npl2.unit_id = src."unitId" AND np2.key = np.key)
       )
       SELECT * FROM upd
