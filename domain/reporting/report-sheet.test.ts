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
    expect(read).toEqual({ ok: false, shown: '01/06/2026', isDate: true, problem: 'date' });
    if (!read.ok) expect(numberCellMessage('C6', read)).toBe('Ô C6 là ngày 01/06/2026, cần một số.');
    const text = readNumberCell('mười');
    if (!text.ok) expect(numberCellMessage('E50', text)).toBe('Ô E50: "mười" không phải là số.');
    expect(text.ok).toBe(false);
  });
});

describe('readNumberCell: what an officer types, and what Excel or LibreOffice save', () => {
  it('reads Vietnamese text numbers: "1.234" is a thousand and more, "12,5" a decimal', () => {
    expect(readNumberCell('1.234')).toEqual({ ok: true, value: 1234 });
    expect(readNumberCell('12,5')).toEqual({ ok: true, value: 12.5 });
    expect(readNumberCell(' 7 ')).toEqual({ ok: true, value: 7 });
    expect(readNumberCell(null)).toEqual({ ok: true, value: null });
  });

  it('takes "90%" and a percent-formatted cell as 90 in a percentage column, and names them elsewhere', () => {
    expect(readNumberCell('90%', { percent: true })).toEqual({ ok: true, value: 90 });
    expect(readNumberCell('12,5 %', { percent: true })).toEqual({ ok: true, value: 12.5 });
    expect(readNumberCell({ percent: 0.9 }, { percent: true })).toEqual({ ok: true, value: 90 });
    const typed = readNumberCell('90%');
    expect(typed.ok).toBe(false);
    if (!typed.ok)
      expect(numberCellMessage('F9', typed)).toBe('Ô F9 là tỷ lệ 90%; cột này cần một số (không có dấu %).');
    const formatted = readNumberCell({ percent: 0.9 });
    if (!formatted.ok) expect(formatted.shown).toBe('90%');
    expect(formatted.ok).toBe(false);
  });

  it('reads a formula by its cached result, and names one never computed or an error value', () => {
    expect(readNumberCell({ formula: 'C9+1', result: 9 })).toEqual({ ok: true, value: 9 });
    const never = readNumberCell({ formula: 'C9+1', result: null });
    expect(never.ok).toBe(false);
    if (!never.ok) expect(numberCellMessage('D9', never)).toMatch(/^Ô D9 có công thức =C9\+1 chưa được tính/);
    const error = readNumberCell({ error: '#DIV/0!' });
    if (!error.ok) expect(numberCellMessage('E9', error)).toBe('Ô E9 là lỗi #DIV/0! của Excel, cần một số.');
    expect(error.ok).toBe(false);
    const date = readNumberCell({ date: '01/06/2026' });
    if (!date.ok) expect(numberCellMessage('C6', date)).toBe('Ô C6 là ngày 01/06/2026, cần một số.');
    expect(date.ok).toBe(false);
  });
});

describe('locateTable: the two-level header', () => {
  it('matches "<indicator> — <part>" across the two header rows when the key row is gone', () => {
    const rows = [
      ['BÁO CÁO NĂM'],
      ['Mã đơn vị', 'Tên đơn vị', 'Cán bộ được tập huấn', 'Cán bộ được tập huấn', 'Kết quả thực hiện'],
      ['Mã đơn vị', 'Tên đơn vị', 'Được tập huấn', 'Tỷ lệ (%)', 'Kết quả thực hiện'],
      ['A1', 'Công đoàn A', '8', '', ''],
    ];
    const table = locateTable(rows, COLUMNS)!;
    expect(table.headerRow).toBe(2);
    expect(table.firstDataRow).toBe(4);
    expect(Object.fromEntries(table.columnOf)).toEqual({
      unit_code: 1,
      unit_name: 2,
      'v:1:total:n': 3,
      's:results': 5,
    });
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
