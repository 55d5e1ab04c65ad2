import { afterAll, describe, expect, it } from 'vitest';
import { makeDocx } from '../../documents/archive/test-zip.ts';
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
