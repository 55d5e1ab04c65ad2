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

  /** Ends every session of a user but one (a password change keeps the session that made it). */
  async deleteOthersOfUser(userId: number, keepId: string) {
    await this.database.prepared('DELETE FROM sessions WHERE user_id = $1 AND id <> $2', [userId, keepId]);
  }

  async deleteExpired() {
    await this.database.db().delete(sessions).where(lt(sessions.expiresAt, sql`now()`));
  }

  /**
   * Counts one sign-in attempt on `key` and says whether it may be checked, in one statement, so
   * that attempts arriving together are counted one after another (the row is locked by the
   * upsert) and none is checked past the limit. While locked, attempts are still counted (the count
   * is every attempt of the window) but change nothing else; the attempt after `maxAttempts` locks
   * for the next length of `lockLadderMs` (by locks in a row, the last one repeating).
   */
  async countAttempt(
    key: string,
    now: Date,
    policy: { maxAttempts: number; windowMs: number; forgetMs: number },
    lockLadderMs: number[],
  ): Promise<{ admitted: boolean; retryAfterMs: number; attempts: number }> {
    const [row] = await this.database.prepared<{ admitted: boolean; retryAfterMs: number; attempts: number }>(
      // $2 now, $3 attempts admitted per window, $4 window start before which a new window
      // begins, $5 the same for forgetting locks in a row, $6 the lock lengths (ms) as jsonb.
      `INSERT INTO login_throttle AS t (key, failures, window_start, locked_until, lockouts)
       VALUES ($1, 1, $2::timestamptz, NULL, 0)
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN t.locked_until > $2::timestamptz THEN t.failures + 1
                         WHEN t.locked_until IS NOT NULL OR t.window_start <= $4::timestamptz THEN 1
                         ELSE t.failures + 1 END,
         window_start = CASE WHEN t.locked_until > $2::timestamptz THEN t.window_start
                             WHEN t.locked_until IS NOT NULL OR t.window_start <= $4::timestamptz THEN $2::timestamptz
                             ELSE t.window_start END,
         locked_until = CASE WHEN t.locked_until > $2::timestamptz THEN t.locked_until
                             WHEN t.locked_until IS NOT NULL OR t.window_start <= $4::timestamptz THEN NULL
                             WHEN t.failures + 1 > $3::int
                               THEN $2::timestamptz + ($6::jsonb ->> least(t.lockouts, jsonb_array_length($6::jsonb) - 1))::bigint
                                                      * interval '1 millisecond'
                             ELSE NULL END,
         lockouts = CASE WHEN t.locked_until > $2::timestamptz THEN t.lockouts
                         WHEN t.window_start <= $5::timestamptz THEN 0
                         WHEN t.locked_until IS NOT NULL OR t.window_start <= $4::timestamptz THEN t.lockouts
                         WHEN t.failures + 1 > $3::int THEN t.lockouts + 1
                         ELSE t.lockouts END
       RETURNING (t.locked_until IS NULL OR t.locked_until <= $2::timestamptz) AS admitted,
                 greatest(0, ceil(extract(epoch FROM (t.locked_until - $2::timestamptz)) * 1000))::float8
                   AS "retryAfterMs",
                 t.failures AS attempts`,
      [
        key,
        now.toISOString(),
        policy.maxAttempts,
        new Date(now.getTime() - policy.windowMs).toISOString(),
        new Date(now.getTime() - policy.forgetMs).toISOString(),
        JSON.stringify(lockLadderMs),
      ],
    );
    return { admitted: row!.admitted, retryAfterMs: row!.retryAfterMs ?? 0, attempts: row!.attempts };
  }

  /** Gives back one counted attempt (a success from a shared address), unless the key is locked. */
  async forgiveAttempt(key: string, now: Date) {
    await this.database.prepared(
      `UPDATE login_throttle SET failures = greatest(failures - 1, 0)
        WHERE key = $1 AND (locked_until IS NULL OR locked_until <= $2::timestamptz)`,
      [key, now.toISOString()],
    );
  }

  /** The recorded count of a key (tests and the administrator's view). */
  async attempts(key: string): Promise<ThrottleRow | undefined> {
    const [row] = await this.database.db().select().from(loginThrottle).where(eq(loginThrottle.key, key));
    return row;
  }

  /**
   * Forgets counts whose window began before `before` and whose lock (if any) is over: the upsert
   * would start them afresh anyway (`forgetMs`), so deleting them changes no decision.
   */
  async deleteStaleThrottles(before: Date, now: Date): Promise<number> {
    const deleted = await this.database.prepared<{ key: string }>(
      `DELETE FROM login_throttle
        WHERE window_start < $1::timestamptz AND (locked_until IS NULL OR locked_until <= $2::timestamptz)
        RETURNING key`,
      [before.toISOString(), now.toISOString()],
    );
    return deleted.length;
  }

  async clearThrottle(key: string) {
    await this.database.db().delete(loginThrottle).where(eq(loginThrottle.key, key));
  }
}
