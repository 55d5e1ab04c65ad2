import { type WorkNoticeKind, workNotice } from '../../../domain/reporting/work-notice.ts';

/** A SQL string literal. */
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

const NAME = '\uE000';
const LABEL = '\uE001';

/**
 * The words of `workNotice` (written once, in domain/) as a SQL expression over the schedule's name
 * and the period's label.
 */
function textSql(text: string, name: string, label: string): string {
  const parts = text.split(/([\uE000\uE001])/).filter((p) => p !== '');
  return parts.map((p) => (p === NAME ? name : p === LABEL ? label : literal(p))).join(' || ');
}

/**
 * An INSERT of the notifications of `kind` about the report row(s) of `source` (a CTE), for a
 * hot statement to write them with the change: 'approved' to the active users of the report's
 * unit; 'sent_up' to the active managers of the unit whose plan holds the period, only when the
 * report is a consolidated one (its unit has a period of the same key of its own). The columns
 * of `source` are named by `cols`. Same words and recipients as `WorkNotifications`.
 */
export function noticeInsertFrom(
  source: string,
  kind: Exclude<WorkNoticeKind, 'returned'>,
  cols: { id: string; periodId: string; unitId: string },
): string {
  const { title, body } = workNotice(kind, { scheduleName: NAME, periodLabel: LABEL });
  const [name, label] = ['ns.name', 'np.label'];
  const recipients =
    kind === 'approved'
      ? `nu.home_unit_id = src.${cols.unitId}`
      : `nu.home_unit_id = npl.unit_id AND nu.role = 'manager' AND npl.unit_id <> src.${cols.unitId}
         AND EXISTS (SELECT 1 FROM report_periods np2
                       JOIN report_schedules ns2 ON ns2.id = np2.schedule_id
                       JOIN plans npl2 ON npl2.id = ns2.plan_id
                      WHERE npl2.unit_id = src.${cols.unitId} AND np2.key = np.key)`;
  return `INSERT INTO notifications (user_id, kind, title, body, link)
     SELECT nu.id, ${literal(kind)}, ${textSql(title, name, label)}, ${textSql(body, name, label)},
            '/bao-cao/' || src.${cols.id}
       FROM ${source} src
       JOIN report_periods np ON np.id = src.${cols.periodId}
       JOIN report_schedules ns ON ns.id = np.schedule_id
       JOIN plans npl ON npl.id = ns.plan_id
       JOIN users nu ON nu.active AND ${recipients}`;
}
