import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { type Database, rows } from '../db/client.ts';
import { calendarTokens, notifications, reminderJobs } from '../db/schema.ts';

export type ReminderJobRow = typeof reminderJobs.$inferSelect;

/** In-app notifications, reminder jobs (claimed with SKIP LOCKED) and calendar tokens. */
export class NotificationRepository {
  constructor(private readonly database: Database) {}

  private db() {
    return this.database.db();
  }

  async insert(values: typeof notifications.$inferInsert) {
    await this.db().insert(notifications).values(values);
  }

  async listFor(userId: number, limit: number) {
    return this.db()
      .select()
      .from(notifications)
      .where(eq(notifications.userId, userId))
      .orderBy(desc(notifications.id))
      .limit(limit);
  }

  async unreadCount(userId: number): Promise<number> {
    const [row] = await rows<{ n: number }>(
      this.db(),
      sql`SELECT count(*)::int AS n FROM notifications WHERE user_id = ${userId} AND read_at IS NULL`,
    );
    return row?.n ?? 0;
  }

  async markRead(id: number, userId: number): Promise<boolean> {
    const updated = await this.db()
      .update(notifications)
      .set({ readAt: sql`now()` })
      .where(and(eq(notifications.id, id), eq(notifications.userId, userId), isNull(notifications.readAt)))
      .returning({ id: notifications.id });
    return updated.length === 1;
  }

  /** Adds a job unless one with the same key exists (each reminder exists once). */
  async enqueue(values: typeof reminderJobs.$inferInsert): Promise<boolean> {
    const inserted = await this.db()
      .insert(reminderJobs)
      .values(values)
      .onConflictDoNothing()
      .returning({ id: reminderJobs.id });
    return inserted.length === 1;
  }

  /**
   * Claims due jobs for one instance. SKIP LOCKED lets several instances claim at once without
   * ever taking the same row; a claim older than the lease is taken over (its instance died).
   */
  async claim(now: string, instance: string, limit: number, leaseSeconds = 600): Promise<ReminderJobRow[]> {
    const claimed = await rows<{ id: number }>(
      this.db(),
      sql`UPDATE reminder_jobs SET claimed_at = ${now}::timestamptz, claimed_by = ${instance}, attempts = attempts + 1
           WHERE id IN (
             SELECT id FROM reminder_jobs
              WHERE done_at IS NULL AND run_at <= ${now}::timestamptz AND attempts < 5
                AND (claimed_at IS NULL OR claimed_at < ${now}::timestamptz - make_interval(secs => ${leaseSeconds}))
              ORDER BY run_at, id
              LIMIT ${limit}
              FOR UPDATE SKIP LOCKED)
          RETURNING id`,
    );
    if (claimed.length === 0) return [];
    return this.db()
      .select()
      .from(reminderJobs)
      .where(sql`${reminderJobs.id} = ANY(${sql.param(claimed.map((c) => c.id))}::int[])`);
  }

  async finish(id: number, error: string | null) {
    await this.db()
      .update(reminderJobs)
      .set(error === null ? { doneAt: sql`now()`, lastError: null } : { lastError: error, claimedAt: null })
      .where(eq(reminderJobs.id, id));
  }

  async calendarToken(userId: number): Promise<string | undefined> {
    const [row] = await this.db().select().from(calendarTokens).where(eq(calendarTokens.userId, userId));
    return row?.token;
  }

  async insertCalendarToken(userId: number, token: string) {
    await this.db().insert(calendarTokens).values({ userId, token });
  }

  async userOfCalendarToken(token: string): Promise<number | undefined> {
    const [row] = await this.db().select().from(calendarTokens).where(eq(calendarTokens.token, token));
    return row?.userId;
  }
}
