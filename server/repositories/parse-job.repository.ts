import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { parseJobs } from '../db/schema.ts';

export type ParseJobRow = typeof parseJobs.$inferSelect;

/** Reading jobs of uploaded documents, shared by every server instance. */
export class ParseJobRepository {
  constructor(private readonly database: Database) {}

  async insert(values: { id: string; ownerId: number | null; source: string }): Promise<ParseJobRow> {
    const [row] = await this.database
      .db()
      .insert(parseJobs)
      .values({ ...values, status: 'running' })
      .returning();
    return row!;
  }

  async find(id: string): Promise<ParseJobRow | undefined> {
    const [row] = await this.database.db().select().from(parseJobs).where(eq(parseJobs.id, id));
    return row;
  }

  /** Jobs of a user still reading (beating within `aliveSeconds`). */
  async countRunning(ownerId: number | null, aliveSeconds: number): Promise<number> {
    const [row] = await this.database
      .db()
      .select({ n: sql<number>`count(*)::int` })
      .from(parseJobs)
      .where(
        and(
          ownerId === null ? sql`${parseJobs.ownerId} IS NULL` : eq(parseJobs.ownerId, ownerId),
          eq(parseJobs.status, 'running'),
          gt(parseJobs.heartbeatAt, sql`now() - make_interval(secs => ${aliveSeconds})`),
        ),
      );
    return row?.n ?? 0;
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

  async finish(
    id: string,
    outcome: { status: 'done'; result: unknown } | { status: 'failed'; error: string },
  ): Promise<void> {
    await this.database
      .db()
      .update(parseJobs)
      .set({
        status: outcome.status,
        result: outcome.status === 'done' ? outcome.result : null,
        error: outcome.status === 'failed' ? outcome.error : null,
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
