import { sql } from 'drizzle-orm';
import { type Database, rows } from '../db/client.ts';

/** What a notification about a report names, and who is told. */
export interface ReportNoticeSubject {
  reportId: number;
  unitId: number;
  scheduleName: string;
  periodLabel: string;
  periodKey: string;
  /** The unit whose plan holds the period: the one that reviews the report. */
  reviewerUnitId: number;
  /** The reporting unit has a period of the same key of its own: its report consolidates its units'. */
  consolidated: boolean;
}

/** Notifications written with the report change they tell of (inside its transaction). */
export class WorkNotificationRepository {
  constructor(private readonly database: Database) {}

  async subject(reportId: number): Promise<ReportNoticeSubject | undefined> {
    const [row] = await rows<ReportNoticeSubject>(
      this.database.db(),
      sql`SELECT r.id AS "reportId", r.unit_id AS "unitId", s.name AS "scheduleName", p.label AS "periodLabel",
                 p.key AS "periodKey", pl.unit_id AS "reviewerUnitId",
                 EXISTS (SELECT 1 FROM report_periods p2
                           JOIN report_schedules s2 ON s2.id = p2.schedule_id
                           JOIN plans pl2 ON pl2.id = s2.plan_id
                          WHERE pl2.unit_id = r.unit_id AND p2.key = p.key) AS consolidated
            FROM reports r
            JOIN report_periods p ON p.id = r.period_id
            JOIN report_schedules s ON s.id = p.schedule_id
            JOIN plans pl ON pl.id = s.plan_id
           WHERE r.id = ${reportId}`,
    );
    return row;
  }

  /** One notification to each active user whose home unit is `unitId` (of `role` when given); how many. */
  async insertForUnit(
    unitId: number,
    role: string | null,
    values: { kind: string; title: string; body: string; link: string },
  ): Promise<number> {
    const inserted = await rows<{ id: number }>(
      this.database.db(),
      sql`INSERT INTO notifications (user_id, kind, title, body, link)
          SELECT u.id, ${values.kind}, ${values.title}, ${values.body}, ${values.link}
            FROM users u
           WHERE u.home_unit_id = ${unitId} AND u.active AND (${role}::text IS NULL OR u.role = ${role}::text)
          RETURNING id`,
    );
    return inserted.length;
  }
}
