import { describe, expect, it } from 'vitest';
import { exportValues, mergeImported } from './export-values.ts';

const mapping = (indicatorId: number, category: string, part: string, dataElement: string) => ({
  indicatorId,
  category,
  part,
  dataElement,
  categoryOptionCombo: '',
  adxCategory: '',
  adxOption: '',
});
const indicators = new Map([
  [1, { code: 'DV', kind: 'count' }],
  [2, { code: 'TL', kind: 'ratio' }],
]);
const value = (
  unitCode: string,
  indicatorId: number,
  numerator: number | null,
  denominator: number | null = null,
) => ({
  indicatorId,
  category: 'total',
  numerator,
  denominator,
  comment: null,
  unit: { code: unitCode, orgUnit: `ou-${unitCode}` },
});

describe('exportValues', () => {
  it('sends each mapped number under its data element, a ratio as its two parts, ordered by unit', () => {
    const out = exportValues([value('B', 1, 5), value('A', 2, 1, 4), value('A', 1, 0.5)], indicators, [
      mapping(1, 'total', 'value', 'deCount'),
      mapping(2, 'total', 'numerator', 'deNum'),
      mapping(2, 'total', 'denominator', 'deDen'),
    ]);
    expect(out.values.map((v) => [v.orgUnit, v.dataElement, v.value])).toEqual([
      ['ou-A', 'deCount', '0.5'],
      ['ou-A', 'deNum', '1'],
      ['ou-A', 'deDen', '4'],
      ['ou-B', 'deCount', '5'],
    ]);
    expect(out.omitted).toEqual([]);
  });

  it('counts the values of a cell with no data element instead of sending them; skips empty numbers', () => {
    const out = exportValues([value('A', 2, 1, 4), value('B', 2, 3, null), value('C', 1, null)], indicators, [
      mapping(2, 'total', 'denominator', 'deDen'),
    ]);
    expect(out.values.map((v) => v.value)).toEqual(['4']);
    expect(out.omitted).toEqual([{ indicatorCode: 'TL', category: 'total', part: 'numerator', count: 2 }]);
  });
});

describe('mergeImported', () => {
  it("lays the file's cells over the stored ones, keeping each part the file leaves out", () => {
    const stored = [
      { indicatorId: 1, category: 'total', numerator: 5, denominator: null, comment: 'cũ' },
      { indicatorId: 2, category: 'total', numerator: 1, denominator: 4, comment: null },
    ];
    expect(
      mergeImported(stored, [
        { indicatorId: 2, category: 'total', numerator: 3, comment: null },
        { indicatorId: 1, category: 'male', numerator: 2, comment: 'mới' },
      ]),
    ).toEqual([
      stored[0],
      { indicatorId: 2, category: 'total', numerator: 3, denominator: 4, comment: null },
      { indicatorId: 1, category: 'male', numerator: 2, denominator: null, comment: 'mới' },
    ]);
  });
});
