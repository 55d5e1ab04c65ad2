import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDocx } from '../archive/test-zip.ts';
import { readInput } from './read-input.ts';
import { DEFAULT_READ_LIMITS, imageSize, type ReadLimitCode, ReadLimitError } from './read-limits.ts';
import { makePdf } from './test-pdf.ts';

const dir = mkdtempSync(join(tmpdir(), 'tiendo-limits-'));
const file = (name: string, data: Buffer | string): string => {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
};
const LINE = 'Tăng cường công tác tuyên truyền, giáo dục cho đoàn viên công đoàn năm 2025';

async function refusal(path: string, limits = DEFAULT_READ_LIMITS): Promise<ReadLimitCode> {
  const error = await readInput(path, { limits }).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ReadLimitError);
  return (error as ReadLimitError).code;
}

describe('reading limits', () => {
  it('refuses a huge text, before and after decoding', async () => {
    // 25 MB on one line (the upload limit): refused on its bytes alone
    expect(await refusal(file('flood.txt', Buffer.alloc(25 * 1024 * 1024, 'a')))).toBe('parse_text_too_long');
    // 2.5 million characters of real Vietnamese text: refused once decoded
    const text = `${LINE}\n`.repeat(Math.ceil(2_500_000 / (LINE.length + 1)));
    expect(text.length).toBeGreaterThan(DEFAULT_READ_LIMITS.maxTextChars);
    expect(Buffer.byteLength(text)).toBeLessThan(4 * DEFAULT_READ_LIMITS.maxTextChars);
    expect(await refusal(file('long.txt', text))).toBe('parse_text_too_long');
    // the same text within a larger limit is read
    const limits = { ...DEFAULT_READ_LIMITS, maxTextChars: 3_000_000 };
    expect((await readInput(join(dir, 'long.txt'), { limits })).length).toBe(text.length);
  });

  it('refuses a PDF of more pages than allowed before reading a page, and reads one within', async () => {
    const flood = file('flood.pdf', makePdf({ pages: 5_000, text: LINE }));
    expect(await refusal(flood)).toBe('parse_too_many_pages');
    const small = file(
      'small.pdf',
      makePdf({ pages: 3, text: 'KE HOACH to chuc Thang Cong nhan nam 2025 cua cong doan' }),
    );
    expect(await readInput(small)).toMatch(/KE HOACH to chuc/);
    expect(await refusal(small, { ...DEFAULT_READ_LIMITS, maxPdfPages: 2 })).toBe('parse_too_many_pages');
  });

  it('refuses a text PDF whose text is too long as it grows', async () => {
    const pdf = file('wordy.pdf', makePdf({ pages: 50, text: LINE }));
    expect(await refusal(pdf, { ...DEFAULT_READ_LIMITS, maxTextChars: 1_000 })).toBe('parse_text_too_long');
  });

  it('refuses scans of too many pages or too many pixels before rendering anything', async () => {
    // 41 blank pages: a scan (no text layer) one page over the OCR limit
    expect(await refusal(file('blank.pdf', makePdf({ pages: 41 })))).toBe('parse_too_many_scanned_pages');
    // one blank page of 14,400 × 14,400 points: 3.6 billion pixels at 300 dpi
    expect(await refusal(file('poster.pdf', makePdf({ pages: 1, width: 14_400, height: 14_400 })))).toBe(
      'parse_page_too_large',
    );
    // a PNG that declares 100,000 × 100,000 pixels
    const png = Buffer.alloc(64);
    png.write('\u0089PNG\r\n\u001a\n', 0, 'latin1');
    png.writeUInt32BE(13, 8);
    png.write('IHDR', 12, 'latin1');
    png.writeUInt32BE(100_000, 16);
    png.writeUInt32BE(100_000, 20);
    expect(await refusal(file('huge.png', png))).toBe('parse_page_too_large');
  });

  it('reads image sizes from PNG, JPEG and TIFF headers', () => {
    const jpeg = Buffer.from([
      0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x0b, 0xb8, 0x0f, 0xa0,
      0x01, 0x01, 0x11, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    ]);
    expect(imageSize(jpeg)).toEqual({ width: 4000, height: 3000, pages: 1 });
    // little-endian TIFF, two pages (IFDs) of 100 × 200 and 3000 × 4000
    const tiff = Buffer.alloc(80);
    tiff.write('II*\u0000', 0, 'latin1');
    tiff.writeUInt32LE(8, 4);
    const ifd = (at: number, width: number, height: number, next: number) => {
      tiff.writeUInt16LE(2, at);
      tiff.writeUInt16LE(256, at + 2);
      tiff.writeUInt16LE(4, at + 4);
      tiff.writeUInt32LE(1, at + 6);
      tiff.writeUInt32LE(width, at + 10);
      tiff.writeUInt16LE(257, at + 14);
      tiff.writeUInt16LE(4, at + 16);
      tiff.writeUInt32LE(1, at + 18);
      tiff.writeUInt32LE(height, at + 22);
      tiff.writeUInt32LE(next, at + 26); // 2 + 2 × 12 bytes of entries
    };
    ifd(8, 100, 200, 40);
    ifd(40, 3000, 4000, 0);
    expect(imageSize(tiff)).toEqual({ width: 3000, height: 4000, pages: 2 });
    expect(imageSize(Buffer.from('\u0089PNG', 'latin1'))).toBeNull();
  });

  it('refuses a DOCX zip bomb before unzipping it, whether it tells its size or lies', async () => {
    const bomb = await makeDocx(300);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(await refusal(file('bomb.docx', bomb))).toBe('parse_archive_refused');
    expect(await refusal(file('liar.docx', await makeDocx(80, { lie: true })))).toBe('parse_archive_refused');
    // an honest DOCX within the limits is read
    expect((await readInput(file('fine.docx', await makeDocx(1)))).length).toBe(1024 * 1024);
  });
});
