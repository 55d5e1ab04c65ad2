import { sql } from 'drizzle-orm';
import { type Database, rows } from '../db/client.ts';

/** What a notification about a report names. */
export interface ReportNoticeSubject {
  reportId: number;
  unitId: number;
  scheduleName: string;
  periodLabel: string;
  periodKey: string;
}

/** Notifications written with the report change they tell of (inside its transaction). */
export class WorkNotificationRepository {
  constructor(private readonly database: Database) {}

  async subject(reportId: number): Promise<ReportNoticeSubject | undefined> {
    const [row] = await rows<ReportNoticeSubject>(
      this.database.db(),
      sql`SELECT r.id AS "reportId", r.unit_id AS "unitId", s.name AS "scheduleName", p.label AS "periodLabel",
                 p.key AS "periodKey"
            FROM reports r
            JOIN report_periods p ON p.id = r.period_id
            JOIN report_schedules s ON s.id = p.schedule_id
           WHERE r.id = ${reportId}`,
    );
    return row;
  }

  /** One notification to each active user whose home unit is `unitId`; how many. */
  async insertForUnit(
    unitId: number,
    values: { kind: string; title: string; body: string; link: string },
  ): Promise<number> {
    const inserted = await rows<{ id: number }>(
      this.database.db(),
      sql`INSERT INTO notifications (user_id, kind, title, body, link)
          SELECT u.id, ${values.kind}, ${values.title}, ${values.body}, ${values.link}
            FROM users u
           WHERE u.home_unit_id = ${unitId} AND u.active
          RETURNING id`,
    );
    return inserted.length;
  }
}
