import { TREE_DEPTH_LIMIT } from '../../../domain/access/unit-access.ts';
import { auditInsertFrom } from './audit-insert.ts';
import { approveCtes } from './report-approve.ts';
import { reportColumns, VALUE_JSON } from './report-columns.ts';
import { reportContextSql } from './report-context.ts';
import { OPENING_CTES, PLAN_UNIT_PLACED } from './report-opening.ts';
import { saveCtes } from './report-save.ts';
import { statusAfter, statusAllows } from './report-states.ts';
import { unitAccessColumns, unitAccessCtes, unitAccessGate } from './unit-access.ts';
import { noticeInsertFrom } from './work-notice-insert.ts';

// The statements of a report's life (`ReportLifecycleRepository`), each one round trip, built
// from the named pieces beside this file. The hot ones are committed as the SQL the database
// receives in `statements/*.sql` (`statements.test.ts` keeps them equal).

/** `reportContext`: $1 report, $2 home unit, $3 today. */
export const REPORT_CONTEXT_SQL = reportContextSql('r AS (SELECT * FROM reports WHERE id = $1)', '$2', '$3');

/**
 * `createReportWithContext`: the report created ($1 period, $2 unit, $3 form version, $4 due date,
 * $5 demo) with its audit row ($6–$11), and its view context as `reportContext` gives it ($12 home
 * unit, $13 today) — no row when the report already existed.
 */
export const CREATE_REPORT_WITH_CONTEXT_SQL = reportContextSql(
  `ins AS (
     INSERT INTO reports (period_id, unit_id, form_version_id, due_on, is_demo)
     VALUES ($1, $2, $3, $4::date, $5) ON CONFLICT (period_id, unit_id) DO NOTHING RETURNING *
   ),
   aud AS (
     ${auditInsertFrom('ins', { userId: '$6', ip: '$7', action: '$8', objectType: '$9', objectId: 'ins.id', before: '$10', after: '$11' })}
   ),
   r AS (SELECT * FROM ins)`,
  '$12',
  '$13',
);

/** `saveReport`: the save's CTEs and the row saved with the values now stored. */
export const SAVE_REPORT_SQL = `WITH ${saveCtes()}
  SELECT ${reportColumns('upd')},
         (SELECT json_agg(${VALUE_JSON} ORDER BY v.indicator_id, v.category) FROM new v) AS "savedValues"
    FROM upd`;

/** The access rule's CTEs for the unit of report $1, as of `today`. */
const reportUnitAccessCtes = (today: string) =>
  unitAccessCtes('SELECT unit_id FROM reports WHERE id = $1', today);

/**
 * `saveReportWithContext`: a save (`saveCtes`) gated on everything the service checks before one —
 * the report is a draft or returned, $11 (the caller's home unit) holds its unit as of $12 (today),
 * the narrative has only the form's sections and the values only its indicators — and the row
 * saved with its view context. No row when any of it fails: nothing is written.
 */
export const SAVE_REPORT_WITH_CONTEXT_SQL = reportContextSql(
  `${reportUnitAccessCtes('$12')},
   fvk AS (
     SELECT v.indicators, v.sections FROM report_form_versions v
      WHERE v.id = (SELECT form_version_id FROM reports WHERE id = $1)
   ),
   ${saveCtes(` AND ${statusAllows('r.status', 'save')} AND ${unitAccessGate('$11')}
     AND NOT EXISTS (SELECT 1 FROM jsonb_object_keys($3::jsonb) k
                      WHERE k NOT IN (SELECT s->>'key' FROM fvk, jsonb_array_elements(fvk.sections) s))
     AND NOT EXISTS (SELECT 1 FROM jsonb_to_recordset($4::jsonb) AS x(indicator_id int)
                      WHERE x.indicator_id NOT IN (SELECT (e->>'indicatorId')::int
                                                     FROM fvk, jsonb_array_elements(fvk.indicators) e))`)},
   r AS (SELECT * FROM upd)`,
  '$11',
  '$12',
  { accessInHead: true, values: 'new' },
);

/**
 * `submitReportWithContext`: the report $1 submitted under its version $2 ($3 when, $4 by whom; late
 * when $11, today, is past its due date) with its audit row ($5–$9, "before" and "after" the
 * states), only while it is a draft or returned and $10 (the caller's home unit) holds its unit;
 * and the row with its view context. No row when any of it fails: nothing is written.
 */
export const SUBMIT_REPORT_WITH_CONTEXT_SQL = reportContextSql(
  `${reportUnitAccessCtes('$11')},
   upd AS (
     UPDATE reports r SET status = ${statusAfter('submit')}, submitted_at = $3::timestamptz, submitted_by = $4,
            late = $11::date > r.due_on, return_reason = NULL, version = r.version + 1, updated_at = now()
       FROM reports o
      WHERE r.id = $1 AND r.version = $2 AND o.id = r.id AND ${statusAllows('r.status', 'submit')}
        AND ${unitAccessGate('$10')}
     RETURNING r.*, o.status AS previous_status
   ),
   aud AS (
     ${auditInsertFrom('upd', {
       userId: '$5',
       ip: '$6',
       action: '$7',
       objectType: '$8',
       objectId: '$9',
       before: `jsonb_build_object('status', upd.previous_status)`,
       after: `jsonb_build_object('status', ${statusAfter('submit')}, 'late', upd.late)`,
     })}
   ),
   notice AS (
     ${noticeInsertFrom('upd', 'sent_up', { id: 'id', periodId: 'period_id', unitId: 'unit_id' })}
   ),
   r AS (SELECT * FROM upd)`,
  '$10',
  '$11',
  { accessInHead: true },
);

/** `approveReport`: the approval's CTEs and the row approved. */
export const APPROVE_REPORT_SQL = `WITH ${approveCtes()} SELECT ${reportColumns('upd')} FROM upd`;

/**
 * `approveReportWithContext`: an approval (`approveCtes`) gated on everything the service checks
 * before one — the report is submitted, of period $3 and unit $4, and $14 (the reviewer's home
 * unit) is above that unit as of $15 (today) — and the row approved with its view context.
 */
export const APPROVE_REPORT_WITH_CONTEXT_SQL = reportContextSql(
  `${reportUnitAccessCtes('$15')},
   ${approveCtes(` AND ${statusAllows('r.status', 'approve')} AND r.period_id = $3 AND r.unit_id = $4
     AND ${unitAccessGate('$14')} AND r.unit_id IS DISTINCT FROM $14::int`)},
   r AS (SELECT * FROM upd)`,
  '$14',
  '$15',
  { accessInHead: true },
);

/**
 * `openReport`: the report of unit $2 for period $1, created when there is none and $5 (the caller
 * may create it) with its audit row ($6–$11), gated on what the service checks before either —
 * the unit is in the period's scope (below the plan's unit at the period's end, of a type the
 * schedule expects or, with no types, directly below it; the test of `openContext`) and $3 (the
 * caller's home unit) holds it as of $4 (today) — and the row with its view context. The due date
 * is `unitDueDate`'s (domain/reporting/periods.ts): the period's, earlier by the lead days for each level past the
 * first. No row when a check fails or another caller created the report meanwhile: nothing written.
 */
export const OPEN_REPORT_SQL = reportContextSql(
  `${OPENING_CTES},
   ${unitAccessCtes('$2::int', '$4')},
   placed AS (
     SELECT opening.*, (SELECT min(lvl) FROM up WHERE up.id = opening.plan_unit_id) AS depth,
            (SELECT type FROM org_units WHERE id = $2) AS unit_type
       FROM opening
      WHERE ${PLAN_UNIT_PLACED}
   ),
   allowed AS (
     SELECT * FROM placed
      WHERE depth IS NOT NULL
        AND CASE WHEN jsonb_array_length(unit_types) = 0 THEN depth = 1
                 ELSE unit_types @> jsonb_build_array(unit_type) END
        AND ${unitAccessGate('$3')}
   ),
   ins AS (
     INSERT INTO reports (period_id, unit_id, form_version_id, due_on, is_demo)
     SELECT $1, $2, current_version_id, due_on - lead_days * greatest(0, depth - 1), is_demo
       FROM allowed WHERE $5::boolean AND current_version_id IS NOT NULL
     ON CONFLICT (period_id, unit_id) DO NOTHING RETURNING *
   ),
   aud AS (
     ${auditInsertFrom('ins', { userId: '$6', ip: '$7', action: '$8', objectType: '$9', objectId: 'ins.id', before: '$10', after: '$11' })}
   ),
   r AS (
     SELECT * FROM ins
     UNION ALL
     SELECT e.* FROM reports e WHERE e.period_id = $1 AND e.unit_id = $2 AND EXISTS (SELECT 1 FROM allowed)
   )`,
  '$3',
  '$4',
  { accessInHead: true },
);

/**
 * `openContext`: period $1 with its schedule, plan and form; where unit $2 stands below the plan's
 * unit at the period's end (`OPENING_CTES`); its existing report; and the access row of $3 (the
 * caller's home unit) to the unit as of $4 (today).
 */
export const OPEN_CONTEXT_SQL = `WITH RECURSIVE ${OPENING_CTES},
       ${unitAccessCtes('$2::int', '$4')}
       SELECT opening.due_on AS "dueOn", opening.lead_days AS "leadDays", opening.unit_types AS "unitTypes",
              opening.is_demo AS "isDemo", opening.current_version_id AS "currentVersionId",
              (SELECT min(lvl) FROM up WHERE up.id = opening.plan_unit_id) AS depth,
              ${PLAN_UNIT_PLACED} AS "planUnitPlaced",
              (SELECT type FROM org_units WHERE id = $2) AS "unitType",
              (SELECT id FROM reports WHERE period_id = $1 AND unit_id = $2) AS "reportId",
              ${unitAccessColumns('$3')}
         FROM opening`;

/**
 * `submitReport`: report $1 submitted under its version $2 ($3 when, $4 by whom, $5 late), with
 * its audit row ($6–$12); no row when the version is stale. The caller has checked the state.
 */
export const SUBMIT_REPORT_SQL = `WITH upd AS (
         UPDATE reports SET status = ${statusAfter('submit')}, submitted_at = $3::timestamptz, submitted_by = $4, late = $5,
                return_reason = NULL, version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $2
         RETURNING ${reportColumns('reports')}
       ),
       aud AS (
         ${auditInsertFrom('upd', { userId: '$6', ip: '$7', action: '$8', objectType: '$9', objectId: '$10', before: '$11', after: '$12' })}
       ),
       notice AS (
         ${noticeInsertFrom('upd', 'sent_up', { id: 'id', periodId: '"periodId"', unitId: '"unitId"' })}
       )
       SELECT * FROM upd`;

/** `reviewReport`: report $1 under its version $2 set to state $3 ($4 reason, $5 when, $6 by whom). */
export const REVIEW_REPORT_SQL = `UPDATE reports SET status = $3, return_reason = $4, reviewed_at = $5::timestamptz, reviewed_by = $6,
              version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $2
       RETURNING ${reportColumns('reports')}`;

/**
 * `submittedBelow`: a page ($3 rows from $4) of the reports awaiting review of the units below $1
 * as of $2, oldest sent first, with how many wait in all.
 */
export const SUBMITTED_BELOW_SQL = `WITH RECURSIVE tree AS (
         SELECT p.unit_id AS id, 0 AS depth FROM org_unit_parents p
          WHERE p.unit_id = $1 AND p.valid_from <= $2::date AND (p.valid_to IS NULL OR p.valid_to >= $2::date)
         UNION ALL
         SELECT c.unit_id, t.depth + 1 FROM tree t
           JOIN org_unit_parents c ON c.parent_id = t.id
            AND c.valid_from <= $2::date AND (c.valid_to IS NULL OR c.valid_to >= $2::date)
          WHERE t.depth < ${TREE_DEPTH_LIMIT} AND c.unit_id <> $1
       ),
       waiting AS (
         SELECT r.id, r.unit_id, r.period_id, r.due_on, r.submitted_at, r.late, r.version,
                count(*) OVER () AS total
           FROM tree t JOIN reports r ON r.unit_id = t.id AND ${statusAllows('r.status', 'approve')}
          WHERE t.id <> $1
          ORDER BY r.submitted_at NULLS FIRST, r.id
          LIMIT $3 OFFSET $4
       )
       SELECT w.id AS "reportId", w.unit_id AS "unitId",
              coalesce((SELECT n.name FROM org_unit_names n
                         WHERE n.unit_id = w.unit_id AND n.valid_from <= $2::date
                           AND (n.valid_to IS NULL OR n.valid_to >= $2::date) LIMIT 1), u.code) AS "unitName",
              p.label AS "periodLabel", s.name AS "scheduleName", w.due_on AS "dueOn",
              w.submitted_at AS "submittedAt", w.late, w.version, w.total::int AS total
         FROM waiting w
         JOIN org_units u ON u.id = w.unit_id
         JOIN report_periods p ON p.id = w.period_id
         JOIN report_schedules s ON s.id = p.schedule_id
        ORDER BY w.submitted_at NULLS FIRST, w.id`;
