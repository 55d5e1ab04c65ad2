/**
 * What a reader may be asked to read: pages, page sizes, pixels, characters and archive sizes.
 * The readers take these as one option object (`readInput(path, { limits })`), the server from its
 * configuration, the CLI the defaults. A limit crossed is a `ReadLimitError` with a stable code
 * that the server turns into a short message, never the library's text.
 */
import type { ZipLimits } from '../archive/zip-guard.ts';

export interface ReadLimits {
  /** Pages of a PDF with a text layer (pdf.js reads ~1,000 pages in 1.5 s). */
  maxPdfPages: number;
  /** Pages of a scan to OCR (~4 s a page). */
  maxScannedPages: number;
  /** Pixels of one page rendered for OCR (at `OCR_DPI`), or of one image file. */
  maxOcrPixels: number;
  /** Characters of text read, whatever the format (the extractors take ~1 s per MB). */
  maxTextChars: number;
  /** A DOCX, before mammoth inflates it. */
  docxArchive: ZipLimits;
}

/** The resolution read-ocr.ts renders scanned pages at (`pdftoppm -r 300`). */
export const OCR_DPI = 300;

export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxPdfPages: 300,
  maxScannedPages: 40,
  // an A3 page at 300 dpi is 17.4 million pixels; a poster-size "page" is refused
  maxOcrPixels: 40_000_000,
  maxTextChars: 2_000_000,
  docxArchive: { maxEntries: 2_000, maxInflatedBytes: 64 * 1024 * 1024 },
};

export type ReadLimitCode =
  | 'parse_too_many_pages'
  | 'parse_too_many_scanned_pages'
  | 'parse_page_too_large'
  | 'parse_text_too_long'
  | 'parse_archive_refused';

export class ReadLimitError extends Error {
  constructor(
    readonly code: ReadLimitCode,
    detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'ReadLimitError';
  }
}

/** Refuses text longer than the limit. */
export function checkTextLength(text: string, limits: ReadLimits): string {
  if (text.length > limits.maxTextChars)
    throw new ReadLimitError('parse_text_too_long', `${text.length} characters > ${limits.maxTextChars}`);
  return text;
}

/** Pixels of a page `widthPt` × `heightPt` points rendered at `OCR_DPI`. */
export function pagePixels(widthPt: number, heightPt: number): number {
  return Math.ceil((widthPt * OCR_DPI) / 72) * Math.ceil((heightPt * OCR_DPI) / 72);
}

export interface ImageSize {
  width: number;
  height: number;
  pages: number;
}

/**
 * Width and height of a PNG, JPEG or TIFF from its header (the largest page of a TIFF, and its
 * pages), or null when they cannot be found (then the image is refused: tesseract would decode
 * whatever size it declares).
 */
export function imageSize(bytes: Uint8Array): ImageSize | null {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (data.length >= 24 && data.readUInt32BE(0) === 0x89504e47 && data.toString('latin1', 12, 16) === 'IHDR')
    return { width: data.readUInt32BE(16), height: data.readUInt32BE(20), pages: 1 };
  if (data.length >= 4 && data[0] === 0xff && data[1] === 0xd8) return jpegSize(data);
  if (data.length >= 8) {
    const tag = data.toString('latin1', 0, 4);
    if (tag === 'II*\u0000' || tag === 'MM\u0000*') return tiffSize(data, tag === 'II*\u0000');
  }
  return null;
}

function jpegSize(data: Buffer): ImageSize | null {
  let offset = 2;
  while (offset + 9 < data.length) {
    if (data[offset] !== 0xff) return null;
    const marker = data[offset + 1]!;
    if (marker === 0xff) {
      offset++;
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2;
      continue;
    }
    const length = data.readUInt16BE(offset + 2);
    // start of frame (baseline, progressive, …), not DHT (c4), JPG (c8) or DAC (cc)
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return { height: data.readUInt16BE(offset + 5), width: data.readUInt16BE(offset + 7), pages: 1 };
    offset += 2 + length;
  }
  return null;
}

function tiffSize(data: Buffer, little: boolean): ImageSize | null {
  const u16 = (at: number) => (little ? data.readUInt16LE(at) : data.readUInt16BE(at));
  const u32 = (at: number) => (little ? data.readUInt32LE(at) : data.readUInt32BE(at));
  // the largest page decides: every IFD (page) is visited, at most 1,000
  let ifd = u32(4);
  let largest: ImageSize | null = null;
  for (let pages = 1; ifd > 0 && ifd + 2 <= data.length && pages <= 1_000; pages++) {
    const count = u16(ifd);
    let width = 0;
    let height = 0;
    for (let k = 0; k < count; k++) {
      const at = ifd + 2 + k * 12;
      if (at + 12 > data.length) return null;
      const tag = u16(at);
      const value = u16(at + 2) === 3 ? u16(at + 8) : u32(at + 8);
      if (tag === 256) width = value;
      if (tag === 257) height = value;
    }
    if (width === 0 || height === 0) return null;
    if (!largest || width * height > largest.width * largest.height) largest = { width, height, pages };
    else largest.pages = pages;
    const next = ifd + 2 + count * 12;
    if (next + 4 > data.length) break;
    ifd = u32(next);
  }
  return largest;
}
