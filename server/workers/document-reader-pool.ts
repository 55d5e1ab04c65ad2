/**
 * Reads documents in child processes, never in the server's: each read is a forked worker
 * (read-document.worker.ts) with a V8 heap limit, a wall-clock limit after which its whole process
 * tree is killed, and a lower CPU priority; at most `workers` run at once per instance, the rest
 * wait in order and are told their place. A zip bomb, a page flood or a pathological text can then
 * cost one worker its limits, not every user their answers.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import type { TParseResult } from '../../contracts/document-parse.ts';
import type { ReadLimitCode, ReadLimits } from '../../documents/parse/read-limits.ts';
import type { WorkbookSheet } from '../../documents/sheets/read-workbook.ts';
import type { RawOrgRow } from '../../domain/org/org-rows.ts';

/** What a reading job may end with, besides its result: each has a message in i18n/messages.ts. */
export type ParseErrorCode =
  | ReadLimitCode
  | 'parse_unreadable'
  | 'parse_ocr_unavailable'
  | 'parse_timeout'
  | 'parse_out_of_memory'
  | 'parse_failed'
  | 'parse_interrupted';

export const PARSE_ERROR_CODES: readonly ParseErrorCode[] = [
  'parse_too_many_pages',
  'parse_too_many_scanned_pages',
  'parse_page_too_large',
  'parse_text_too_long',
  'parse_archive_refused',
  'parse_unreadable',
  'parse_ocr_unavailable',
  'parse_timeout',
  'parse_out_of_memory',
  'parse_failed',
  'parse_interrupted',
];

/**
 * What a worker reads: a plan document (a file, or a long pasted text), or an uploaded spreadsheet
 * (a report template as Excel saved it; an organisation file, CSV or XLSX) — every untrusted file
 * the product opens is parsed here, never in the server's process.
 */
export type ReaderRequest =
  | { kind: 'file'; path: string; source: string; limits: ReadLimits }
  | { kind: 'text'; text: string; source: string }
  | { kind: 'workbook'; path: string }
  | { kind: 'org-file'; path: string };

/** The answer of each kind of read. */
export interface ReaderResults {
  file: TParseResult;
  text: TParseResult;
  workbook: WorkbookSheet[];
  'org-file': RawOrgRow[];
}

export type ReaderMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; result: ReaderResults[keyof ReaderResults] }
  | { type: 'failed'; code: ParseErrorCode };

export type ReadOutcome<R = TParseResult> =
  | { status: 'done'; result: R }
  | { status: 'failed'; code: ParseErrorCode };

export interface ReaderPoolOptions {
  /** Reads at once in this instance. */
  workers: number;
  /** Wall-clock limit of one read (the worker and everything it started are killed). */
  timeoutMs: number;
  /** V8 heap limit of a worker (`--max-old-space-size`). */
  memoryMb: number;
  /** Reads allowed to wait; beyond, `isFull()`. */
  maxQueued: number;
  log?: (line: string) => void;
}

export interface ReadHooks {
  /** Place in the queue (1 = next), each time it changes. */
  onQueued?: (position: number) => void;
  onStart?: () => void;
  onProgress?: (done: number, total: number) => void;
  /** Names the read in log lines. */
  label?: string;
}

interface Task {
  request: ReaderRequest;
  hooks: ReadHooks;
  resolve: (outcome: ReadOutcome<unknown>) => void;
}

const WORKER = new URL('./read-document.worker.mjs', import.meta.url);
/** Lower than the server (0), so a read never takes the CPU from a request. */
const NICENESS = 10;

export class DocumentReaderPool {
  private readonly queue: Task[] = [];
  private readonly running = new Set<ChildProcess>();
  private closed = false;

  constructor(private readonly options: ReaderPoolOptions) {}

  isFull(): boolean {
    return this.queue.length >= this.options.maxQueued;
  }

  /** Queues a read; `position` is its place now (0: started at once). */
  submit<K extends ReaderRequest['kind']>(
    request: Extract<ReaderRequest, { kind: K }>,
    hooks: ReadHooks = {},
  ): { position: number; outcome: Promise<ReadOutcome<ReaderResults[K]>> } {
    let task!: Task;
    const outcome = new Promise<ReadOutcome<ReaderResults[K]>>((resolve) => {
      task = { request, hooks, resolve: resolve as (outcome: ReadOutcome<unknown>) => void };
    });
    if (this.closed)
      return { position: 0, outcome: Promise.resolve({ status: 'failed', code: 'parse_interrupted' }) };
    this.queue.push(task);
    this.pump();
    return { position: this.queue.indexOf(task) + 1, outcome };
  }

  /** Kills every running read and fails the waiting ones (server shutting down). */
  close(): void {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.resolve({ status: 'failed', code: 'parse_interrupted' });
    for (const child of this.running) killTree(child);
  }

  private pump(): void {
    let moved = false;
    while (this.running.size < this.options.workers && this.queue.length > 0) {
      this.launch(this.queue.shift()!);
      moved = true;
    }
    if (!moved) return;
    for (const [k, task] of this.queue.entries()) task.hooks.onQueued?.(k + 1);
  }

  private launch(task: Task): void {
    const { hooks } = task;
    const child = fork(WORKER, [], {
      execArgv: [`--max-old-space-size=${this.options.memoryMb}`],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
      // its own process group, so the time limit ends pdftoppm and tesseract with it
      detached: true,
    });
    this.running.add(child);
    hooks.onStart?.();
    if (child.pid !== undefined) {
      try {
        setPriority(child.pid, NICENESS);
      } catch {
        // not permitted here: the limits still hold
      }
    }
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4000);
    });
    let settled = false;
    let timedOut = false;
    const settle = (outcome: ReadOutcome<unknown>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (outcome.status === 'failed' && outcome.code !== 'parse_interrupted') {
        // a refused file is told in one line; a reader that broke, with the start of its trace
        const broke = ['parse_failed', 'parse_out_of_memory', 'parse_timeout'].includes(outcome.code);
        const detail = broke ? stderr.trim().split('\n').slice(0, 3).join(' | ').slice(0, 600) : '';
        this.options.log?.(
          `[parse] ${hooks.label ?? 'read'} failed: ${outcome.code}${detail ? ` (${detail})` : ''}`,
        );
      }
      task.resolve(outcome);
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killTree(child);
    }, this.options.timeoutMs);
    child.on('message', (message: ReaderMessage) => {
      if (message.type === 'progress') hooks.onProgress?.(message.done, message.total);
      else if (message.type === 'done') settle({ status: 'done', result: message.result });
      else settle({ status: 'failed', code: message.code });
    });
    child.on('error', () => settle({ status: 'failed', code: 'parse_failed' }));
    child.on('exit', (code, signal) => {
      this.running.delete(child);
      if (timedOut) settle({ status: 'failed', code: 'parse_timeout' });
      else if (this.closed && signal) settle({ status: 'failed', code: 'parse_interrupted' });
      else if (/heap out of memory|Allocation failed/i.test(stderr) || code === 134)
        settle({ status: 'failed', code: 'parse_out_of_memory' });
      else settle({ status: 'failed', code: 'parse_failed' });
      // a worker that answered may still have left programs behind
      killTree(child);
      if (!this.closed) this.pump();
    });
    child.send(task.request);
  }
}

/** The processes below `pid` (Linux /proc; none elsewhere). */
function descendants(pid: number): number[] {
  const found: number[] = [];
  const visit = (parent: number) => {
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${parent}/task`);
    } catch {
      return;
    }
    for (const task of tasks) {
      let children = '';
      try {
        children = readFileSync(`/proc/${parent}/task/${task}/children`, 'utf8');
      } catch {
        continue;
      }
      for (const id of children.split(' ').filter(Boolean).map(Number)) {
        found.push(id);
        visit(id);
      }
    }
  };
  visit(pid);
  return found;
}

/**
 * Kills a worker's process group and every process below it — LibreOffice runs in a group of its
 * own, and outlives its worker otherwise.
 */
function killTree(child: ChildProcess): void {
  const pid = child.pid;
  if (pid === undefined) return;
  const below = descendants(pid);
  for (const target of [-pid, ...below]) {
    try {
      process.kill(target, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
