import { reportColumns, VALUE_JSON } from './report-columns.ts';
import { unitAccessColumns, unitAccessCtes } from './unit-access.ts';

/**
 * A report with its whole view context and the access row of a home unit to the report's unit, in
 * one statement. `head` is the statement's first CTEs, ending with `r`, the report row (its columns
 * as stored); `home` and `today` are its parameters.
 *
 * The view context: period, schedule and plan; the form version with its indicators; the report's
 * values and those of the unit's previous report in the schedule; the unit's name at the period's
 * end; attachments. `options.accessInHead`: `head` already holds `unitAccessCtes` (a write gated
 * on the access rule). `options.values`: where the report's values come from when the statement
 * writes them (a CTE with `report_values`' columns), as the statement's snapshot does not show its
 * own writes.
 *
 * `prev`, the unit's previous report in the schedule, walks back from the period and probes
 * `reports` once per period until it finds one, usually at once: the fenced subquery (OFFSET 0)
 * hands the periods over in order. Joining the unit's reports to all earlier periods instead grew
 * with every period reported (~0.3 ms a read after a few dozen).
 */
export const reportContextSql = (
  head: string,
  home: string,
  today: string,
  options: { accessInHead?: boolean; values?: string } = {},
) => `WITH RECURSIVE ${head},
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
  )${
    options.accessInHead
      ? ''
      : `,
  ${unitAccessCtes('SELECT unit_id FROM r', today)}`
  }
  SELECT ${reportColumns('r')},
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
         (SELECT json_agg(${VALUE_JSON} ORDER BY v.indicator_id, v.category)
            FROM ${options.values ? `${options.values} v` : 'report_values v WHERE v.report_id = r.id'}) AS "values",
         (SELECT json_agg(${VALUE_JSON} ORDER BY v.indicator_id, v.category)
            FROM report_values v JOIN prev ON v.report_id = prev.id) AS previous_values,
         (SELECT n.name FROM org_unit_names n, per
           WHERE n.unit_id = r.unit_id AND n.valid_from <= per.ends_on
             AND (n.valid_to IS NULL OR n.valid_to >= per.ends_on) LIMIT 1) AS unit_name,
         (SELECT json_agg(json_build_object('id', a.id, 'fileName', a.file_name, 'contentType', a.content_type,
            'size', a.size) ORDER BY a.id)
            FROM report_attachments a WHERE a.report_id = r.id) AS attachments,
         ${unitAccessColumns(home)}
    FROM r`;
