import { randomUUID } from 'node:crypto';
import { copyFile, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { TParseJob, TParseResult } from '../../contracts/document-parse.ts';
import { parseResultOf } from '../../documents/parse/parse-result.ts';
import { DEFAULT_PARSE_CONFIG, type ParseConfig } from '../config.ts';
import { AppError, notFound } from '../errors.ts';
import { type Locale, translate } from '../i18n/messages.ts';
import type { ParseJobRepository, ParseJobRow } from '../repositories/parse-job.repository.ts';
import {
  DocumentReaderPool,
  PARSE_ERROR_CODES,
  type ParseErrorCode,
  type ReadOutcome,
} from '../workers/document-reader-pool.ts';
import type { Actor } from './actor.ts';

/** Jobs kept (seconds): the review screen saves what it needs well before. */
const KEEP_SECONDS = 60 * 60;
/** Reading jobs one user may have waiting or running at once (OCR takes seconds a page). */
const MAX_RUNNING_PER_USER = 4;
/** Jobs allowed to wait for a reader in one instance (their files wait on disk). */
const MAX_QUEUED = 20;
/** Live jobs beat this often, and are taken for dead (their instance stopped) after STALE. */
const BEAT_MS = 15_000;
const STALE_SECONDS = 120;
/**
 * Pasted text up to this length is read within the request (~80 ms measured at 20,000 characters on
 * the busy shared 2-core machine; a seed plan is ~8,000); longer goes to a worker.
 */
const IN_PROCESS_CHARS = 20_000;

/** HTTP status of a failed read answered in the request (pasted text). */
const STATUS: Record<ParseErrorCode, number> = {
  parse_too_many_pages: 413,
  parse_too_many_scanned_pages: 413,
  parse_page_too_large: 413,
  parse_text_too_long: 413,
  parse_archive_refused: 422,
  parse_unreadable: 422,
  parse_ocr_unavailable: 503,
  parse_timeout: 422,
  parse_out_of_memory: 422,
  parse_failed: 500,
  parse_interrupted: 503,
};

/**
 * Reads uploaded documents into plan-extract/v1, never in the server's own process beyond short
 * pasted texts: files (which may need OCR, ~4 s a page) run as jobs in `DocumentReaderPool`'s worker
 * processes, one or a few at a time per instance, the others queued; the client polls the job. The
 * job (status, queue place, pages done, result, error code) is in the database, so any instance
 * answers the polling. A job whose instance died shows as failed, asking for the file again.
 * Errors are codes, told in the caller's language when asked.
 */
export class DocumentParseService {
  private readonly pool: DocumentReaderPool;
  /** Jobs this instance holds, waiting or reading: they beat together. */
  private readonly live = new Set<string>();
  /** Each job's writes in order (a queue place must not overtake the start). */
  private readonly writes = new Map<string, Promise<void>>();
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(
    private readonly jobs: ParseJobRepository,
    private readonly config: ParseConfig = DEFAULT_PARSE_CONFIG,
    log?: (line: string) => void,
  ) {
    this.pool = new DocumentReaderPool({
      workers: config.workers,
      timeoutMs: config.timeoutMs,
      memoryMb: config.memoryMb,
      maxQueued: MAX_QUEUED,
      ...(log ? { log } : {}),
    });
  }

  async parseText(text: string, source: string): Promise<TParseResult> {
    if (text.length > this.config.limits.maxTextChars) throw this.failure('parse_text_too_long');
    if (text.length <= IN_PROCESS_CHARS) {
      return parseResultOf(text, source);
    }
    if (this.pool.isFull()) throw busy();
    const outcome = await this.pool.submit({ kind: 'text', text, source }, { label: `text ${source}` })
      .outcome;
    if (outcome.status === 'done') return outcome.result;
    throw this.failure(outcome.code);
  }

  /** `data`: the bytes, or an upload already on disk (`server/http/upload.ts`), moved into the job's folder. */
  async startFile(
    actor: Actor,
    fileName: string,
    data: Buffer | { path: string },
    locale: Locale = 'vi',
  ): Promise<TParseJob> {
    await this.jobs.deleteOlderThan(KEEP_SECONDS);
    if ((await this.jobs.countRunning(actor.userId, STALE_SECONDS)) >= MAX_RUNNING_PER_USER) {
      throw new AppError(429, 'too_many_attempts', { seconds: 10 }, null, { retryAfter: 10 });
    }
    if (this.pool.isFull()) throw busy();
    const source =
      basename(fileName)
        .replace(/[^\p{L}\p{N}._ -]/gu, '_')
        .slice(0, 200) || 'tai-lieu';
    // the readers work on paths (pdftoppm and tesseract are separate programs)
    const dir = await mkdtemp(join(tmpdir(), 'tiendo-parse-'));
    const path = join(dir, 'input');
    let row: ParseJobRow;
    try {
      if (Buffer.isBuffer(data)) await writeFile(path, data);
      else await rename(data.path, path).catch(() => copyFile(data.path, path));
      row = await this.jobs.insert({ id: randomUUID(), ownerId: actor.userId, source });
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
    const id = row.id;
    this.live.add(id);
    this.startHeartbeat();
    const { position, outcome } = this.pool.submit(
      { kind: 'file', path, source, limits: this.config.limits },
      {
        label: `job ${id}`,
        onQueued: (place) => void this.write(id, () => this.jobs.queued(id, place)),
        onStart: () => void this.write(id, () => this.jobs.started(id)),
        onProgress: (done, total) => void this.write(id, () => this.jobs.beat(id, { done, total })),
      },
    );
    if (position > 0) await this.write(id, () => this.jobs.queued(id, position));
    void this.settle(id, dir, outcome);
    return this.view(
      { ...row, status: position > 0 ? 'queued' : 'running', progressDone: position > 0 ? position : null },
      locale,
    );
  }

  async get(actor: Actor, id: string, locale: Locale = 'vi'): Promise<TParseJob> {
    const row = await this.jobs.find(id);
    if (!row || row.ownerId !== actor.userId) throw notFound('parse_job');
    return this.view(row, locale);
  }

  /** Waits for a job (used by tests and the CLI-like callers). */
  async wait(actor: Actor, id: string, timeoutMs = 120_000, locale: Locale = 'vi'): Promise<TParseJob> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const job = await this.get(actor, id, locale);
      if (job.status !== 'running' || Date.now() > until) return job;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Stops every reader of this instance (server shutting down); their jobs end as interrupted. */
  close(): void {
    this.pool.close();
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  private async settle(id: string, dir: string, outcome: Promise<ReadOutcome>): Promise<void> {
    const end = await outcome;
    await this.write(id, () =>
      this.jobs.finish(id, end.status === 'done' ? end : { status: 'failed', code: end.code }),
    );
    this.live.delete(id);
    this.writes.delete(id);
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }

  private write(id: string, change: () => Promise<void>): Promise<void> {
    const next = (this.writes.get(id) ?? Promise.resolve()).then(change).catch(() => undefined);
    this.writes.set(id, next);
    return next;
  }

  private startHeartbeat(): void {
    if (this.heartbeat) return;
    this.heartbeat = setInterval(() => {
      if (this.live.size > 0) void this.jobs.beatAll([...this.live]).catch(() => undefined);
    }, BEAT_MS);
    this.heartbeat.unref();
  }

  /** The numbers a failure's message names, from this instance's limits. */
  private params(code: ParseErrorCode, locale: Locale | null): Record<string, string | number> {
    const { limits, timeoutMs } = this.config;
    // grouped as the language writes numbers; plain digits when the language is chosen later
    const number = (n: number) => (locale ? n.toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-GB') : n);
    switch (code) {
      case 'parse_too_many_pages':
        return { max: number(limits.maxPdfPages) };
      case 'parse_too_many_scanned_pages':
        return { max: number(limits.maxScannedPages) };
      case 'parse_page_too_large':
        return { max: number(Math.floor(limits.maxOcrPixels / 1_000_000)) };
      case 'parse_text_too_long':
        return { max: number(limits.maxTextChars) };
      case 'parse_archive_refused':
        return { max: number(Math.round(limits.docxArchive.maxInflatedBytes / (1024 * 1024))) };
      case 'parse_timeout':
        return { seconds: number(Math.round(timeoutMs / 1000)) };
      default:
        return {};
    }
  }

  private failure(code: ParseErrorCode): AppError {
    return new AppError(
      STATUS[code],
      code,
      this.params(code, null),
      code === 'parse_text_too_long' ? 'text' : null,
    );
  }

  private view(row: ParseJobRow, locale: Locale): TParseJob {
    const pending = row.status === 'queued' || row.status === 'running';
    const stale = pending && Date.now() - Date.parse(row.heartbeatAt) > STALE_SECONDS * 1000;
    const code: ParseErrorCode | null = stale
      ? 'parse_interrupted'
      : row.status === 'failed'
        ? knownCode(row.error)
        : null;
    return {
      id: row.id,
      // a queued job is running to the client (which polls until done or failed), with its place
      status: stale ? 'failed' : row.status === 'queued' ? 'running' : row.status,
      source: row.source,
      progress:
        row.status !== 'queued' && row.progressDone !== null && row.progressTotal !== null
          ? { done: row.progressDone, total: row.progressTotal }
          : null,
      result: row.status === 'done' ? (row.result as TParseResult) : null,
      error: code ? translate(code, locale, this.params(code, locale)) : null,
      errorCode: code,
      queuePosition: !stale && row.status === 'queued' ? row.progressDone : null,
    };
  }
}

const busy = () => new AppError(503, 'parse_busy', {}, null, { retryAfter: 60 });

/** A stored error is a code; anything else (rows from before codes) is told as a plain failure. */
function knownCode(stored: string | null): ParseErrorCode {
  return PARSE_ERROR_CODES.find((code) => code === stored) ?? 'parse_failed';
}
