import { describe, expect, it } from 'vitest';
import { MAPPING_CSV_HEADER, readMappingRows } from './mapping-csv.ts';

const indicators = new Map([
  ['DV', { id: 7, kind: 'count', disaggregation: 'sex' }],
  ['TL', { id: 8, kind: 'ratio', disaggregation: 'none' }],
]);
const units = new Map([['LC', 42]]);
const row = (values: Partial<Record<(typeof MAPPING_CSV_HEADER)[number], string>>) =>
  Object.fromEntries(MAPPING_CSV_HEADER.map((h) => [h, values[h] ?? '']));

describe('readMappingRows', () => {
  it('reads a data element, an organisation unit and a data set', () => {
    const read = readMappingRows(
      [
        row({
          kind: 'data_element',
          local_code: 'DV',
          category: 'male',
          code: 'deMembers',
          category_option_combo: 'cocMale',
        }),
        row({ kind: 'org_unit', local_code: 'LC', code: 'ouLaiChau' }),
        row({ kind: 'data_set', local_code: '3', code: 'dsQuarter' }),
      ],
      indicators,
      units,
    );
    expect(read.errors).toEqual([]);
    expect(read.dataElements).toEqual([
      expect.objectContaining({ indicatorId: 7, category: 'male', part: 'value', dataElement: 'deMembers' }),
    ]);
    expect(read.orgUnits).toEqual([{ unitId: 42, orgUnit: 'ouLaiChau' }]);
    expect(read.dataSets).toEqual([{ scheduleId: 3, dataSet: 'dsQuarter' }]);
  });

  it('names each bad row by its line, and a code given twice at its second place', () => {
    const read = readMappingRows(
      [
        row({ kind: 'data_element', local_code: 'XX', code: 'deA' }),
        row({ kind: 'org_unit', local_code: 'LC', code: 'ouA' }),
        row({ kind: 'org_unit', local_code: 'LC', code: 'ouB' }),
        row({ kind: 'data_element', local_code: 'TL', part: 'value', code: 'deB' }),
        row({ kind: 'something' }),
      ],
      indicators,
      units,
    );
    expect(read.errors.map((e) => [e.at, e.code])).toEqual([
      ['dòng 2', 'unknown_indicator'],
      ['dòng 4', 'duplicate'],
      ['dòng 5', 'exchange_ratio_parts'],
      ['dòng 6', 'bad_kind'],
    ]);
    expect(read.orgUnits).toEqual([{ unitId: 42, orgUnit: 'ouA' }]);
  });

  it('refuses a file without the whole header and reads none of its rows', () => {
    const read = readMappingRows([{ kind: 'org_unit', local_code: 'LC', code: 'ouA' }], indicators, units);
    expect(read.errors).toEqual([expect.objectContaining({ at: 'dòng 1', code: 'missing_column' })]);
    expect(read.orgUnits).toEqual([]);
  });
});
