/**
 * DOCX → PDF through LibreOffice (`soffice --headless --convert-to pdf`). Each conversion gets
 * its own temporary profile (`-env:UserInstallation`), so parallel conversions and a user's
 * running LibreOffice do not lock each other out. Times New Roman is not installable on
 * Debian: Liberation Serif (metric-compatible; `fonts-liberation2` has every Vietnamese glyph)
 * stands in for it.
 *
 * Conversions go through a `PdfRenderPool`: at most `workers` LibreOffice processes at once per
 * instance, a short queue beyond (full: `PdfRenderBusyError`), each conversion killed with every
 * process it started after `timeoutMs`. Eight PDF downloads at once start one LibreOffice (the
 * default), not eight. The server configures the shared pool once (`configurePdfRendering`).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export class LibreOfficeMissingError extends Error {
  constructor() {
    super(
      'LibreOffice (soffice) is not installed: install the Debian packages ' +
        '`libreoffice-writer-nogui fonts-liberation2` ' +
        '(apt-get install --no-install-recommends libreoffice-writer-nogui fonts-liberation2)',
    );
    this.name = 'LibreOfficeMissingError';
  }
}

/** The pool's queue is full: try again later. */
export class PdfRenderBusyError extends Error {
  constructor(
    readonly running: number,
    readonly queued: number,
    readonly limit: number,
  ) {
    super(`PDF rendering busy: ${running} running, ${queued} queued (limit ${limit})`);
    this.name = 'PdfRenderBusyError';
  }
}

/** A conversion ran past its time limit and was killed with what it started. */
export class PdfRenderTimeoutError extends Error {
  constructor(readonly seconds: number) {
    super(`soffice took longer than ${seconds} s and was killed`);
    this.name = 'PdfRenderTimeoutError';
  }
}

export interface PdfOptions {
  /** the soffice executable (default: the pool's, `soffice` on the PATH) */
  soffice?: string;
  /** the pool to wait in (default: the shared one) */
  pool?: PdfRenderPool;
}

export interface PdfPoolOptions {
  /** LibreOffice processes at once. */
  workers: number;
  /** Conversions allowed to wait; one more is refused. */
  maxQueued: number;
  /** Wall-clock limit of one conversion (its process group is killed). */
  timeoutMs: number;
  /** the soffice executable (default `soffice` on the PATH) */
  soffice?: string;
}

/** What the pool has done, for tests, benches and logs. */
export interface PdfPoolStats {
  running: number;
  queued: number;
  /** Most conversions ever running at once. */
  peakRunning: number;
  started: number;
  refused: number;
  killed: number;
}

/** Kills a detached child's process group (LibreOffice's `soffice.bin` runs below its launcher). */
function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Runs `file` in a process group of its own; rejects on failure, kills the group on timeout. */
function run(file: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let timedOut = false;
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-2000);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child);
    }, timeoutMs);
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(error.code === 'ENOENT' ? new LibreOfficeMissingError() : error);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      // whatever the launcher left behind goes with it
      killGroup(child);
      if (timedOut) return reject(new PdfRenderTimeoutError(Math.round(timeoutMs / 1000)));
      if (code === 0) return resolve();
      reject(new Error(`soffice failed: ${stderr.trim().split('\n')[0] || `exit code ${code}`}`));
    });
  });
}

/** One conversion, outside any pool. */
async function convert(docx: Buffer, soffice: string, timeoutMs: number): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'tiendo-pdf-'));
  try {
    const input = join(dir, 'document.docx');
    await writeFile(input, docx);
    await run(
      soffice,
      [
        `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
        '--headless',
        '--norestore',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        input,
      ],
      timeoutMs,
    );
    try {
      return await readFile(join(dir, 'document.pdf'));
    } catch {
      throw new Error('soffice did not write a PDF (is the DOCX valid?)');
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** At most `workers` conversions at once, the rest waiting in order, a full queue refused. */
export class PdfRenderPool {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly counters = { peakRunning: 0, started: 0, refused: 0, killed: 0 };

  constructor(private readonly options: PdfPoolOptions) {}

  stats(): PdfPoolStats {
    return { running: this.running, queued: this.waiting.length, ...this.counters };
  }

  async render(docx: Buffer, soffice = this.options.soffice ?? 'soffice'): Promise<Buffer> {
    if (this.running >= this.options.workers) {
      if (this.waiting.length >= this.options.maxQueued) {
        this.counters.refused++;
        throw new PdfRenderBusyError(this.running, this.waiting.length, this.options.maxQueued);
      }
      // the slot is handed over by the conversion that ends (`running` stays counted)
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    this.counters.peakRunning = Math.max(this.counters.peakRunning, this.running);
    this.counters.started++;
    try {
      return await convert(docx, soffice, this.options.timeoutMs);
    } catch (error) {
      if (error instanceof PdfRenderTimeoutError) this.counters.killed++;
      throw error;
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

let shared = new PdfRenderPool({ workers: 1, maxQueued: 20, timeoutMs: 120_000 });

/** Sets the shared pool's limits (the server does, from its configuration, at start). */
export function configurePdfRendering(options: PdfPoolOptions): PdfRenderPool {
  shared = new PdfRenderPool(options);
  return shared;
}

/** The pool conversions wait in unless told otherwise. */
export function sharedPdfRenderPool(): PdfRenderPool {
  return shared;
}

/** True when `soffice` can be started. */
export async function hasLibreOffice(soffice = 'soffice'): Promise<boolean> {
  try {
    await run(soffice, ['--version'], 30_000);
    return true;
  } catch {
    return false;
  }
}

/** Converts a DOCX file's bytes to PDF bytes, waiting for a place in the pool. */
export function convertDocxToPdf(docx: Buffer, options: PdfOptions = {}): Promise<Buffer> {
  return (options.pool ?? shared).render(docx, options.soffice);
}
