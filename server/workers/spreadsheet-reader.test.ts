import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDocx } from '../../documents/archive/test-zip.ts';
import { WORKBOOK_LIMITS } from '../../documents/sheets/read-workbook.ts';
import { AppError } from '../errors.ts';
import { SpreadsheetReader } from './spreadsheet-reader.ts';

// Issue 18: uploaded spreadsheets are parsed in worker processes with limits, never in the server's.

const refused = () => new AppError(415, 'unsupported_file', { expected: 'CSV hoặc XLSX' }, 'file');
const config = { workers: 1, memoryMb: 256 };

describe('SpreadsheetReader: uploads parsed in a worker process', () => {
  const reader = new SpreadsheetReader(config);
  afterAll(() => reader.close());

  it('reads an organisation CSV into its rows', async () => {
    const csv = Buffer.from(
      '\uFEFFcode,name,type,parent_code,valid_from\nA,Tỉnh A,province,,2024-01-01\nA1,"Xã, A1",commune,A,01/01/2024\n',
    );
    expect(await reader.orgFile(csv, refused)).toEqual([
      { code: 'A', name: 'Tỉnh A', type: 'province', parent_code: '', valid_from: '2024-01-01' },
      { code: 'A1', name: 'Xã, A1', type: 'commune', parent_code: 'A', valid_from: '01/01/2024' },
    ]);
  });

  it('refuses a ZIP bomb given as a workbook or an organisation file, as the caller names it', async () => {
    const bomb = await makeDocx(300);
    await expect(reader.workbook(bomb, refused)).rejects.toMatchObject({
      status: 415,
      key: 'unsupported_file',
    });
    await expect(reader.orgFile(bomb, refused)).rejects.toMatchObject({
      status: 415,
      key: 'unsupported_file',
    });
    await expect(reader.orgFile(Buffer.from([0, 1, 2, 3, 0, 0]), refused)).rejects.toMatchObject({
      status: 415,
    });
  });

  it('refuses an organisation file with an endless cell or too many rows (413), naming the limits', async () => {
    const endless = Buffer.concat([Buffer.from('code,name\n'), Buffer.alloc(2 * 1024 * 1024, 'x')]);
    await expect(reader.orgFile(endless, refused)).rejects.toMatchObject({
      status: 413,
      key: 'spreadsheet_too_large',
      params: { chars: 1_000 },
    });
    const rows = `code,name\n${'A,B\n'.repeat(200_001)}`;
    await expect(reader.orgFile(Buffer.from(rows), refused)).rejects.toMatchObject({
      status: 413,
      key: 'spreadsheet_too_large',
    });
  });

  it('refuses a workbook with a row past 200,000 or a cell longer than Excel allows (413), in the worker', async () => {
    const book = async (fill: (sheet: ExcelJS.Worksheet) => void) => {
      const workbook = new ExcelJS.Workbook();
      fill(workbook.addWorksheet('Báo cáo'));
      return Buffer.from(await workbook.xlsx.writeBuffer());
    };
    const farDown = await book((sheet) => {
      sheet.getCell('A1').value = 'Đơn vị';
      sheet.getCell(`A${WORKBOOK_LIMITS.maxRows + 1}`).value = 1;
    });
    await expect(reader.workbook(farDown, refused)).rejects.toMatchObject({
      status: 413,
      key: 'spreadsheet_too_large',
      params: { rows: '200.000', chars: 32_767 },
    });
    const longCell = await book((sheet) => {
      sheet.getCell('B2').value = 'x'.repeat(WORKBOOK_LIMITS.maxCellChars + 1);
    });
    await expect(reader.workbook(longCell, refused)).rejects.toMatchObject({ status: 413 });
    // at the limits it is read
    const atLimits = await book((sheet) => {
      sheet.getCell('B2').value = 'x'.repeat(WORKBOOK_LIMITS.maxCellChars);
      sheet.getCell(`A${WORKBOOK_LIMITS.maxRows}`).value = 7;
    });
    const [sheet] = await reader.workbook(atLimits, refused);
    expect(sheet?.rows.length).toBe(WORKBOOK_LIMITS.maxRows);
    expect(sheet?.rows[WORKBOOK_LIMITS.maxRows - 1]).toEqual([7]);
  });

  it('kills a parse past its time limit and says so (422), the server untouched', async () => {
    const slow = new SpreadsheetReader(config, undefined, 1);
    try {
      const csv = Buffer.from('code,name\nA,Tỉnh A\n');
      await expect(slow.orgFile(csv, refused)).rejects.toMatchObject({
        status: 422,
        key: 'spreadsheet_too_heavy',
      });
    } finally {
      slow.close();
    }
  });
});
