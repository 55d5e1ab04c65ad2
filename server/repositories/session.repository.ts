import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { loginThrottle, sessions, users } from '../db/schema.ts';

export type SessionRow = typeof sessions.$inferSelect;
export type ThrottleRow = typeof loginThrottle.$inferSelect;

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

  /** A valid session with its user, in one query (every signed-in request starts here). */
  async findValidWithUser(
    id: string,
  ): Promise<{ session: SessionRow; user: typeof users.$inferSelect } | undefined> {
    const [row] = await this.database
      .db()
      .select({ session: sessions, user: users })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.id, id), gt(sessions.expiresAt, sql`now()`)));
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
