import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { TParseJob, TParseResult } from '../../contracts/document-parse.ts';
import { parsePlanDocument } from '../../documents/parse/parse-plan-document.ts';
import { readInput } from '../../documents/parse/read-input.ts';
import { AppError, notFound } from '../errors.ts';
import type { Actor } from './actor.ts';

interface Job extends TParseJob {
  ownerId: number | null;
  finishedAt: number | null;
}

const KEEP_MS = 60 * 60_000;
/** Reading jobs one user may have running at once (OCR takes seconds a page). */
const MAX_RUNNING_PER_USER = 4;

/**
 * Reads uploaded documents into plan-extract/v1. Text is read at once; files (which may need
 * OCR, ~4 s a page) run as jobs whose progress the client polls. Jobs live in this process's
 * memory for an hour: the review screen saves what it needs before then.
 */
export class DocumentParseService {
  private readonly jobs = new Map<string, Job>();

  parseText(text: string, source: string): TParseResult {
    const started = performance.now();
    const extract = parsePlanDocument(text, { source });
    return { text, extract, elapsedMs: Math.round(performance.now() - started) };
  }

  startFile(actor: Actor, fileName: string, data: Buffer): TParseJob {
    this.prune();
    const running = [...this.jobs.values()].filter(
      (j) => j.status === 'running' && j.ownerId === actor.userId,
    ).length;
    if (running >= MAX_RUNNING_PER_USER) {
      throw new AppError(429, 'too_many_attempts', { seconds: 10 }, null, { retryAfter: 10 });
    }
    const source =
      basename(fileName)
        .replace(/[^\p{L}\p{N}._ -]/gu, '_')
        .slice(0, 200) || 'tai-lieu';
    const job: Job = {
      id: randomUUID(),
      status: 'running',
      source,
      progress: null,
      result: null,
      error: null,
      ownerId: actor.userId,
      finishedAt: null,
    };
    this.jobs.set(job.id, job);
    void this.run(job, data);
    return this.view(job);
  }

  get(actor: Actor, id: string): TParseJob {
    const job = this.jobs.get(id);
    if (!job || job.ownerId !== actor.userId) throw notFound('parse_job');
    return this.view(job);
  }

  /** Waits for a job (used by tests and the CLI-like callers). */
  async wait(actor: Actor, id: string, timeoutMs = 120_000): Promise<TParseJob> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const job = this.get(actor, id);
      if (job.status !== 'running' || Date.now() > until) return job;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  private async run(job: Job, data: Buffer): Promise<void> {
    // The readers work on paths (pdftoppm and tesseract are separate programs).
    const dir = await mkdtemp(join(tmpdir(), 'tiendo-parse-'));
    const started = performance.now();
    try {
      const path = join(dir, 'input');
      await writeFile(path, data);
      const text = await readInput(path, {
        onProgress: (done, total) => {
          job.progress = { done, total };
        },
      });
      const extract = parsePlanDocument(text, { source: job.source });
      job.result = { text, extract, elapsedMs: Math.round(performance.now() - started) };
      job.status = 'done';
    } catch (error) {
      job.status = 'failed';
      job.error = error instanceof Error ? error.message.replace(dir, '') : String(error);
    } finally {
      job.finishedAt = Date.now();
      await rm(dir, { recursive: true, force: true });
    }
  }

  private view(job: Job): TParseJob {
    const { ownerId: _o, finishedAt: _f, ...visible } = job;
    return { ...visible };
  }

  private prune() {
    const now = Date.now();
    for (const [id, job] of this.jobs) {
      if (job.finishedAt !== null && now - job.finishedAt > KEEP_MS) this.jobs.delete(id);
    }
  }
}
