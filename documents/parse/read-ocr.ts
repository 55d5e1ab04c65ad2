/**
 * OCR for scans: `pdftoppm -r 300 -gray` (poppler-utils) rasterises PDF pages and
 * `tesseract IMG - -l vie tsv` reads them (Vietnamese only: adding eng strips accents from
 * capitals); the words' boxes are laid out again in ocr-layout.ts (header and closing columns as
 * blocks, stamp letters dropped). One tesseract thread a page, two pages at a time.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsvToText } from './ocr-layout.ts';
import { MissingProgramError, runProgram as run } from './run-program.ts';

export { MissingProgramError };

// tesseract's OpenMP threads would fight the second page's on two cores
const TESSERACT_ENV = { ...process.env, OMP_THREAD_LIMIT: '1' };

/** Text of one image file (PNG, JPEG, PGM…). */
export async function ocrImage(path: string): Promise<string> {
  const tsv = await run('tesseract', [path, '-', '-l', 'vie', 'tsv'], { env: TESSERACT_ENV });
  if (/Failed loading language|Error opening data file/.test(tsv)) throw new MissingProgramError('tesseract');
  return tsvToText(tsv);
}

// a page number alone on a line at a page break
const PAGE_NUMBER = /^\s*-?\s*\d{1,3}\s*-?\s*$/;

function dropPageNumbers(text: string): string {
  const lines = text.split('\n');
  const first = lines.findIndex((l) => l.trim().length > 0);
  if (first >= 0 && PAGE_NUMBER.test(lines[first]!)) lines.splice(first, 1);
  return lines.join('\n');
}

/** Runs `task` on every element, two at a time, reporting progress after each. */
async function twoAtATime<T>(
  list: readonly T[],
  task: (item: T, k: number) => Promise<void>,
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  let done = 0;
  let next = 0;
  onProgress?.(0, list.length);
  const worker = async (): Promise<void> => {
    while (next < list.length) {
      const k = next++;
      await task(list[k]!, k);
      done++;
      onProgress?.(done, list.length);
    }
  };
  await Promise.all([worker(), worker()]);
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
    await twoAtATime(
      pages,
      async (page, k) => {
        texts[k] = dropPageNumbers(await ocrImage(join(dir, page)));
      },
      onProgress,
    );
    return texts.join('\n');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Reads the given pages (from 1) of a PDF by OCR: pages whose text layer is garbage. */
export async function ocrPdfPages(
  path: string,
  pages: readonly number[],
  onProgress?: (done: number, total: number) => void,
): Promise<Map<number, string>> {
  const dir = await mkdtemp(join(tmpdir(), 'tiendo-ocr-'));
  const texts = new Map<number, string>();
  try {
    await twoAtATime(
      pages,
      async (n) => {
        const base = join(dir, `page-${n}`);
        await run('pdftoppm', [
          '-r',
          '300',
          '-gray',
          '-f',
          String(n),
          '-l',
          String(n),
          '-singlefile',
          path,
          base,
        ]);
        texts.set(n, dropPageNumbers(await ocrImage(`${base}.pgm`)));
      },
      onProgress,
    );
    return texts;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
