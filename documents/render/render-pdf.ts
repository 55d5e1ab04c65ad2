/**
 * DOCX → PDF through LibreOffice (`soffice --headless --convert-to pdf`). Each conversion gets
 * its own temporary profile (`-env:UserInstallation`), so parallel conversions and a user's
 * running LibreOffice do not lock each other out. Times New Roman is not installable on
 * Debian: Liberation Serif (metric-compatible; `fonts-liberation2` has every Vietnamese glyph)
 * stands in for it.
 */
import { execFile } from 'node:child_process';
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

export interface PdfOptions {
  /** the soffice executable (default: `soffice` on the PATH) */
  soffice?: string;
  /** give up after this many milliseconds (default 120 s) */
  timeoutMs?: number;
}

function run(file: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: timeoutMs, maxBuffer: 8 << 20 }, (error, _stdout, stderr) => {
      if (!error) return resolve();
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return reject(new LibreOfficeMissingError());
      reject(
        new Error(
          `soffice failed: ${
            String(stderr || error.message)
              .trim()
              .split('\n')[0]
          }`,
        ),
      );
    });
  });
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

/** Converts a DOCX file's bytes to PDF bytes. */
export async function convertDocxToPdf(docx: Buffer, options: PdfOptions = {}): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'tiendo-pdf-'));
  try {
    const input = join(dir, 'document.docx');
    await writeFile(input, docx);
    await run(
      options.soffice ?? 'soffice',
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
      options.timeoutMs ?? 120_000,
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
