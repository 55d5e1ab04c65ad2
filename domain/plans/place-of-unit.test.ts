import { describe, expect, it } from 'vitest';
import { placeInName, placeOfUnit } from './place-of-unit.ts';

describe('placeOfUnit', () => {
  it('takes the proper name of the administrative unit in the name', () => {
    expect(placeInName('Công đoàn phường Tân Phong')).toBe('Tân Phong');
    expect(placeInName('Liên đoàn Lao động tỉnh Lai Châu')).toBe('Lai Châu');
    expect(placeInName('LĐLĐ tỉnh Hưng Yên (hợp nhất)')).toBe('Hưng Yên');
    expect(placeInName('Công đoàn ngành Giáo dục tỉnh Lai Châu')).toBe('Lai Châu');
    expect(placeInName('Liên đoàn Lao động Thành phố Hồ Chí Minh')).toBe('TP. Hồ Chí Minh');
    expect(placeInName('Công đoàn Phường 12')).toBe('Phường 12');
    expect(placeInName('Tổng Liên đoàn Lao động Việt Nam')).toBe('Hà Nội');
  });

  it('finds no place in a company name, nor in "hợp tác xã"', () => {
    expect(placeInName('Công đoàn Công ty TNHH Minh Phát')).toBeNull();
    expect(placeInName('Công đoàn Hợp tác xã Nông nghiệp')).toBeNull();
  });

  it('goes up to the nearest unit that names a place', () => {
    expect(
      placeOfUnit('Công đoàn Công ty TNHH Minh Phát', [
        'Tổng Liên đoàn Lao động Việt Nam',
        'Liên đoàn Lao động tỉnh Lai Châu',
        'Công đoàn phường Tân Phong',
      ]),
    ).toBe('Tân Phong');
    expect(placeOfUnit('Công đoàn Công ty A', [])).toBeNull();
  });
});
