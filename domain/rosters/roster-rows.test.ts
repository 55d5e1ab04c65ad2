import { describe, expect, it } from 'vitest';
import { type RawRosterRow, rosterPersonKey, rosterRowsOfSheet, validateRosterRows } from './roster-rows.ts';

function raw(row: number, cells: Partial<RawRosterRow['cells']> = {}): RawRosterRow {
  return {
    row,
    cells: {
      fullName: 'Nguyễn Thị Hoa',
      sex: 'Nữ',
      birthYear: '1985',
      position: 'Chủ tịch',
      category: 'Cán bộ chủ chốt',
      validFrom: '01/01/2025',
      validTo: '',
      ...cells,
    },
  };
}

describe('validateRosterRows', () => {
  it('reads a good row', () => {
    const { rows, errors } = validateRosterRows([raw(2)], 2026);
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        row: 2,
        fullName: 'Nguyễn Thị Hoa',
        sex: 'female',
        birthYear: 1985,
        position: 'Chủ tịch',
        category: 'can_bo_chu_chot',
        validFrom: '2025-01-01',
        validTo: null,
      },
    ]);
  });

  it('accepts the categories written without marks or by their code', () => {
    const { rows } = validateRosterRows(
      [raw(2, { category: 'can bo nu cong', sex: 'nam' }), raw(3, { category: 'Ủy viên BCH' })],
      2026,
    );
    expect(rows.map((r) => r.category)).toEqual(['can_bo_nu_cong', 'uy_vien_bch']);
    expect(rows[0]!.sex).toBe('male');
  });

  it('names each bad cell in Vietnamese', () => {
    const { rows, errors } = validateRosterRows(
      [
        raw(5, { fullName: '', sex: 'x', birthYear: '19a5', category: 'lãnh đạo', validFrom: '31/02/2025' }),
        raw(6, { validFrom: '01/02/2025', validTo: '01/01/2025' }),
      ],
      2026,
    );
    expect(rows).toEqual([]);
    expect(errors.map((e) => e.cell)).toEqual(['A5', 'B5', 'C5', 'E5', 'F5', 'G6']);
    expect(errors[0]!.message).toBe('Ô A5: họ và tên trống');
    expect(errors[2]!.message).toContain('Ô C5: năm sinh');
    expect(errors[5]!.message).toBe('Ô G6: ngày kết thúc trước ngày bắt đầu');
  });
});

describe('the same person twice', () => {
  it('refuses a person already on the roster or twice in the file, on the name cell', () => {
    const existing = new Set([rosterPersonKey('can_bo_chu_chot', 'NGUYEN THI HOA', 1985)]);
    const { rows, errors } = validateRosterRows(
      [raw(2), raw(3, { fullName: 'Lê Văn Tư', sex: 'Nam' }), raw(4, { fullName: 'Lê  Văn Tư', sex: 'Nam' })],
      2026,
      existing,
    );
    expect(errors.map((e) => e.message)).toEqual([
      'Ô A2: Nguyễn Thị Hoa đã có trong danh sách (cùng loại, cùng năm sinh)',
      'Ô A4: Lê  Văn Tư trùng với dòng 3',
    ]);
    expect(rows.map((r) => r.row)).toEqual([3]);
  });
});

describe('rosterRowsOfSheet', () => {
  it('reads the rows under the header as text, dates and numbers as shown, blank rows left out', () => {
    const rows = rosterRowsOfSheet([
      ['Danh sách cán bộ chủ chốt'],
      ['Họ và tên', 'Giới tính (Nam/Nữ)'],
      ['Lê Văn A', 'Nam', 1979, null, 'Cán bộ chủ chốt', { date: '01/01/2025' }, null],
      [],
      [' Trần Thị B ', 'Nữ', { formula: 'A1', result: 1990 }],
    ]);
    expect(rows).toEqual([
      {
        row: 3,
        cells: {
          fullName: 'Lê Văn A',
          sex: 'Nam',
          birthYear: '1979',
          position: '',
          category: 'Cán bộ chủ chốt',
          validFrom: '01/01/2025',
          validTo: '',
        },
      },
      {
        row: 5,
        cells: {
          fullName: 'Trần Thị B',
          sex: 'Nữ',
          birthYear: '1990',
          position: '',
          category: '',
          validFrom: '',
          validTo: '',
        },
      },
    ]);
  });

  it('finds no rows in a sheet without the header', () => {
    expect(rosterRowsOfSheet([['Mã đơn vị', 'Tên']])).toBeNull();
  });
});
