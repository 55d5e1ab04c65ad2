import { auditInsertFrom } from './audit-insert.ts';

/**
 * The CTEs `upd`, `old`, `new` and `aud` of a save: $1 report, $2 version, $3 narrative, $4 values
 * (JSON), $5–$10 the audit row but its "before", which is the narrative and values replaced, read
 * under the row's lock. `gate`: further conditions on the report row `r`. `upd` returns the row
 * as stored and the narrative it replaced.
 *
 * The old row is joined to read its narrative: when the update happens the version still matched,
 * so no other write came between. The insert waits for the delete (its condition reads `old`), so
 * the primary key sees the replaced rows gone.
 */
export const saveCtes = (gate = '') => `upd AS (
     UPDATE reports r SET narrative = $3::jsonb, version = r.version + 1, updated_at = now()
       FROM reports o
      WHERE r.id = $1 AND r.version = $2 AND o.id = r.id${gate}
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
     ${auditInsertFrom('upd', {
       userId: '$5',
       ip: '$6',
       action: '$7',
       objectType: '$8',
       objectId: '$9',
       before: `jsonb_build_object(
                  'values', coalesce((SELECT jsonb_agg(jsonb_build_object('reportId', v.report_id,
                               'indicatorId', v.indicator_id, 'category', v.category, 'numerator', v.numerator,
                               'denominator', v.denominator, 'comment', v.comment)
                               ORDER BY v.indicator_id, v.category) FROM old v), '[]'::jsonb),
                  'narrative', upd.previous_narrative)`,
       after: '$10',
     })}
   )`;
