/**
 * Chooses the reader by content, not by file name: "%PDF" → PDF (OCR when image-only), a zip
 * holding word/document.xml → DOCX, OLE2 (D0 CF 11 E0) → Word 97-2003 through LibreOffice, PNG/JPEG/TIFF magic → OCR, otherwise UTF-8 (or UTF-16)
 * text. Binary junk is refused with "not a text document".
 */
import { readFile } from 'node:fs/promises';
import { inspectZip } from '../archive/zip-guard.ts';
import {
  checkTextLength,
  DEFAULT_READ_LIMITS,
  imageSize,
  pagePixels,
  ReadLimitError,
  type ReadLimits,
} from './read-limits.ts';

export type InputKind = 'pdf' | 'docx' | 'doc' | 'image' | 'text' | 'binary';

export class UnreadableInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableInputError';
  }
}

/** What the bytes are. */
export function sniffInput(bytes: Uint8Array): InputKind {
  const head = Buffer.from(bytes.subarray(0, 8)).toString('latin1');
  if (head.startsWith('%PDF')) return 'pdf';
  if (head.startsWith('PK\u0003\u0004')) {
    const sample = Buffer.from(bytes.subarray(0, Math.min(bytes.length, 1 << 20))).toString('latin1');
    return sample.includes('word/document.xml') || sample.includes('word/') ? 'docx' : 'binary';
  }
  // an OLE2 compound file: Word 97-2003 (read through LibreOffice)
  if (head.startsWith('\u00d0\u00cf\u0011\u00e0\u00a1\u00b1\u001a\u00e1')) return 'doc';
  if (head.startsWith('\u0089PNG') || head.startsWith('\u00ff\u00d8\u00ff')) return 'image';
  if (head.startsWith('II*\u0000') || head.startsWith('MM\u0000*')) return 'image';
  return looksLikeText(bytes) ? 'text' : 'binary';
}

function looksLikeText(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return true;
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return true;
  const sample = bytes.subarray(0, Math.min(bytes.length, 64 * 1024));
  let control = 0;
  for (const b of sample) if (b === 0 || b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  if (control > sample.length * 0.01) return false;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(sample);
  const bad = text.match(/\uFFFD/g)?.length ?? 0;
  // a cut multi-byte sequence at the end of the sample is not junk
  return bad <= Math.max(2, text.length * 0.01) || isLegacy8Bit(sample);
}

// legacy Vietnamese text files (TCVN3, VNI) are 8-bit: mostly ASCII letters and spaces, with
// marks above 0x7f and no control bytes
function isLegacy8Bit(sample: Uint8Array): boolean {
  let ascii = 0;
  let spaces = 0;
  for (const b of sample) {
    if (b < 0x09 || (b > 0x0d && b < 0x20) || b === 0x7f) return false;
    if (b < 0x80) ascii++;
    if (b === 0x20 || b === 0x0a) spaces++;
  }
  return ascii >= sample.length * 0.6 && spaces >= sample.length * 0.08;
}

export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  // an 8-bit legacy file (TCVN3, VNI) is read byte for byte; normalize-text converts it
  const text = new TextDecoder('utf-8').decode(bytes);
  const bad = text.match(/\uFFFD/g)?.length ?? 0;
  if (bad > Math.max(2, text.length * 0.01)) return Buffer.from(bytes).toString('latin1');
  return text;
}

export interface ReadOptions {
  onProgress?: (done: number, total: number) => void;
  /** Pages, pixels, characters and archive sizes refused beyond (read-limits.ts); defaults when absent. */
  limits?: ReadLimits;
}

/** The text of a document file, whatever its format, within the limits. */
export async function readInput(path: string, options: ReadOptions = {}): Promise<string> {
  const limits = options.limits ?? DEFAULT_READ_LIMITS;
  const bytes = await readFile(path);
  const kind = sniffInput(bytes);
  switch (kind) {
    case 'pdf': {
      const { readPdf } = await import('./read-pdf.ts');
      const pdf = await readPdf(bytes, { maxPages: limits.maxPdfPages, maxChars: limits.maxTextChars });
      if (!pdf.imageOnly && pdf.garbledPages.length === 0) return checkTextLength(pdf.text, limits);
      // an image-only scan, or pages whose text layer is garbage: OCR'd
      const scanned = pdf.imageOnly ? pdf.pages : pdf.garbledPages.length;
      if (scanned > limits.maxScannedPages)
        throw new ReadLimitError('parse_too_many_scanned_pages', `${scanned} > ${limits.maxScannedPages}`);
      const pixels = pagePixels(pdf.largestPage.width, pdf.largestPage.height);
      if (pixels > limits.maxOcrPixels)
        throw new ReadLimitError('parse_page_too_large', `${pixels} pixels > ${limits.maxOcrPixels}`);
      const { ocrPdf, ocrPdfPages } = await import('./read-ocr.ts');
      if (pdf.imageOnly) return checkTextLength(await ocrPdf(path, options.onProgress), limits);
      const read = await ocrPdfPages(path, pdf.garbledPages, options.onProgress);
      return checkTextLength(pdf.pageTexts.map((text, k) => read.get(k + 1) ?? text).join('\n'), limits);
    }
    case 'docx': {
      // before any unzipping: the declared and the real inflated sizes (a zip bomb stops here)
      const verdict = await inspectZip(bytes, limits.docxArchive);
      if (!verdict.ok) throw new ReadLimitError('parse_archive_refused', verdict.reason);
      const { readDocx } = await import('./read-docx.ts');
      return checkTextLength(await readDocx(bytes), limits);
    }
    case 'doc': {
      const { readDoc } = await import('./read-doc.ts');
      return checkTextLength(await readDoc(bytes), limits);
    }
    case 'image': {
      const size = imageSize(bytes);
      if (!size) throw new UnreadableInputError(`${path}: an image whose size cannot be read`);
      if (size.pages > limits.maxScannedPages)
        throw new ReadLimitError('parse_too_many_scanned_pages', `${size.pages} > ${limits.maxScannedPages}`);
      if (size.width * size.height > limits.maxOcrPixels)
        throw new ReadLimitError('parse_page_too_large', `${size.width}×${size.height} pixels`);
      const { ocrImage } = await import('./read-ocr.ts');
      options.onProgress?.(0, 1);
      const text = await ocrImage(path);
      options.onProgress?.(1, 1);
      return checkTextLength(text, limits);
    }
    case 'text':
      // UTF-8 takes at most 4 bytes a character: longer files are refused before decoding
      if (bytes.length > 4 * limits.maxTextChars)
        throw new ReadLimitError('parse_text_too_long', `${bytes.length} bytes`);
      return checkTextLength(decodeText(bytes), limits);
    default:
      throw new UnreadableInputError(`${path}: not a text document (binary content of an unknown format)`);
  }
}
