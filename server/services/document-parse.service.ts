import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { TParseJob, TParseResult } from '../../contracts/document-parse.ts';
import { parsePlanDocument } from '../../documents/parse/parse-plan-document.ts';
import { readInput } from '../../documents/parse/read-input.ts';
import { AppError, notFound } from '../errors.ts';
import type { ParseJobRepository, ParseJobRow } from '../repositories/parse-job.repository.ts';
import type { Actor } from './actor.ts';

/** Jobs kept (seconds): the review screen saves what it needs well before. */
const KEEP_SECONDS = 60 * 60;
/** Reading jobs one user may have running at once (OCR takes seconds a page). */
const MAX_RUNNING_PER_USER = 4;
/** A running job beats this often, and is taken for dead (its instance stopped) after STALE. */
const BEAT_MS = 15_000;
const STALE_SECONDS = 120;

/**
 * Reads uploaded documents into plan-extract/v1. Text is read at once; files (which may need
 * OCR, ~4 s a page) run as jobs whose progress the client polls. The instance that received the
 * file reads it; the job (status, pages done, result) is in the database, so any instance answers
 * the polling. A job whose instance died shows as failed, asking for the file again.
 */
export class DocumentParseService {
  constructor(private readonly jobs: ParseJobRepository) {}

  parseText(text: string, source: string): TParseResult {
    const started = performance.now();
    const extract = parsePlanDocument(text, { source });
    return { text, extract, elapsedMs: Math.round(performance.now() - started) };
  }

  async startFile(actor: Actor, fileName: string, data: Buffer): Promise<TParseJob> {
    await this.jobs.deleteOlderThan(KEEP_SECONDS);
    if ((await this.jobs.countRunning(actor.userId, STALE_SECONDS)) >= MAX_RUNNING_PER_USER) {
      throw new AppError(429, 'too_many_attempts', { seconds: 10 }, null, { retryAfter: 10 });
    }
    const source =
      basename(fileName)
        .replace(/[^\p{L}\p{N}._ -]/gu, '_')
        .slice(0, 200) || 'tai-lieu';
    const row = await this.jobs.insert({ id: randomUUID(), ownerId: actor.userId, source });
    void this.run(row.id, source, data);
    return this.view(row);
  }

  async get(actor: Actor, id: string): Promise<TParseJob> {
    const row = await this.jobs.find(id);
    if (!row || row.ownerId !== actor.userId) throw notFound('parse_job');
    return this.view(row);
  }

  /** Waits for a job (used by tests and the CLI-like callers). */
  async wait(actor: Actor, id: string, timeoutMs = 120_000): Promise<TParseJob> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const job = await this.get(actor, id);
      if (job.status !== 'running' || Date.now() > until) return job;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  private async run(id: string, source: string, data: Buffer): Promise<void> {
    // The readers work on paths (pdftoppm and tesseract are separate programs).
    const beat = (progress: { done: number; total: number } | null) =>
      this.jobs.beat(id, progress).catch(() => undefined);
    const heartbeat = setInterval(() => void beat(null), BEAT_MS);
    heartbeat.unref();
    let dir: string | null = null;
    const started = performance.now();
    try {
      dir = await mkdtemp(join(tmpdir(), 'tiendo-parse-'));
      const path = join(dir, 'input');
      await writeFile(path, data);
      const text = await readInput(path, { onProgress: (done, total) => void beat({ done, total }) });
      const extract = parsePlanDocument(text, { source });
      const result: TParseResult = { text, extract, elapsedMs: Math.round(performance.now() - started) };
      await this.jobs.finish(id, { status: 'done', result });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await this.jobs
        .finish(id, { status: 'failed', error: dir ? message.replace(dir, '') : message })
        .catch(() => undefined);
    } finally {
      clearInterval(heartbeat);
      if (dir) await rm(dir, { recursive: true, force: true });
    }
  }

  private view(row: ParseJobRow): TParseJob {
    const stale = row.status === 'running' && Date.now() - Date.parse(row.heartbeatAt) > STALE_SECONDS * 1000;
    return {
      id: row.id,
      status: stale ? 'failed' : row.status,
      source: row.source,
      progress:
        row.progressDone !== null && row.progressTotal !== null
          ? { done: row.progressDone, total: row.progressTotal }
          : null,
      result: row.status === 'done' ? (row.result as TParseResult) : null,
      error: stale ? 'Máy chủ đang đọc văn bản này đã dừng giữa chừng; hãy tải tệp lên lại.' : row.error,
    };
  }
}
