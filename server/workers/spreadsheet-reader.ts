import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ORG_FILE_LIMITS } from '../../documents/sheets/read-org-file.ts';
import { WORKBOOK_LIMITS, type WorkbookSheet } from '../../documents/sheets/read-workbook.ts';
import type { RawOrgRow } from '../../domain/org/org-rows.ts';
import { DEFAULT_PARSE_CONFIG, type ParseConfig } from '../config.ts';
import { AppError } from '../errors.ts';
import { DocumentReaderPool, type ReaderResults } from './document-reader-pool.ts';

/** Longest one spreadsheet may take to parse (a 5,000-row template takes ~2 s): answered in the request. */
export const SPREADSHEET_TIMEOUT_MS = 60_000;
/** Spreadsheets allowed to wait for a worker in one instance; beyond, 503. */
const MAX_QUEUED = 10;

/** An uploaded file: its bytes, or the file received on disk (`server/http/upload.ts`). */
export type SpreadsheetSource = Buffer | { path: string };

/**
 * Parses uploaded spreadsheets (report templates, organisation files) in worker processes: the
 * same `DocumentReaderPool` and worker as documents (a heap limit, a wall-clock limit after which
 * the worker is killed, a lower priority, a bounded number at once and a short queue), as a pool of
 * its own so an import answered in its request never waits behind a long OCR job. A zip bomb, a
 * billion cells or a pathological CSV costs one worker its limits; the server only receives
 * plain rows. Failures are the callers' coded refusals: `refused()` for a file that is not one.
 */
export class SpreadsheetReader {
  private readonly pool: DocumentReaderPool;

  constructor(
    private readonly config: Pick<ParseConfig, 'workers' | 'memoryMb'> = DEFAULT_PARSE_CONFIG,
    log?: (line: string) => void,
    private readonly timeoutMs = SPREADSHEET_TIMEOUT_MS,
  ) {
    this.pool = new DocumentReaderPool({
      workers: config.workers,
      timeoutMs,
      memoryMb: config.memoryMb,
      maxQueued: MAX_QUEUED,
      ...(log ? { log } : {}),
    });
  }

  /** A filled report template (XLSX) as plain rows, sheet by sheet (`readWorkbookRows`). */
  workbook(source: SpreadsheetSource, refused: () => AppError): Promise<WorkbookSheet[]> {
    return this.read('workbook', source, refused);
  }

  /** An organisation file (CSV or XLSX) as its rows (`readOrgFile`). */
  orgFile(source: SpreadsheetSource, refused: () => AppError): Promise<RawOrgRow[]> {
    return this.read('org-file', source, refused);
  }

  /** Stops the workers (server shutting down). */
  close(): void {
    this.pool.close();
  }

  private async read<K extends 'workbook' | 'org-file'>(
    kind: K,
    source: SpreadsheetSource,
    refused: () => AppError,
  ): Promise<ReaderResults[K]> {
    if (this.pool.isFull()) throw new AppError(503, 'parse_busy', {}, null, { retryAfter: 10 });
    // bytes given by a caller (the CLI, tests) go the same way as an upload: on disk, to a worker
    const dir = Buffer.isBuffer(source) ? await mkdtemp(join(tmpdir(), 'tiendo-sheet-')) : null;
    try {
      let path: string;
      if (dir && Buffer.isBuffer(source)) {
        path = join(dir, 'file');
        await writeFile(path, source);
      } else path = (source as { path: string }).path;
      const request = { kind, path } as Extract<Parameters<DocumentReaderPool['submit']>[0], { kind: K }>;
      const outcome = await this.pool.submit<K>(request, { label: kind }).outcome;
      if (outcome.status === 'done') return outcome.result;
      switch (outcome.code) {
        case 'parse_unreadable':
        case 'parse_archive_refused':
          throw refused();
        case 'parse_text_too_long': {
          const limits = kind === 'workbook' ? WORKBOOK_LIMITS : ORG_FILE_LIMITS;
          throw new AppError(
            413,
            'spreadsheet_too_large',
            { rows: limits.maxRows.toLocaleString('vi-VN'), chars: limits.maxCellChars },
            'file',
          );
        }
        case 'parse_timeout':
        case 'parse_out_of_memory':
          throw new AppError(422, 'spreadsheet_too_heavy', {
            seconds: Math.round(this.timeoutMs / 1000),
            mb: this.config.memoryMb,
          });
        case 'parse_interrupted':
          throw new AppError(503, 'parse_interrupted');
        default:
          throw new AppError(500, 'parse_failed');
      }
    } finally {
      if (dir) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    }
  }
}
