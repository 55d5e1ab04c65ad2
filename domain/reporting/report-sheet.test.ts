import { describe, expect, it } from 'vitest';
import {
  isEmptyContent,
  locateTable,
  mergeRow,
  numberCellMessage,
  readNumberCell,
  sameContent,
} from './report-sheet.ts';

const COLUMNS = [
  { key: 'unit_code', header: 'Mã đơn vị' },
  { key: 'unit_name', header: 'Tên đơn vị' },
  { key: 'v:1:total:n', header: 'Cán bộ được tập huấn — Được tập huấn' },
  { key: 's:results', header: 'Kết quả thực hiện' },
];

describe('locateTable', () => {
  it('reads the hidden key row of the template and starts after the header row', () => {
    const rows = [
      ['Báo cáo năm'],
      ['Điền số…'],
      ['unit_code', 'unit_name', 'v:1:total:n', 's:results'],
      ['Mã đơn vị', 'Tên đơn vị', '…', '…'],
    ];
    const table = locateTable(rows, COLUMNS)!;
    expect(table.firstDataRow).toBe(5);
    expect(Object.fromEntries(table.columnOf)).toEqual({
      unit_code: 1,
      unit_name: 2,
      'v:1:total:n': 3,
      's:results': 4,
    });
  });

  it('finds the header row by its words when the key row is gone, columns moved and a title row added', () => {
    const rows = [
      ['BÁO CÁO CỦA CÔNG ĐOÀN PHƯỜNG'],
      [],
      ['Ket qua thuc hien', ' MÃ ĐƠN VỊ ', 'Tên đơn vị', 'Cán bộ được tập huấn — Được tập huấn'],
    ];
    const table = locateTable(rows, COLUMNS)!;
    expect(table.firstDataRow).toBe(4);
    expect(Object.fromEntries(table.columnOf)).toEqual({
      's:results': 1,
      unit_code: 2,
      unit_name: 3,
      'v:1:total:n': 4,
    });
  });

  it('finds nothing on a sheet without a unit-code column', () => {
    expect(locateTable([['Bìa'], ['Kế hoạch năm 2026']], COLUMNS)).toBeNull();
  });
});

describe('readNumberCell', () => {
  it('reads numbers, Vietnamese notation and formula results', () => {
    expect(readNumberCell(12)).toEqual({ ok: true, value: 12 });
    expect(readNumberCell('1.234,5')).toEqual({ ok: true, value: 1234.5 });
    expect(readNumberCell({ formula: 'A1+1', result: 3 })).toEqual({ ok: true, value: 3 });
    expect(readNumberCell('  ')).toEqual({ ok: true, value: null });
  });

  it('names a date cell by its date, as the officer sees it', () => {
    const read = readNumberCell(new Date(Date.UTC(2026, 5, 1)));
    expect(read).toEqual({ ok: false, shown: '01/06/2026', isDate: true });
    if (!read.ok) expect(numberCellMessage('C6', read)).toBe('Ô C6 là ngày 01/06/2026, cần một số.');
    const text = readNumberCell('mười');
    if (!text.ok) expect(numberCellMessage('E50', text)).toBe('Ô E50: "mười" không phải là số.');
    expect(text.ok).toBe(false);
  });
});

describe('mergeRow', () => {
  const stored = {
    values: [
      { indicatorId: 1, category: 'total', numerator: 8, denominator: 10, comment: 'theo sổ' },
      { indicatorId: 2, category: 'total', numerator: 3, denominator: null },
    ],
    narrative: { results: 'Đã tập huấn 8 cán bộ.', proposals: 'Đề nghị hỗ trợ kinh phí.' },
  };

  it('keeps what the file has no column for, and takes what it has', () => {
    const merged = mergeRow(stored, {
      parts: new Map([['1:total:n', 9]]),
      sections: new Map([['results', 'Đã tập huấn 9 cán bộ.']]),
    });
    expect(merged.values).toEqual([
      { indicatorId: 1, category: 'total', numerator: 9, denominator: 10, comment: 'theo sổ' },
      { indicatorId: 2, category: 'total', numerator: 3, denominator: null },
    ]);
    expect(merged.narrative).toEqual({
      results: 'Đã tập huấn 9 cán bộ.',
      proposals: 'Đề nghị hỗ trợ kinh phí.',
    });
  });

  it('empties what an empty cell of a present column empties', () => {
    const merged = mergeRow(stored, {
      parts: new Map([['2:total:n', null]]),
      sections: new Map([['proposals', '']]),
    });
    expect(merged.values.map((v) => v.indicatorId)).toEqual([1]);
    expect(merged.narrative).toEqual({ results: 'Đã tập huấn 8 cán bộ.' });
  });

  it('tells an unchanged row from a changed one, and an empty one', () => {
    const same = mergeRow(stored, {
      parts: new Map([
        ['1:total:n', 8],
        ['1:total:d', 10],
      ]),
      sections: new Map([['results', ' Đã tập huấn 8 cán bộ. ']]),
    });
    expect(sameContent(stored, same)).toBe(true);
    expect(
      sameContent(stored, mergeRow(stored, { parts: new Map([['1:total:d', 11]]), sections: new Map() })),
    ).toBe(false);
    expect(
      isEmptyContent(
        mergeRow(null, { parts: new Map([['1:total:n', null]]), sections: new Map([['results', '']]) }),
      ),
    ).toBe(true);
  });
});
