import { ROSTER_CATEGORIES, type TRosterCategory, type TSex } from '../../contracts/rosters.ts';
import { parseUserDate } from '../dates.ts';
import { foldText } from '../fold-text.ts';
import { NAME_REFUSAL_TEXT, nameRefusal } from '../names.ts';
import type { SheetCell } from '../reporting/report-sheet.ts';

/**
 * The roster import template (our own, one unit per file): its columns and the check of each row.
 * Every bad cell is named ("Ô C5: …") in Vietnamese; nothing is thrown, all errors are collected.
 */

export const ROSTER_CATEGORY_LABELS: Record<TRosterCategory, string> = {
  can_bo_chu_chot: 'Cán bộ chủ chốt',
  can_bo_nu_cong: 'Cán bộ nữ công',
  uy_vien_bch: 'Ủy viên Ban Chấp hành',
};

/** The template's columns, left to right, from column A. */
export const ROSTER_COLUMNS = [
  { key: 'fullName', header: 'Họ và tên', width: 30 },
  { key: 'sex', header: 'Giới tính (Nam/Nữ)', width: 16 },
  { key: 'birthYear', header: 'Năm sinh', width: 10 },
  { key: 'position', header: 'Chức vụ', width: 30 },
  { key: 'category', header: `Loại (${Object.values(ROSTER_CATEGORY_LABELS).join(' / ')})`, width: 34 },
  { key: 'validFrom', header: 'Từ ngày (dd/mm/yyyy)', width: 18 },
  { key: 'validTo', header: 'Đến ngày (bỏ trống: đang giữ)', width: 18 },
] as const;

export type RosterColumnKey = (typeof ROSTER_COLUMNS)[number]['key'];

/** A row as read from the sheet: each column's text (empty when blank), and its row number. */
export interface RawRosterRow {
  row: number;
  cells: Record<RosterColumnKey, string>;
}

export interface RosterRow {
  row: number;
  fullName: string;
  sex: TSex;
  birthYear: number | null;
  position: string | null;
  category: TRosterCategory;
  validFrom: string;
  validTo: string | null;
}

export interface RosterCellError {
  cell: string;
  row: number;
  message: string;
}

function cellName(key: RosterColumnKey, row: number): string {
  const index = ROSTER_COLUMNS.findIndex((c) => c.key === key);
  return `${String.fromCharCode(65 + index)}${row}`;
}

const SEX_WORDS: Record<string, TSex> = { nam: 'male', nu: 'female', male: 'male', female: 'female' };

function categoryOf(text: string): TRosterCategory | null {
  const folded = foldText(text).replace(/\s+/g, ' ').trim();
  for (const category of ROSTER_CATEGORIES) {
    const label = foldText(ROSTER_CATEGORY_LABELS[category]);
    if (folded === label || folded === category.replace(/_/g, ' ') || folded === category) return category;
  }
  if (folded === 'uy vien bch') return 'uy_vien_bch';
  return null;
}

/**
 * Who a roster row is, to tell the same person entered twice: category, full name without marks or
 * case, birth year.
 */
export function rosterPersonKey(category: string, fullName: string, birthYear: number | null): string {
  return `${category}|${foldText(fullName).replace(/\s+/g, ' ').trim()}|${birthYear ?? ''}`;
}

/**
 * Checks every row; `thisYear` bounds the birth year (a person is at least 16). A person already on
 * the roster (`existing`: `rosterPersonKey`s) or twice in the file is refused on the name's cell.
 */
export function validateRosterRows(
  raw: readonly RawRosterRow[],
  thisYear: number,
  existing: ReadonlySet<string> = new Set(),
): { rows: RosterRow[]; errors: RosterCellError[] } {
  const rows: RosterRow[] = [];
  const errors: RosterCellError[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of raw) {
    const before = errors.length;
    const fail = (key: RosterColumnKey, message: string) => {
      const cell = cellName(key, row);
      errors.push({ cell, row, message: `Ô ${cell}: ${message}` });
    };
    const fullName = cells.fullName.trim();
    if (!fullName) fail('fullName', 'họ và tên trống');
    else if (fullName.length > 200) fail('fullName', 'họ và tên dài quá 200 ký tự');
    else if (nameRefusal(fullName)) fail('fullName', NAME_REFUSAL_TEXT[nameRefusal(fullName)!]);
    const sex = SEX_WORDS[foldText(cells.sex.trim())];
    if (!sex) fail('sex', 'giới tính phải là "Nam" hoặc "Nữ"');
    let birthYear: number | null = null;
    const yearText = cells.birthYear.trim();
    if (yearText) {
      const year = Number(yearText);
      if (!Number.isInteger(year) || year < 1900 || year > thisYear - 16)
        fail('birthYear', `năm sinh phải là số nguyên từ 1900 đến ${thisYear - 16}`);
      else birthYear = year;
    }
    const position = cells.position.trim();
    if (position.length > 200) fail('position', 'chức vụ dài quá 200 ký tự');
    const category = categoryOf(cells.category);
    if (!category)
      fail('category', `loại phải là một trong: ${Object.values(ROSTER_CATEGORY_LABELS).join(', ')}`);
    const validFrom = cells.validFrom.trim() ? parseUserDate(cells.validFrom.trim()) : null;
    if (!validFrom) fail('validFrom', 'ngày bắt đầu trống hoặc sai (dd/mm/yyyy)');
    const validToText = cells.validTo.trim();
    const validTo = validToText ? parseUserDate(validToText) : null;
    if (validToText && !validTo) fail('validTo', 'ngày kết thúc sai (dd/mm/yyyy)');
    else if (validFrom && validTo && validTo < validFrom) fail('validTo', 'ngày kết thúc trước ngày bắt đầu');
    if (errors.length === before) {
      const key = rosterPersonKey(category!, fullName, birthYear);
      if (existing.has(key)) fail('fullName', `${fullName} đã có trong danh sách (cùng loại, cùng năm sinh)`);
      else if (seen.has(key)) fail('fullName', `${fullName} trùng với dòng ${seen.get(key)}`);
      seen.set(key, seen.get(key) ?? row);
    }
    if (errors.length === before)
      rows.push({
        row,
        fullName,
        sex: sex!,
        birthYear,
        position: position || null,
        category: category!,
        validFrom: validFrom!,
        validTo,
      });
  }
  return { rows, errors };
}

/** A plain cell (`readWorkbookRows`) as the text the officer sees. */
function cellText(cell: SheetCell | undefined): string {
  if (cell === null || cell === undefined || typeof cell === 'boolean') return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number') return String(cell);
  if ('date' in cell) return cell.date;
  if ('percent' in cell) return String(cell.percent);
  if ('formula' in cell) return cell.result === null ? '' : String(cell.result);
  return '';
}

/**
 * The template's rows under its header "Họ và tên" (looked for in the first ten rows of the sheet),
 * blank rows left out; null when the sheet has no such header.
 */
export function rosterRowsOfSheet(rows: readonly (readonly SheetCell[])[]): RawRosterRow[] | null {
  const header = rows.slice(0, 10).findIndex((row) => foldText(cellText(row[0])).startsWith('ho va ten'));
  if (header < 0) return null;
  const raw: RawRosterRow[] = [];
  for (let r = header + 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const cells = Object.fromEntries(
      ROSTER_COLUMNS.map((c, i) => [c.key, cellText(row[i]).trim()]),
    ) as Record<RosterColumnKey, string>;
    if (Object.values(cells).every((v) => v === '')) continue;
    raw.push({ row: r + 1, cells });
  }
  return raw;
}
