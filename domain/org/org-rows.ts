import { type TUnitType, UNIT_TYPES } from '../../contracts/org.ts';
import { parseUserDate } from '../dates.ts';
import { NAME_REFUSAL_TEXT, nameRefusal } from '../names.ts';

/** One row of the organisation exchange file (CSV or XLSX), as read. */
export type RawOrgRow = Record<string, string | undefined>;

export interface OrgRow {
  /** Row number in the file (the header is row 1). */
  line: number;
  code: string;
  name: string;
  type: TUnitType;
  parentCode: string | null;
  validFrom: string;
  validTo: string | null;
}

export interface RowError {
  row: number;
  field: string;
  message: string;
}

const CODE = /^[\p{L}\p{N}._-]{1,50}$/u;

/**
 * Checks every row and orders the good ones so that parents come before children.
 * `knownCodes` are codes already in the database. All errors are collected, none thrown.
 */
export function validateOrgRows(
  raw: RawOrgRow[],
  knownCodes: ReadonlySet<string>,
): { rows: OrgRow[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const rows: OrgRow[] = [];
  const seen = new Map<string, number>();
  raw.forEach((record, index) => {
    const line = index + 2;
    const get = (key: string) => (record[key] ?? '').trim();
    const before = errors.length;
    const code = get('code');
    const name = get('name');
    const type = get('type');
    const parentCode = get('parent_code') || null;
    const validFromText = get('valid_from');
    const validToText = get('valid_to');
    if (!CODE.test(code))
      errors.push({ row: line, field: 'code', message: 'mã đơn vị trống hoặc có ký tự không hợp lệ' });
    else if (seen.has(code))
      errors.push({ row: line, field: 'code', message: `mã ${code} trùng với dòng ${seen.get(code)}` });
    else seen.set(code, line);
    if (!name) errors.push({ row: line, field: 'name', message: 'tên đơn vị trống' });
    else if (name.length > 300) errors.push({ row: line, field: 'name', message: 'tên dài quá 300 ký tự' });
    else if (nameRefusal(name))
      errors.push({ row: line, field: 'name', message: NAME_REFUSAL_TEXT[nameRefusal(name)!] });
    if (!(UNIT_TYPES as readonly string[]).includes(type)) {
      errors.push({
        row: line,
        field: 'type',
        message: `loại đơn vị phải là một trong: ${UNIT_TYPES.join(', ')}`,
      });
    }
    const validFrom = validFromText ? parseUserDate(validFromText) : null;
    if (!validFrom)
      errors.push({
        row: line,
        field: 'valid_from',
        message: 'ngày bắt đầu trống hoặc sai (dd/mm/yyyy hoặc yyyy-mm-dd)',
      });
    const validTo = validToText ? parseUserDate(validToText) : null;
    if (validToText && !validTo)
      errors.push({
        row: line,
        field: 'valid_to',
        message: 'ngày kết thúc sai (dd/mm/yyyy hoặc yyyy-mm-dd)',
      });
    if (validFrom && validTo && validTo < validFrom) {
      errors.push({ row: line, field: 'valid_to', message: 'ngày kết thúc trước ngày bắt đầu' });
    }
    if (parentCode === code && code)
      errors.push({ row: line, field: 'parent_code', message: 'đơn vị không thể là cấp trên của chính nó' });
    if (errors.length === before) {
      rows.push({ line, code, name, type: type as TUnitType, parentCode, validFrom: validFrom!, validTo });
    }
  });
  for (const row of rows) {
    if (row.parentCode && !seen.has(row.parentCode) && !knownCodes.has(row.parentCode)) {
      errors.push({
        row: row.line,
        field: 'parent_code',
        message: `không có đơn vị cấp trên mã ${row.parentCode}`,
      });
    }
  }
  const ordered = orderParentsFirst(rows);
  if (ordered.length < rows.length) {
    const placed = new Set(ordered.map((r) => r.code));
    for (const row of rows) {
      if (!placed.has(row.code))
        errors.push({ row: row.line, field: 'parent_code', message: 'quan hệ cấp trên tạo thành vòng' });
    }
  }
  return { rows: ordered, errors: errors.sort((a, b) => a.row - b.row) };
}

/** Parents before children; rows caught in a cycle are left out. */
export function orderParentsFirst(rows: OrgRow[]): OrgRow[] {
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const ordered: OrgRow[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (row: OrgRow): boolean => {
    const mark = state.get(row.code);
    if (mark === 'done') return true;
    if (mark === 'visiting') return false;
    state.set(row.code, 'visiting');
    const parent = row.parentCode ? byCode.get(row.parentCode) : undefined;
    if (parent && !visit(parent)) return false;
    state.set(row.code, 'done');
    ordered.push(row);
    return true;
  };
  for (const row of rows) visit(row);
  return ordered;
}
