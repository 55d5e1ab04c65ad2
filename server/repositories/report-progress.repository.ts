import { sql } from 'drizzle-orm';
import { type Database, rows } from '../db/client.ts';
import { expectedSql, type ReportingScope } from './sql/expected-to-report.ts';
import { SENT_STATES_SQL } from './sql/report-states.ts';
import { validOn } from './sql/valid-on.ts';
import { setLocalWorkMem } from './sql/work-mem.ts';

export interface CompletenessCountRow {
  branch: number | null;
  type: string | null;
  /** 1 when the row is a per-type (or overall) count. */
  by_type: number;
  /** 1 when the row is a per-branch (or overall) count. */
  by_branch: number;
  expected: number;
  submitted: number;
  on_time: number;
  approved: number;
  late: number;
}

export interface LateUnitRow {
  id: number;
  name: string;
  type: string;
  parent_name: string | null;
  status: string;
  due_on: string;
  days_late: number;
}

/** The states counted as sent (the report state machine's `SENT_STATES`). */
const SENT = sql.raw(SENT_STATES_SQL);

/**
 * Who has reported in a unit's subtree for a period: completeness and timeliness counts, the late
 * units, the units without an approved report and the reports a consolidated report gathers.
 */
export class ReportProgressRepository {
  constructor(private readonly database: Database) {}

  private db() {
    return this.database.db();
  }

  /**
   * Completeness and timeliness of the expected units in `rootId`'s subtree for one period, in
   * one query: counts per direct unit of the root (`branch`; the root itself is its own branch),
   * per unit type and in all, and the late units (first 100, earliest due first). A unit's due
   * date is its report's, else the period's `leadDays` earlier per level below the plan's unit
   * (`ReportScheduleService.dueFor`).
   */
  async completeness(
    periodId: number,
    rootId: number,
    scope: ReportingScope & { rootDepth: number; periodDue: string; leadDays: number; today: string },
  ): Promise<{ counts: CompletenessCountRow[]; late: LateUnitRow[]; lateCount: number }> {
    const [row] = await rows<{
      counts: CompletenessCountRow[] | null;
      late: LateUnitRow[] | null;
      late_count: number;
    }>(
      this.db(),
      sql`WITH RECURSIVE tree AS (
            SELECT ${rootId}::int AS id,
                   (SELECT p.parent_id FROM org_unit_parents p WHERE p.unit_id = ${rootId} AND ${validOn('p', scope.date)} LIMIT 1) AS parent_id,
                   0 AS depth, ${rootId}::int AS branch
            UNION ALL
            SELECT c.unit_id, c.parent_id, t.depth + 1, CASE WHEN t.depth = 0 THEN c.unit_id ELSE t.branch END
              FROM tree t JOIN org_unit_parents c ON c.parent_id = t.id AND ${validOn('c', scope.date)}
             WHERE t.depth < 50
          ),
          st AS (
            SELECT t.id, t.parent_id, t.branch, u.type, coalesce(r.status, 'not_started') AS status,
                   coalesce(r.due_on, ${scope.periodDue}::date - ${scope.leadDays}::int * greatest(0, ${scope.rootDepth}::int + t.depth - 1)) AS due,
                   CASE WHEN r.id IS NULL
                        THEN ${scope.today}::date > ${scope.periodDue}::date - ${scope.leadDays}::int * greatest(0, ${scope.rootDepth}::int + t.depth - 1)
                        ELSE r.late OR (r.status NOT IN (${SENT}) AND ${scope.today}::date > r.due_on) END AS late
              FROM tree t
              JOIN org_units u ON u.id = t.id
              LEFT JOIN reports r ON r.period_id = ${periodId} AND r.unit_id = t.id
             WHERE ${expectedSql(scope)}
          ),
          counts AS (
            SELECT branch, type, grouping(branch) AS by_type, grouping(type) AS by_branch,
                   count(*)::int AS expected,
                   count(*) FILTER (WHERE status IN (${SENT}))::int AS submitted,
                   count(*) FILTER (WHERE status IN (${SENT}) AND NOT late)::int AS on_time,
                   count(*) FILTER (WHERE status = 'approved')::int AS approved,
                   count(*) FILTER (WHERE late)::int AS late
              FROM st GROUP BY GROUPING SETS ((branch), (type), ())
          ),
          late AS (
            SELECT st.id, st.parent_id, st.type, st.status, st.due::text AS due_on,
                   (${scope.today}::date - st.due)::int AS days_late
              FROM st WHERE st.late ORDER BY st.due, st.id LIMIT 100
          )
          SELECT (SELECT json_agg(counts) FROM counts) AS counts,
                 (SELECT json_agg(json_build_object(
                     'id', l.id, 'type', l.type, 'status', l.status, 'due_on', l.due_on, 'days_late', l.days_late,
                     'name', (SELECT coalesce(n.name, u.code) FROM org_units u LEFT JOIN org_unit_names n
                               ON n.unit_id = u.id AND ${validOn('n', scope.date)} WHERE u.id = l.id LIMIT 1),
                     'parent_name', (SELECT n.name FROM org_unit_names n WHERE n.unit_id = l.parent_id AND ${validOn('n', scope.date)} LIMIT 1))
                   ORDER BY l.due_on, l.id) FROM late l) AS late,
                 (SELECT count(*) FROM st WHERE late)::int AS late_count`,
    );
    return { counts: row?.counts ?? [], late: row?.late ?? [], lateCount: row?.late_count ?? 0 };
  }

  /**
   * Reports of a period from the units of `rootId`'s subtree (the root excluded), nearest units
   * first, with their narratives: the sources of a consolidated report. At most `limit`.
   */
  async subtreeReports(periodId: number, rootId: number, date: string, statuses: string[], limit: number) {
    return rows<{
      unit_id: number;
      name: string;
      type: string;
      depth: number;
      status: string;
      narrative: Record<string, string>;
    }>(
      this.db(),
      sql`WITH RECURSIVE tree AS (
            SELECT ${rootId}::int AS id, 0 AS depth
            UNION ALL
            SELECT c.unit_id, t.depth + 1 FROM tree t
              JOIN org_unit_parents c ON c.parent_id = t.id AND ${validOn('c', date)}
             WHERE t.depth < 50
          )
          SELECT t.id AS unit_id, coalesce(n.name, u.code) AS name, u.type, t.depth, r.status, r.narrative
            FROM tree t
            JOIN reports r ON r.period_id = ${periodId} AND r.unit_id = t.id
            JOIN org_units u ON u.id = t.id
            LEFT JOIN org_unit_names n ON n.unit_id = t.id AND ${validOn('n', date)}
           WHERE t.depth > 0 AND r.status = ANY(${sql.param(statuses)}::text[])
           ORDER BY t.depth, n.name, t.id
           LIMIT ${limit}`,
    );
  }

  /** Expected units of `rootId`'s subtree without an approved report for the period (at most `limit`). */
  async notApproved(periodId: number, rootId: number, scope: ReportingScope, limit: number) {
    return rows<{ id: number; name: string; type: string; status: string }>(
      this.db(),
      sql`WITH RECURSIVE tree AS (
            SELECT ${rootId}::int AS id,
                   (SELECT p.parent_id FROM org_unit_parents p WHERE p.unit_id = ${rootId} AND ${validOn('p', scope.date)} LIMIT 1) AS parent_id,
                   0 AS depth
            UNION ALL
            SELECT c.unit_id, c.parent_id, t.depth + 1 FROM tree t
              JOIN org_unit_parents c ON c.parent_id = t.id AND ${validOn('c', scope.date)}
             WHERE t.depth < 50
          )
          SELECT t.id, coalesce(n.name, u.code) AS name, u.type, coalesce(r.status, 'not_started') AS status
            FROM tree t
            JOIN org_units u ON u.id = t.id
            LEFT JOIN org_unit_names n ON n.unit_id = t.id AND ${validOn('n', scope.date)}
            LEFT JOIN reports r ON r.period_id = ${periodId} AND r.unit_id = t.id
           WHERE ${expectedSql(scope)} AND r.status IS DISTINCT FROM 'approved'
           ORDER BY t.depth, n.name, t.id
           LIMIT ${limit}`,
    );
  }

  /** Memory for the sorts and hashes of the current transaction (completeness over a large subtree). */
  async setWorkMem(size: '64MB' | '32MB') {
    await this.db().execute(setLocalWorkMem(size));
  }
}
