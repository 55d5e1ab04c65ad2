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
       )
       SELECT * FROM upd
