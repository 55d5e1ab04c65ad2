/**
 * Text PDFs through pdfjs-dist (legacy build, for Node): text items are regrouped into lines by
 * their y position, then ordered by x. A PDF with (almost) no text is a scan: see read-ocr.ts.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { ReadLimitError } from './read-limits.ts';

interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

function isTextItem(
  value: unknown,
): value is { str: string; transform: number[]; width: number; height: number } {
  return typeof value === 'object' && value !== null && 'str' in value && 'transform' in value;
}

/** Rebuilds lines from positioned text items (y grows upwards, as in PDF space). */
export function itemsToLines(items: readonly Item[]): string {
  const sorted = items.filter((i) => i.str.trim().length > 0).sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: { y: number; height: number; items: Item[] }[] = [];
  for (const item of sorted) {
    const row = rows.at(-1);
    const tolerance = Math.max(2, (row?.height ?? item.height) * 0.45);
    if (row && Math.abs(row.y - item.y) <= tolerance) row.items.push(item);
    else rows.push({ y: item.y, height: item.height || 10, items: [item] });
  }
  const lines: string[] = [];
  let prevY: number | null = null;
  let prevHeight = 10;
  for (const row of rows) {
    if (prevY !== null && prevY - row.y > Math.max(prevHeight, row.height) * 1.9) lines.push('');
    row.items.sort((a, b) => a.x - b.x);
    let text = '';
    let end: number | null = null;
    for (const item of row.items) {
      const gap = end === null ? 0 : item.x - end;
      if (
        end !== null &&
        gap > Math.max(1, item.height * 0.15) &&
        !text.endsWith(' ') &&
        !item.str.startsWith(' ')
      ) {
        text += gap > item.height * 4 ? '    ' : ' ';
      }
      text += item.str;
      end = item.x + item.width;
    }
    lines.push(text);
    prevY = row.y;
    prevHeight = row.height || 10;
  }
  return lines.join('\n');
}

export interface PdfText {
  text: string;
  pages: number;
  /** true when the pages carry (almost) no text: an image-only scan */
  imageOnly: boolean;
  /** The largest page, in points (what OCR would have to render). */
  largestPage: { width: number; height: number };
}

/** Refused beyond these (read-limits.ts): checked before any page is read, and as text grows. */
export interface PdfLimits {
  maxPages: number;
  maxChars: number;
}

export async function readPdf(
  buffer: Buffer,
  limits: PdfLimits = { maxPages: Number.POSITIVE_INFINITY, maxChars: Number.POSITIVE_INFINITY },
): Promise<PdfText> {
  const data = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength).slice();
  const pdf = await getDocument({ data, useSystemFonts: false, isEvalSupported: false, verbosity: 0 })
    .promise;
  try {
    if (pdf.numPages > limits.maxPages)
      throw new ReadLimitError('parse_too_many_pages', `${pdf.numPages} pages > ${limits.maxPages}`);
    const pages: string[] = [];
    let chars = 0;
    let length = 0;
    let largest = { width: 0, height: 0 };
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const { width, height } = page.getViewport({ scale: 1 });
      if (width * height > largest.width * largest.height) largest = { width, height };
      const content = await page.getTextContent();
      const items: Item[] = [];
      for (const raw of content.items) {
        if (!isTextItem(raw)) continue;
        const t = raw.transform;
        items.push({
          str: raw.str,
          x: t[4] ?? 0,
          y: t[5] ?? 0,
          width: raw.width,
          height: raw.height || Math.abs(t[3] ?? 10),
        });
        chars += raw.str.trim().length;
        length += raw.str.length;
      }
      if (length > limits.maxChars)
        throw new ReadLimitError('parse_text_too_long', `more than ${limits.maxChars} characters`);
      pages.push(itemsToLines(items));
      page.cleanup();
    }
    return {
      text: pages.join('\n'),
      pages: pdf.numPages,
      imageOnly: chars < 40 * pdf.numPages,
      largestPage: largest,
    };
  } finally {
    await pdf.destroy();
  }
}
