import { and, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { parseJobs } from '../db/schema.ts';

export type ParseJobRow = typeof parseJobs.$inferSelect;

/** Longest error stored: a code, never a library's message (one once stored 314 million characters). */
const MAX_ERROR_LENGTH = 64;

/**
 * Reading jobs of uploaded documents, shared by every server instance. A job waits (`queued`, its
 * place in its instance's queue in `progress_done`) or reads (`running`, pages in `progress_*`);
 * both beat, so a job whose instance died is told from one still alive.
 */
export class ParseJobRepository {
  constructor(private readonly database: Database) {}

  async insert(values: { id: string; ownerId: number | null; source: string }): Promise<ParseJobRow> {
    const [row] = await this.database
      .db()
      .insert(parseJobs)
      .values({ ...values, status: 'queued' })
      .returning();
    return row!;
  }

  async find(id: string): Promise<ParseJobRow | undefined> {
    const [row] = await this.database.db().select().from(parseJobs).where(eq(parseJobs.id, id));
    return row;
  }

  /** Jobs of a user waiting or reading (beating within `aliveSeconds`). */
  async countRunning(ownerId: number | null, aliveSeconds: number): Promise<number> {
    const [row] = await this.database
      .db()
      .select({ n: sql<number>`count(*)::int` })
      .from(parseJobs)
      .where(
        and(
          ownerId === null ? sql`${parseJobs.ownerId} IS NULL` : eq(parseJobs.ownerId, ownerId),
          inArray(parseJobs.status, ['queued', 'running']),
          gt(parseJobs.heartbeatAt, sql`now() - make_interval(secs => ${aliveSeconds})`),
        ),
      );
    return row?.n ?? 0;
  }

  /** A waiting job's place in its instance's queue (1 = next). */
  async queued(id: string, position: number): Promise<void> {
    await this.database
      .db()
      .update(parseJobs)
      .set({ progressDone: position, progressTotal: null, heartbeatAt: sql`now()` })
      .where(and(eq(parseJobs.id, id), eq(parseJobs.status, 'queued')));
  }

  /** A job taken from the queue by a reader. */
  async started(id: string): Promise<void> {
    await this.database
      .db()
      .update(parseJobs)
      .set({ status: 'running', progressDone: null, progressTotal: null, heartbeatAt: sql`now()` })
      .where(and(eq(parseJobs.id, id), eq(parseJobs.status, 'queued')));
  }

  /** Progress (pages) of a running job; also its heartbeat. */
  async beat(id: string, progress: { done: number; total: number } | null): Promise<void> {
    await this.database
      .db()
      .update(parseJobs)
      .set({
        heartbeatAt: sql`now()`,
        ...(progress ? { progressDone: progress.done, progressTotal: progress.total } : {}),
      })
      .where(and(eq(parseJobs.id, id), eq(parseJobs.status, 'running')));
  }

  /** The heartbeat of every job this instance holds, waiting or reading: one statement. */
  async beatAll(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.database
      .db()
      .update(parseJobs)
      .set({ heartbeatAt: sql`now()` })
      .where(and(inArray(parseJobs.id, [...ids]), inArray(parseJobs.status, ['queued', 'running'])));
  }

  async finish(
    id: string,
    outcome: { status: 'done'; result: unknown } | { status: 'failed'; code: string },
  ): Promise<void> {
    await this.database
      .db()
      .update(parseJobs)
      .set({
        status: outcome.status,
        result: outcome.status === 'done' ? outcome.result : null,
        error: outcome.status === 'failed' ? outcome.code.slice(0, MAX_ERROR_LENGTH) : null,
        // a failed job that never started keeps no queue place
        ...(outcome.status === 'failed' ? { progressDone: null, progressTotal: null } : {}),
        finishedAt: sql`now()`,
        heartbeatAt: sql`now()`,
      })
      .where(eq(parseJobs.id, id));
  }

  /** Forgets jobs created more than `keepSeconds` ago: the review screen has saved what it needed. */
  async deleteOlderThan(keepSeconds: number): Promise<void> {
    await this.database
      .db()
      .delete(parseJobs)
      .where(lt(parseJobs.createdAt, sql`now() - make_interval(secs => ${keepSeconds})`));
  }
}
