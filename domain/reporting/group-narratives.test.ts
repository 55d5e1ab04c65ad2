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
      { unitNames: ['CĐCS số 7', 'CĐCS số 39'], text: 'Đã tổ chức tập huấn cho cán bộ.' },
      { unitNames: ['CĐCS số 12'], text: 'Chưa tổ chức được.' },
    ]);
  });

  it('groups near-identical texts (punctuation, quotes, a bullet) and prints them as a paper would', () => {
    const groups = groupNarratives([
      { unitName: 'CĐCS số 2', text: '- đã phát động phong trào "Xanh, sạch, đẹp"' },
      { unitName: 'CĐCS số 10', text: 'Đã phát động phong trào Xanh - sạch - đẹp' },
      { unitName: 'CĐCS số 1', text: 'tổ chức  2 buổi sinh hoạt' },
      { unitName: 'CĐCS số 3', text: 'Tổ chức 3 buổi sinh hoạt.' },
    ]);
    expect(groups).toEqual([
      { unitNames: ['CĐCS số 1'], text: 'Tổ chức 2 buổi sinh hoạt.' },
      { unitNames: ['CĐCS số 2', 'CĐCS số 10'], text: 'Đã phát động phong trào "Xanh, sạch, đẹp".' },
      // different figures are different facts: never merged
      { unitNames: ['CĐCS số 3'], text: 'Tổ chức 3 buổi sinh hoạt.' },
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
