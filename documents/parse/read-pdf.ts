/**
 * Text PDFs through pdfjs-dist (legacy build, for Node): text items → lines in pdf-layout.ts (rows by
 * y then x, two-column runs as blocks). A PDF with (almost) no text is a scan, and a page whose text
 * layer is garbage is listed in `garbledPages`: see read-ocr.ts.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { type Item, isGarbledText, itemsToLines } from './pdf-layout.ts';
import { ReadLimitError } from './read-limits.ts';

export { itemsToLines };

function isTextItem(
  value: unknown,
): value is { str: string; transform: number[]; width: number; height: number } {
  return typeof value === 'object' && value !== null && 'str' in value && 'transform' in value;
}

export interface PdfText {
  text: string;
  pages: number;
  /** true when the pages carry (almost) no text: an image-only scan */
  imageOnly: boolean;
  /** each page's text, in order */
  pageTexts: string[];
  /** pages (from 1) whose text layer is garbage (a font without a Unicode map): to be OCR'd */
  garbledPages: number[];
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
      pageTexts: pages,
      garbledPages: pages.flatMap((t, k) => (isGarbledText(t) ? [k + 1] : [])),
      pages: pdf.numPages,
      imageOnly: chars < 40 * pdf.numPages,
      largestPage: largest,
    };
  } finally {
    await pdf.destroy();
  }
}
