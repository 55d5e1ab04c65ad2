import { periodKeyOf } from './periods.ts';

/**
 * From the rows of a DHIS2 or ADX file to our reports' values: each row's data element (with its
 * category option combo, or its ADX disaggregation) to an indicator's category and part, its
 * organisation unit to one of our units, its period checked against the period imported into.
 * Every problem is named by place, data element, organisation unit and period. Pure.
 */

export type ValuePart = 'value' | 'numerator' | 'denominator';

export interface DataElementMapping {
  indicatorId: number;
  category: string;
  part: ValuePart;
  dataElement: string;
  categoryOptionCombo: string;
  adxCategory: string;
  adxOption: string;
}

export interface ImportRow {
  at: string;
  dataElement: string;
  orgUnit: string;
  period: string;
  categoryOptionCombo: string | null;
  disaggregation: Record<string, string>;
  value: string;
  comment: string | null;
}

export interface ImportProblem {
  at: string;
  code: string;
  message: string;
  dataElement?: string;
  orgUnit?: string;
  period?: string;
}

/** One value cell given by the file; a part it did not give is undefined. */
export interface ImportedValue {
  indicatorId: number;
  category: string;
  numerator?: number;
  denominator?: number;
  comment: string | null;
}

/** DHIS2's name and id of the default category option combo, both read as "no breakdown". */
const DEFAULT_COMBOS = new Set(['', 'default', 'HllvX50cXC0']);

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export function resolveImport(input: {
  rows: readonly ImportRow[];
  periodKey: string;
  mappings: readonly DataElementMapping[];
  kindOf: (indicatorId: number) => string | undefined;
  unitOf: (orgUnit: string) => number | undefined;
}): { values: Map<number, ImportedValue[]>; problems: ImportProblem[] } {
  const byCombo = new Map<string, DataElementMapping>();
  const byAdx = new Map<string, DataElementMapping>();
  for (const m of input.mappings) {
    byCombo.set(`${m.dataElement}\u0000${m.categoryOptionCombo}`, m);
    byAdx.set(`${m.dataElement}\u0000${m.adxCategory}\u0000${m.adxOption}`, m);
  }
  const problems: ImportProblem[] = [];
  const cells = new Map<number, Map<string, ImportedValue>>();
  const seen = new Set<string>();
  for (const row of input.rows) {
    const named = { at: row.at, dataElement: row.dataElement, orgUnit: row.orgUnit, period: row.period };
    const refuse = (code: string, message: string) =>
      problems.push({ ...named, code, message: `${row.at}: ${message}` });
    if (periodKeyOf(row.period) !== input.periodKey) {
      refuse('other_period', `kỳ "${row.period}" không phải kỳ đang nhập.`);
      continue;
    }
    const unitId = input.unitOf(row.orgUnit);
    if (unitId === undefined) {
      refuse('unknown_org_unit', `không có đơn vị nào mang mã "${row.orgUnit}".`);
      continue;
    }
    let mapping: DataElementMapping | undefined;
    if (row.categoryOptionCombo !== null) {
      const combo = DEFAULT_COMBOS.has(row.categoryOptionCombo) ? '' : row.categoryOptionCombo;
      mapping = byCombo.get(`${row.dataElement}\u0000${combo}`);
      if (!mapping) {
        refuse(
          'unknown_data_element',
          `phần tử dữ liệu "${row.dataElement}"${combo ? ` với nhóm "${combo}"` : ''} chưa được gắn với chỉ số nào.`,
        );
        continue;
      }
    } else {
      const entries = Object.entries(row.disaggregation);
      if (entries.length > 1) {
        refuse('two_disaggregations', `có ${entries.length} thuộc tính phân tổ; chỉ nhận một (vd. SEX).`);
        continue;
      }
      const [category, option] = entries[0] ?? ['', ''];
      mapping = byAdx.get(`${row.dataElement}\u0000${category}\u0000${option}`);
      if (!mapping) {
        refuse(
          'unknown_data_element',
          `phần tử dữ liệu "${row.dataElement}"${category ? ` với ${category}="${option}"` : ''} chưa được gắn với chỉ số nào.`,
        );
        continue;
      }
    }
    const kind = input.kindOf(mapping.indicatorId);
    let value: number;
    if (kind === 'boolean' && (row.value === 'true' || row.value === 'false'))
      value = row.value === 'true' ? 1 : 0;
    else if (NUMBER.test(row.value)) value = Number(row.value);
    else {
      refuse('not_a_number', `giá trị "${row.value}" không phải số.`);
      continue;
    }
    if (!Number.isFinite(value)) {
      refuse('not_a_number', `giá trị "${row.value}" không phải số hữu hạn.`);
      continue;
    }
    const key = `${unitId}:${mapping.indicatorId}:${mapping.category}:${mapping.part}`;
    if (seen.has(key)) {
      refuse('duplicate', `giá trị này có hai lần trong tệp (cùng đơn vị, phần tử dữ liệu và nhóm).`);
      continue;
    }
    seen.add(key);
    const unitCells = cells.get(unitId) ?? new Map<string, ImportedValue>();
    cells.set(unitId, unitCells);
    const cellKey = `${mapping.indicatorId}:${mapping.category}`;
    const cell = unitCells.get(cellKey) ?? {
      indicatorId: mapping.indicatorId,
      category: mapping.category,
      comment: null,
    };
    if (mapping.part === 'denominator') cell.denominator = value;
    else cell.numerator = value;
    if (row.comment) cell.comment = row.comment;
    unitCells.set(cellKey, cell);
  }
  return {
    values: new Map([...cells].map(([unitId, m]) => [unitId, [...m.values()]])),
    problems,
  };
}
