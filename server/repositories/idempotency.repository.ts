import { sql } from 'drizzle-orm';
import { type Database, rows } from '../db/client.ts';

/** Keys of requests that may come again (`Idempotency-Key`) and the answers they got. */
export class IdempotencyRepository {
  constructor(private readonly database: Database) {}

  private db() {
    return this.database.db();
  }

  /**
   * Inside a transaction: takes the key for this request. False when it was taken already (a
   * concurrent request with the same key waits here until the first one commits or rolls back).
   */
  async claim(userId: number, key: string, scope: string): Promise<boolean> {
    const claimed = await rows<{ key: string }>(
      this.db(),
      sql`INSERT INTO idempotency_keys (user_id, key, scope) VALUES (${userId}, ${key}, ${scope})
          ON CONFLICT (user_id, key) DO NOTHING RETURNING key`,
    );
    return claimed.length === 1;
  }

  async find(userId: number, key: string): Promise<{ scope: string; response: unknown } | null> {
    const [row] = await rows<{ scope: string; response: unknown }>(
      this.db(),
      sql`SELECT scope, response FROM idempotency_keys WHERE user_id = ${userId} AND key = ${key}`,
    );
    return row ?? null;
  }

  async complete(userId: number, key: string, status: number, response: unknown): Promise<void> {
    await rows(
      this.db(),
      sql`UPDATE idempotency_keys SET status = ${status}, response = ${JSON.stringify(response ?? null)}::jsonb
           WHERE user_id = ${userId} AND key = ${key} RETURNING key`,
    );
  }

  /** The user's keys older than `days` days: a device replays its queue within hours, not weeks. */
  async forgetOld(userId: number, days: number): Promise<void> {
    await rows(
      this.db(),
      sql`DELETE FROM idempotency_keys
           WHERE user_id = ${userId} AND created_at < now() - make_interval(days => ${days}) RETURNING key`,
    );
  }
}
