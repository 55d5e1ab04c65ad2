/**
 * OCR for scans: `pdftoppm -r 300 -gray` (poppler-utils) rasterises PDF pages and
 * `tesseract IMG - -l vie` reads them (Vietnamese only: adding eng strips accents from capitals).
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MissingProgramError, runProgram as run } from './run-program.ts';

export { MissingProgramError };

/** Text of one image file (PNG, JPEG, PGM…). */
export async function ocrImage(path: string): Promise<string> {
  const text = await run('tesseract', [path, '-', '-l', 'vie']);
  if (/Failed loading language|Error opening data file/.test(text))
    throw new MissingProgramError('tesseract');
  return text;
}

// a page number alone on a line at a page break
const PAGE_NUMBER = /^\s*-?\s*\d{1,3}\s*-?\s*$/;

function dropPageNumbers(text: string): string {
  const lines = text.split('\n');
  const first = lines.findIndex((l) => l.trim().length > 0);
  if (first >= 0 && PAGE_NUMBER.test(lines[first]!)) lines.splice(first, 1);
  return lines.join('\n');
}

/** Rasterises every page of a scanned PDF and reads it; `onProgress(done, total)` after each page. */
export async function ocrPdf(
  path: string,
  onProgress?: (done: number, total: number) => void,
): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tiendo-ocr-'));
  try {
    await run('pdftoppm', ['-r', '300', '-gray', path, join(dir, 'page')]);
    const pages = (await readdir(dir)).filter((f) => f.startsWith('page')).sort();
    const texts: string[] = new Array<string>(pages.length).fill('');
    let done = 0;
    onProgress?.(0, pages.length);
    // two pages at a time: tesseract is mostly single-threaded per page
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < pages.length) {
        const k = next++;
        texts[k] = dropPageNumbers(await ocrImage(join(dir, pages[k]!)));
        done++;
        onProgress?.(done, pages.length);
      }
    };
    await Promise.all([worker(), worker()]);
    return texts.join('\n');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
