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
});
