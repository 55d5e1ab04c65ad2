import { readFile } from 'node:fs/promises';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { restoreCsvCell } from '../../domain/csv-cell.ts';
import type { RawOrgRow } from '../../domain/org/org-rows.ts';
import { zipWithinLimits } from '../archive/zip-guard.ts';

// Parses an uploaded organisation file (`code,name,type,parent_code,valid_from,valid_to`, CSV or
// XLSX) into plain rows: a path or a Buffer in, JSON-safe rows out, so it runs in a worker process
// (server/workers/document-reader-pool.ts), never in the server's.

/** The file is neither a CSV text nor an XLSX we can open (or its archive is over the limits). */
export class UnreadableOrgFile extends Error {
  constructor(reason: string) {
    super(`unreadable organisation file: ${reason}`);
  }
}

/**
 * What an organisation file may hold: the country's tree is ~130,000 units, and no code or name
 * is near a thousand characters. Past either, the file is refused before it reaches the server.
 */
export const ORG_FILE_LIMITS = { maxRows: 200_000, maxCellChars: 1_000 };

/** The file holds more rows, or a longer cell, than `ORG_FILE_LIMITS`. */
export class OrgFileTooLarge extends Error {
  constructor(reason: string) {
    super(`organisation file too large: ${reason}`);
  }
}

const isZip = (data: Buffer) =>
  data.length > 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04;

/** Reads an organisation file; the format is told by its content, not its name. */
export async function readOrgFile(source: Buffer | string): Promise<RawOrgRow[]> {
  const data = typeof source === 'string' ? await readFile(source) : source;
  if (isZip(data)) return readXlsx(data);
  const text = data.toString('utf8').replace(/^\uFEFF/, '');
  if (text.includes('\u0000')) throw new UnreadableOrgFile('binary');
  let records: RawOrgRow[];
  try {
    records = parseCsv(text, {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
      // a row is a few cells of at most maxCellChars: an endless one stops the parse early
      max_record_size: ORG_FILE_LIMITS.maxCellChars * 8,
      to: ORG_FILE_LIMITS.maxRows + 1,
      // A cell this product wrote as `'=…` (formula neutralised on export) reads back as written.
      cast: (value) => restoreCsvCell(value),
    }) as RawOrgRow[];
  } catch (error) {
    if ((error as { code?: string }).code === 'CSV_MAX_RECORD_SIZE') throw new OrgFileTooLarge('row');
    throw new UnreadableOrgFile(error instanceof Error ? error.message : String(error));
  }
  return withinLimits(records);
}

/** The rows, or `OrgFileTooLarge` past `ORG_FILE_LIMITS`. */
function withinLimits(records: RawOrgRow[]): RawOrgRow[] {
  if (records.length > ORG_FILE_LIMITS.maxRows) throw new OrgFileTooLarge('rows');
  for (const record of records)
    for (const value of Object.values(record))
      if (typeof value === 'string' && value.length > ORG_FILE_LIMITS.maxCellChars)
        throw new OrgFileTooLarge('cell');
  return records;
}

async function readXlsx(data: Buffer): Promise<RawOrgRow[]> {
  if (!(await zipWithinLimits(data))) throw new UnreadableOrgFile('archive refused');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch (error) {
    throw new UnreadableOrgFile(error instanceof Error ? error.message : String(error));
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const header: string[] = [];
  sheet.getRow(1).eachCell((cell, column) => {
    header[column] = String(cell.text).trim().toLowerCase();
  });
  const records: RawOrgRow[] = [];
  if (sheet.rowCount > ORG_FILE_LIMITS.maxRows + 1) throw new OrgFileTooLarge('rows');
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    if (!row.hasValues) continue;
    const record: RawOrgRow = {};
    header.forEach((key, column) => {
      if (!key) return;
      const cell = row.getCell(column);
      const value = cell.value instanceof Date ? cell.value.toISOString().slice(0, 10) : cell.text;
      record[key] = String(value ?? '').trim();
    });
    records.push(record);
  }
  return withinLimits(records);
}
