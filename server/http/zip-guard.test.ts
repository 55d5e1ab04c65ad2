import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { summariseZip, zipWithinLimits } from './zip-guard.ts';

describe('zip guard', () => {
  it('reads the expanded size of a real XLSX without inflating it', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Báo cáo').addRow(['Mã', 'Tên', 'Giá trị']);
    const data = Buffer.from(await workbook.xlsx.writeBuffer());
    const summary = summariseZip(data)!;
    expect(summary.entries).toBeGreaterThan(3);
    expect(summary.uncompressedBytes).toBeGreaterThan(data.length / 2);
    expect(zipWithinLimits(data)).toBe(true);
    expect(zipWithinLimits(data, { maxEntries: 5000, maxUncompressedBytes: 100 })).toBe(false);
  });
  it('refuses what is not a zip', () => {
    expect(summariseZip(Buffer.from('not a zip at all, just text'))).toBeNull();
    expect(zipWithinLimits(Buffer.alloc(10))).toBe(false);
  });
});
