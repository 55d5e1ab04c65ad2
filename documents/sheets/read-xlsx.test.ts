import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { hasLibreOffice } from '../render/render-pdf.ts';
import { readWorkbookRows, readWorkbookRowsWithExcelJS, WorkbookTooLarge } from './read-workbook.ts';

const HAS_SOFFICE = await hasLibreOffice();

/** A filled template as offices send it: every kind of cell the import reads, on three sheets. */
async function filledWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const cover = workbook.addWorksheet('Bìa');
  cover.getCell('A1').value = 'Báo cáo năm 2025 — Công đoàn phường Tân Phong & "các đơn vị" <1>';
  const sheet = workbook.addWorksheet('Số liệu (đã sửa tên)');
  sheet.getCell('A1').value = { richText: [{ text: 'Mã ', font: { bold: true } }, { text: 'đơn vị' }] };
  sheet.getCell('B1').value = 'Được tập huấn';
  sheet.getCell('C1').value = 'Tỷ lệ';
  sheet.getCell('D1').value = 'Ngày';
  sheet.getCell('E1').value = 'Có/Không';
  for (let r = 2; r <= 40; r++) {
    sheet.getCell(`A${r}`).value = `X${r}`;
    sheet.getCell(`B${r}`).value = r % 7 === 0 ? '1.234' : r * 1.5;
    sheet.getCell(`C${r}`).value = r / 100;
    sheet.getCell(`C${r}`).numFmt = '0.0%';
    sheet.getCell(`D${r}`).value = new Date(Date.UTC(2026, 5, r % 28 || 1));
    sheet.getCell(`D${r}`).numFmt = 'dd/mm/yyyy';
    sheet.getCell(`E${r}`).value = r % 2 === 0;
    sheet.getCell(`F${r}`).value = { formula: `B${r}*2`, result: r * 3 };
    sheet.getCell(`G${r}`).value = { formula: `B${r}/C${r}`, result: { error: '#DIV/0!' } };
    sheet.getCell(`H${r}`).value = { formula: `C${r}`, result: r / 100 };
    sheet.getCell(`H${r}`).numFmt = '0%';
    sheet.getCell(`I${r}`).value = { formula: `D${r}`, result: new Date(Date.UTC(2026, 0, 2)) };
    sheet.getCell(`I${r}`).numFmt = 'dd/mm/yyyy';
    sheet.getCell(`J${r}`).value = { formula: `A${r}&"!"`, result: `X${r}!` };
    sheet.getCell(`K${r}`).value = { formula: `SUM(B${r}:C${r})` };
  }
  sheet.getCell('A45').value = '  khoảng trắng giữ nguyên  ';
  sheet.getCell('AB45').value = 'cột xa';
  sheet.getCell('B46').value = { error: '#N/A' };
  sheet.getCell('C47').value = '90%';
  const hidden = workbook.addWorksheet('Khoá', { state: 'hidden' });
  hidden.getCell('B3').value = 'v:1:total:n';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('readWorkbookRows (the package read as XML)', () => {
  it('reads every kind of cell as ExcelJS did: text, rich text, numbers, %, dates, booleans, errors, formulas', async () => {
    const file = await filledWorkbook();
    const fast = await readWorkbookRows(file);
    expect(fast).toEqual(await readWorkbookRowsWithExcelJS(file));
    // and what the import reads, spelt out
    const data = fast[1]!;
    expect(fast.map((s) => s.name)).toEqual(['Bìa', 'Số liệu (đã sửa tên)', 'Khoá']);
    expect(fast[0]!.rows[0]![0]).toBe('Báo cáo năm 2025 — Công đoàn phường Tân Phong & "các đơn vị" <1>');
    expect(data.rows[0]![0]).toBe('Mã đơn vị');
    expect(data.rows[1]!.slice(0, 11)).toEqual([
      'X2',
      3,
      { percent: 0.02 },
      { date: '02/06/2026' },
      true,
      { formula: 'B2*2', result: 6 },
      { error: '#DIV/0!' },
      { percent: 0.02 },
      { date: '02/01/2026' },
      { formula: 'A2&"!"', result: 'X2!' },
      { formula: 'SUM(B2:C2)', result: null },
    ]);
    expect(data.rows[44]![27]).toBe('cột xa');
  });

  it.skipIf(!HAS_SOFFICE)(
    'reads a workbook LibreOffice saved as ExcelJS did',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'tiendo-xlsx-'));
      try {
        await writeFile(join(dir, 'in.xlsx'), await filledWorkbook());
        await promisify(execFile)(
          'soffice',
          [
            '--headless',
            `-env:UserInstallation=file://${dir}/profile`,
            '--convert-to',
            'xlsx:Calc MS Excel 2007 XML',
            '--outdir',
            join(dir, 'out'),
            join(dir, 'in.xlsx'),
          ],
          { timeout: 120_000 },
        );
        const saved = await readFile(join(dir, 'out', 'in.xlsx'));
        // LibreOffice writes a boolean as the formula FALSE() or TRUE() with its value; ExcelJS lost a
        // false result (null), the XML reader keeps it — the one difference
        const reference = (await readWorkbookRowsWithExcelJS(saved)).map((sheet) => ({
          ...sheet,
          rows: sheet.rows.map((row) =>
            row.map((cell) =>
              cell !== null && typeof cell === 'object' && 'formula' in cell && cell.formula === 'FALSE()'
                ? { ...cell, result: false }
                : cell,
            ),
          ),
        }));
        const read = await readWorkbookRows(saved);
        expect(read).toEqual(reference);
        expect(read[1]!.rows[2]![4]).toEqual({ formula: 'FALSE()', result: false });
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    180_000,
  );

  it("refuses a cell past Excel's limit", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('A').getCell('A1').value = 'x'.repeat(40_000);
    await expect(readWorkbookRows(Buffer.from(await workbook.xlsx.writeBuffer()))).rejects.toBeInstanceOf(
      WorkbookTooLarge,
    );
  });
});
