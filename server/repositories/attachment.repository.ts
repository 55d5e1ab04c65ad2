import { sql } from 'drizzle-orm';
import { type Database, rows } from '../db/client.ts';

/** First half of the two-key advisory lock that serialises one user's uploads (the user id is the second). */
const UPLOAD_LOCK_NAMESPACE = 18_005;

/** Attachments and uploads as counted by the quotas, and the keys a file sweep must keep. */
export class AttachmentRepository {
  constructor(private readonly database: Database) {}

  private db() {
    return this.database.db();
  }

  /**
   * Inside a transaction: serialises the user's uploads (an advisory lock) and the report's
   * (its row, `FOR NO KEY UPDATE`), so parallel uploads are counted one after another; returns the
   * report's state, or null when it is gone.
   */
  async lockForUpload(reportId: number, userId: number | null): Promise<string | null> {
    if (userId !== null) {
      await rows(
        this.db(),
        sql`SELECT pg_advisory_xact_lock(${UPLOAD_LOCK_NAMESPACE}::int, ${userId}::int)::text AS locked`,
      );
    }
    const [row] = await rows<{ status: string }>(
      this.db(),
      sql`SELECT status FROM reports WHERE id = ${reportId} FOR NO KEY UPDATE`,
    );
    return row?.status ?? null;
  }

  /** Files attached to a report and their total bytes. */
  async reportUsage(reportId: number): Promise<{ count: number; bytes: number }> {
    const [row] = await rows<{ count: number; bytes: string | number }>(
      this.db(),
      sql`SELECT count(*)::int AS count, coalesce(sum(size), 0)::bigint AS bytes
            FROM report_attachments WHERE report_id = ${reportId}`,
    );
    return { count: row?.count ?? 0, bytes: Number(row?.bytes ?? 0) };
  }

  /**
   * A user's uploads within the last `windowSeconds` (by the database's clock): how many, their
   * bytes, and in how many seconds the oldest of them leaves the window.
   */
  async userUploads(
    userId: number,
    windowSeconds: number,
  ): Promise<{ count: number; bytes: number; oldestLeavesInSeconds: number }> {
    const [row] = await rows<{ count: number; bytes: string | number; leaves: string | number | null }>(
      this.db(),
      sql`SELECT count(*)::int AS count, coalesce(sum(size), 0)::bigint AS bytes,
                 ceil(extract(epoch FROM min(created_at) + make_interval(secs => ${windowSeconds}) - now()))::int AS leaves
            FROM report_attachments
           WHERE created_by = ${userId} AND created_at > now() - make_interval(secs => ${windowSeconds})`,
    );
    return {
      count: row?.count ?? 0,
      bytes: Number(row?.bytes ?? 0),
      oldestLeavesInSeconds: Math.max(1, Number(row?.leaves ?? 1)),
    };
  }

  /** Which of these storage keys a row still names (a file named by none is an orphan). */
  async referencedKeys(keys: string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const found = await rows<{ key: string }>(
      this.db(),
      sql`SELECT storage_key AS key FROM report_attachments
           WHERE storage_key IN (SELECT jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb))`,
    );
    return new Set(found.map((r) => r.key));
  }
}
