import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { loginThrottle, sessions } from '../db/schema.ts';

export type SessionRow = typeof sessions.$inferSelect;
export type ThrottleRow = typeof loginThrottle.$inferSelect;

/** What a signed-in request needs of its session and user. */
export interface SessionWithUser {
  sessionId: string;
  csrfToken: string;
  id: number;
  username: string;
  displayName: string;
  role: string;
  homeUnitId: number;
  locale: string;
  active: boolean;
  /** The home unit's name as of the day asked for (its code when unnamed then). */
  homeUnitName: string;
}

export class SessionRepository {
  constructor(private readonly database: Database) {}

  async insert(values: typeof sessions.$inferInsert) {
    await this.database.db().insert(sessions).values(values);
  }

  async findValid(id: string): Promise<SessionRow | undefined> {
    const [row] = await this.database
      .db()
      .select()
      .from(sessions)
      .where(and(eq(sessions.id, id), gt(sessions.expiresAt, sql`now()`)));
    return row;
  }

  /**
   * A valid session with its user, the name of the user's unit as of `today` and when the session
   * expires (ms since 1970), in one prepared statement: every signed-in request not served by the
   * `SessionCache` starts here.
   */
  async findValidWithUser(
    id: string,
    today: string,
  ): Promise<(SessionWithUser & { expiresAtMs: number }) | undefined> {
    const [row] = await this.database.prepared<SessionWithUser & { expiresAtMs: number }>(
      `SELECT s.id AS "sessionId", s.csrf_token AS "csrfToken",
              (extract(epoch FROM s.expires_at) * 1000)::float8 AS "expiresAtMs",
              u.id, u.username, u.display_name AS "displayName", u.role, u.home_unit_id AS "homeUnitId",
              u.locale, u.active,
              CASE WHEN hu.id IS NULL THEN ''
                   ELSE coalesce((SELECT n.name FROM org_unit_names n
                                   WHERE n.unit_id = hu.id AND n.valid_from <= $2::date
                                     AND (n.valid_to IS NULL OR n.valid_to >= $2::date) LIMIT 1), hu.code)
              END AS "homeUnitName"
         FROM sessions s
         JOIN users u ON u.id = s.user_id
         LEFT JOIN org_units hu ON hu.id = u.home_unit_id
        WHERE s.id = $1 AND s.expires_at > now()`,
      [id, today],
    );
    return row;
  }

  async delete(id: string) {
    await this.database.db().delete(sessions).where(eq(sessions.id, id));
  }

  async deleteForUser(userId: number) {
    await this.database.db().delete(sessions).where(eq(sessions.userId, userId));
  }

  async deleteExpired() {
    await this.database.db().delete(sessions).where(lt(sessions.expiresAt, sql`now()`));
  }

  async throttle(key: string): Promise<ThrottleRow | undefined> {
    const [row] = await this.database.db().select().from(loginThrottle).where(eq(loginThrottle.key, key));
    return row;
  }

  async saveThrottle(row: ThrottleRow) {
    await this.database
      .db()
      .insert(loginThrottle)
      .values(row)
      .onConflictDoUpdate({
        target: loginThrottle.key,
        set: {
          failures: row.failures,
          windowStart: row.windowStart,
          lockedUntil: row.lockedUntil,
          lockouts: row.lockouts,
        },
      });
  }

  async clearThrottle(key: string) {
    await this.database.db().delete(loginThrottle).where(eq(loginThrottle.key, key));
  }
}
