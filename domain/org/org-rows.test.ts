import { describe, expect, it } from 'vitest';
import { validateOrgRows } from './org-rows.ts';

describe('validateOrgRows', () => {
  it('orders parents before children and accepts dd/mm/yyyy', () => {
    const { rows, errors } = validateOrgRows(
      [
        {
          code: 'CD-1',
          name: 'Công đoàn cơ sở 1',
          type: 'grassroots',
          parent_code: 'LDLD-12',
          valid_from: '01/07/2025',
        },
        {
          code: 'LDLD-12',
          name: 'Liên đoàn Lao động tỉnh Lai Châu',
          type: 'province',
          parent_code: 'TLD',
          valid_from: '2008-08-01',
        },
      ],
      new Set(['TLD']),
    );
    expect(errors).toEqual([]);
    expect(rows.map((r) => r.code)).toEqual(['LDLD-12', 'CD-1']);
    expect(rows[1]!.validFrom).toBe('2025-07-01');
  });

  it('names the row and the field of every bad cell', () => {
    const { errors } = validateOrgRows(
      [
        { code: 'A', name: '', type: 'grassroots', parent_code: 'NOPE', valid_from: '2025-07-01' },
        { code: 'B', name: 'B', type: 'planet', valid_from: '31/02/2025' },
        { code: 'A', name: 'A again', type: 'grassroots', valid_from: '2025-07-01' },
      ],
      new Set(),
    );
    expect(errors.map((e) => `${e.row}:${e.field}`)).toEqual(['2:name', '3:type', '3:valid_from', '4:code']);
  });

  it('reports cycles instead of looping', () => {
    const { errors } = validateOrgRows(
      [
        { code: 'A', name: 'A', type: 'commune', parent_code: 'B', valid_from: '2025-07-01' },
        { code: 'B', name: 'B', type: 'commune', parent_code: 'A', valid_from: '2025-07-01' },
      ],
      new Set(),
    );
    expect(errors.filter((e) => e.field === 'parent_code')).toHaveLength(2);
  });
});
