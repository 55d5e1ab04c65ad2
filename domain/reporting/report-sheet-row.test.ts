import { describe, expect, it } from 'vitest';
import { readTemplateRow } from './report-sheet-row.ts';

const COLUMNS = [{ key: 'unit_name' }, { key: 'v:1:total:n' }, { key: 'v:2:female:d' }, { key: 's:results' }];
const COLUMN_OF = new Map([
  ['unit_name', 2],
  ['v:1:total:n', 3],
  ['v:2:female:d', 5],
  ['s:results', 7],
]);
const LETTERS = ' ABCDEFG';
const read = (cells: Record<number, unknown>) =>
  readTemplateRow(
    COLUMNS,
    COLUMN_OF,
    (column) => cells[column] ?? null,
    (column) => `${LETTERS[column]}6`,
  );

describe('readTemplateRow', () => {
  it('reads each value part and section at its column and names the cell of each value field', () => {
    const row = read({ 2: 'Công đoàn A', 3: 12, 5: '7', 7: 'Đã tập huấn' });
    expect(row.errors).toEqual([]);
    expect(Object.fromEntries(row.read.parts)).toEqual({ '1:total:n': 12, '2:female:d': 7 });
    expect(Object.fromEntries(row.read.sections)).toEqual({ results: 'Đã tập huấn' });
    expect(Object.fromEntries(row.cellOf)).toEqual({
      'values.1.total.numerator': 'C6',
      'values.2.female.denominator': 'E6',
      'narrative.results': 'G6',
    });
  });

  it('lists a cell that is not a number with its field and leaves that part unread', () => {
    const row = read({ 3: 'mười', 5: 4 });
    expect(row.errors).toHaveLength(1);
    expect(row.errors[0]).toMatchObject({ cell: 'C6', field: 'values.1.total.numerator' });
    expect(row.errors[0]!.message).toContain('C6');
    expect(row.read.parts.has('1:total:n')).toBe(false);
    expect(row.read.parts.get('2:female:d')).toBe(4);
  });

  it('reads a list word ("Có", "không") as its number and names a word not in the list', () => {
    const columns = [{ key: 'v:3:total:n', choices: { Có: 1, Không: 0 } }];
    const at = new Map([['v:3:total:n', 4]]);
    const one = (raw: unknown) =>
      readTemplateRow(
        columns,
        at,
        () => raw,
        () => 'D6',
      );
    expect(one('Có').read.parts.get('3:total:n')).toBe(1);
    expect(one('không').read.parts.get('3:total:n')).toBe(0);
    expect(one(1).read.parts.get('3:total:n')).toBe(1);
    expect(one('Chưa').errors[0]!.message).toBe('Ô D6: "Chưa" không có trong danh sách; chọn "Có", "Không".');
  });

  it('reads "90%" in a percentage column as 90', () => {
    const row = readTemplateRow(
      [{ key: 'v:4:total:n', percent: true }],
      new Map([['v:4:total:n', 3]]),
      () => '90%',
      () => 'C6',
    );
    expect(row.errors).toEqual([]);
    expect(row.read.parts.get('4:total:n')).toBe(90);
  });

  it('names a percentage over 100', () => {
    const row = readTemplateRow(
      [{ key: 'v:4:total:n', percent: true }],
      new Map([['v:4:total:n', 3]]),
      () => 112.5,
      () => 'C6',
    );
    expect(row.errors.map((e) => e.message)).toEqual([
      'Ô C6: 112,5% vượt quá 100%; cột này nhận từ 0 đến 100.',
    ]);
    expect(row.read.parts.has('4:total:n')).toBe(false);
  });
});
