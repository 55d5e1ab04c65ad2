/**
 * OCR for scans: `pdftoppm -r 300 -gray` (poppler-utils) rasterises PDF pages and
 * `tesseract IMG - -l vie tsv` reads them (Vietnamese only: adding eng strips accents from
 * capitals); the words' boxes are laid out again in ocr-layout.ts (header and closing columns as
 * blocks, stamp letters dropped). One tesseract thread a page, two pages at a time. A JPEG (a phone
 * photo) is cleaned up with ImageMagick first when it is installed (deskew, contrast, local threshold).
 */
import { mkdtemp, open, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsvToText } from './ocr-layout.ts';
import { MissingProgramError, runProgram as run } from './run-program.ts';

export { MissingProgramError };

// tesseract's OpenMP threads would fight the second page's on two cores
const TESSERACT_ENV = { ...process.env, OMP_THREAD_LIMIT: '1' };

async function tesseractText(path: string): Promise<string> {
  const tsv = await run('tesseract', [path, '-', '-l', 'vie', 'tsv'], { env: TESSERACT_ENV });
  if (/Failed loading language|Error opening data file/.test(tsv)) throw new MissingProgramError('tesseract');
  return tsvToText(tsv);
}

// ImageMagick 7, then Debian 12's ImageMagick 6 under its own name
const IMAGEMAGICK = ['magick', 'convert-im6.q16'];

/**
 * A phone photo made readable (ImageMagick): grey, small photos enlarged, the page turned straight,
 * contrast stretched, then a local threshold (-lat) that copes with light falling unevenly across
 * the page, where tesseract's one global threshold blackens the dark side. Null without ImageMagick.
 */
export async function cleanPhoto(path: string, out: string): Promise<string | null> {
  const args = [
    path,
    '-auto-orient',
    '-colorspace',
    'Gray',
    '-resize',
    '2400x2400<',
    '-deskew',
    '40%',
    '+repage',
    '-normalize',
    '-lat',
    '40x40-8%',
    out,
  ];
  for (const program of IMAGEMAGICK) {
    try {
      await run(program, args, { timeoutMs: 120_000 });
      return out;
    } catch (error) {
      if (!(error instanceof MissingProgramError)) throw error;
    }
  }
  return null;
}

/** Text of one image file (PNG, JPEG, PGM…); a JPEG (a phone's photo) is cleaned up first. */
export async function ocrImage(path: string): Promise<string> {
  const head = Buffer.alloc(3);
  const file = await open(path);
  try {
    await file.read(head, 0, 3, 0);
  } finally {
    await file.close();
  }
  if (head[0] !== 0xff || head[1] !== 0xd8 || head[2] !== 0xff) return tesseractText(path);
  const dir = await mkdtemp(join(tmpdir(), 'tiendo-photo-'));
  try {
    const clean = await cleanPhoto(path, join(dir, 'clean.pgm'));
    return await tesseractText(clean ?? path); // awaited: the folder goes in `finally`
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
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
