import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDocx, makeZip } from './test-zip.ts';
import { inspectZip, inspectZipFile, summariseZip, type ZipLimits, zipWithinLimits } from './zip-guard.ts';

const dir = mkdtempSync(join(tmpdir(), 'tiendo-zip-guard-'));
let files = 0;
/** The archive written to disk, for the guard that reads a file in pieces. */
function onDisk(data: Buffer): string {
  const path = join(dir, `${files++}.zip`);
  writeFileSync(path, data);
  return path;
}
/** The verdict on the bytes in memory, checked equal to the verdict on the same bytes on disk. */
async function verdictOf(data: Buffer, limits?: ZipLimits) {
  const inMemory = await inspectZip(data, limits);
  expect(await inspectZipFile(onDisk(data), limits)).toEqual(inMemory);
  return inMemory;
}
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('zip guard', () => {
  it('reads the expanded size of a real XLSX and inflates it within the limits', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Báo cáo').addRow(['Mã', 'Tên', 'Giá trị']);
    const data = Buffer.from(await workbook.xlsx.writeBuffer());
    const summary = summariseZip(data)!;
    expect(summary.entries).toBeGreaterThan(3);
    expect(summary.uncompressedBytes).toBeGreaterThan(data.length / 2);
    const verdict = await verdictOf(data);
    expect(verdict).toEqual({ ok: true, entries: summary.entries, inflatedBytes: summary.uncompressedBytes });
    expect(await zipWithinLimits(data, { maxEntries: 5000, maxInflatedBytes: 100 })).toBe(false);
    expect(await zipWithinLimits(data, { maxEntries: 2, maxInflatedBytes: 1e9 })).toBe(false);
    expect(await zipWithinLimits(onDisk(data))).toBe(true);
    expect(await zipWithinLimits(onDisk(data), { maxEntries: 2, maxInflatedBytes: 1e9 })).toBe(false);
  });

  it('checks a file on disk without reading it whole: a 20 MB stored entry is never read', async () => {
    const big = makeZip([{ name: 'video.bin', content: Buffer.alloc(20 * 1024 * 1024, 7) }]);
    const stats = { bytesRead: 0 };
    expect(await inspectZipFile(onDisk(big), undefined, stats)).toEqual({
      ok: true,
      entries: 1,
      inflatedBytes: 20 * 1024 * 1024,
    });
    expect(stats.bytesRead).toBeLessThan(100 * 1024);
  });

  it('refuses what is not a zip', async () => {
    expect(summariseZip(Buffer.from('not a zip at all, just text'))).toBeNull();
    expect(await verdictOf(Buffer.alloc(10))).toEqual({ ok: false, reason: 'not_zip' });
    // a central directory pointing past the end
    const zip = makeZip([{ name: 'a.txt', content: Buffer.from('hello') }]);
    expect(await verdictOf(zip.subarray(0, 10))).toEqual({ ok: false, reason: 'not_zip' });
  });

  it('refuses a DOCX bomb that declares its sizes, without inflating it', async () => {
    const bomb = await makeDocx(200);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(summariseZip(bomb)!.uncompressedBytes).toBeGreaterThan(200 * 1024 * 1024);
    expect(await verdictOf(bomb, { maxEntries: 100, maxInflatedBytes: 64 * 1024 * 1024 })).toEqual({
      ok: false,
      reason: 'too_large',
    });
  });

  it('refuses a bomb that lies about its sizes, on the real inflated bytes', async () => {
    const liar = await makeDocx(50, { lie: true });
    expect(summariseZip(liar)!.uncompressedBytes).toBeLessThan(10_000);
    expect(await verdictOf(liar)).toEqual({ ok: false, reason: 'sizes_lie' });
    // an honest small one passes
    expect((await verdictOf(await makeDocx(1))).ok).toBe(true);
  });

  it('refuses encrypted entries and methods no reader supports', async () => {
    const zip = makeZip([{ name: 'a.txt', content: Buffer.from('hello') }]);
    const encrypted = Buffer.from(zip);
    const central = encrypted.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    encrypted.writeUInt16LE(1, central + 8);
    expect(await verdictOf(encrypted)).toEqual({ ok: false, reason: 'unsupported' });
    const bzip = Buffer.from(zip);
    bzip.writeUInt16LE(12, central + 10);
    expect(await verdictOf(bzip)).toEqual({ ok: false, reason: 'unsupported' });
  });
});
