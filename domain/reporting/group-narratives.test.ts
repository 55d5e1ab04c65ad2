import { describe, expect, it } from 'vitest';
import { compareNames, groupNarratives } from './group-narratives.ts';

describe('groupNarratives', () => {
  it('writes an identical text once, with every unit that wrote it, in natural order', () => {
    const groups = groupNarratives([
      { unitName: 'CĐCS số 39', text: 'Đã tổ chức tập huấn cho cán bộ.' },
      { unitName: 'CĐCS số 7', text: 'đã tổ chức tập huấn  cho cán bộ' },
      { unitName: 'CĐCS số 12', text: 'Chưa tổ chức được.' },
      { unitName: 'CĐCS số 8', text: '   ' },
    ]);
    expect(groups).toEqual([
      { unitNames: ['CĐCS số 7', 'CĐCS số 39'], text: 'đã tổ chức tập huấn  cho cán bộ' },
      { unitNames: ['CĐCS số 12'], text: 'Chưa tổ chức được.' },
    ]);
  });

  it('sorts names with numbers as numbers', () => {
    expect(['CĐCS số 39', 'CĐCS số 7', 'CĐCS số 100'].sort(compareNames)).toEqual([
      'CĐCS số 7',
      'CĐCS số 39',
      'CĐCS số 100',
    ]);
  });
});
