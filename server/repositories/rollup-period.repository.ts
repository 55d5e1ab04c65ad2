import { sql } from 'drizzle-orm';
import { type Database, rows } from '../db/client.ts';

/**
 * The build state of each period's roll-ups (`rollup_periods`): whether its snapshot is taken,
 * from which tree, and the queue of periods waiting for a rebuild after an organisation change.
 */
export class RollupPeriodRepository {
  constructor(private readonly database: Database) {}

  private db() {
    return this.database.db();
  }

  /** Whether the period's roll-ups have been built (its snapshot taken). */
  async isBuilt(periodId: number): Promise<boolean> {
    const [row] = await this.database.prepared<{ built: boolean }>(
      'SELECT EXISTS (SELECT 1 FROM rollup_periods WHERE period_id = $1 AND built_at IS NOT NULL) AS built',
      [periodId],
    );
    return row?.built ?? false;
  }

  /** Marks the period built (its snapshot taken from `fingerprint`) and no longer waiting for a rebuild. */
  async markBuilt(periodId: number, fingerprint: string) {
    await this.db().execute(
      sql`INSERT INTO rollup_periods (period_id, built_at, stale_since, stale_reason, attempts, last_error,
                                      tree_fingerprint)
          VALUES (${periodId}, now(), NULL, NULL, 0, NULL, ${fingerprint})
          ON CONFLICT (period_id) DO UPDATE SET built_at = now(), stale_since = NULL, stale_reason = NULL,
                 attempts = 0, last_error = NULL, tree_fingerprint = EXCLUDED.tree_fingerprint`,
    );
  }

  /**
   * An organisation change effective on `date`: every built period that ends on or after it saw
   * its tree change (as of its end), so it waits for a rebuild. Returns the periods marked.
   */
  async markStale(date: string, reason: string): Promise<number[]> {
    const found = await rows<{ period_id: number }>(
      this.db(),
      sql`UPDATE rollup_periods rp SET stale_since = coalesce(rp.stale_since, now()), stale_reason = ${reason}
            FROM report_periods p
           WHERE p.id = rp.period_id AND p.ends_on >= ${date}::date AND rp.built_at IS NOT NULL
          RETURNING rp.period_id`,
    );
    return found.map((r) => r.period_id).sort((a, b) => a - b);
  }

  /** Periods waiting for a rebuild, oldest first. */
  async stalePeriods(): Promise<
    { period_id: number; stale_since: string; stale_reason: string | null; attempts: number }[]
  > {
    return rows(
      this.db(),
      sql`SELECT period_id, stale_since::text, stale_reason, attempts FROM rollup_periods
           WHERE stale_since IS NOT NULL ORDER BY stale_since, period_id`,
    );
  }

  /** Claims one waiting period for this transaction (others skip it), or null. */
  async claimStale(maxAttempts: number): Promise<number | null> {
    const [row] = await rows<{ period_id: number }>(
      this.db(),
      sql`SELECT period_id FROM rollup_periods
           WHERE stale_since IS NOT NULL AND attempts < ${maxAttempts}
           ORDER BY stale_since, period_id LIMIT 1 FOR UPDATE SKIP LOCKED`,
    );
    return row?.period_id ?? null;
  }

  /** A failed queued rebuild: counted, with its error, to be retried later. */
  async recordFailure(periodId: number, error: string) {
    await this.db().execute(
      sql`UPDATE rollup_periods SET attempts = attempts + 1, last_error = ${error} WHERE period_id = ${periodId}`,
    );
  }
}
