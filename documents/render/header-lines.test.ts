import { describe, expect, it } from 'vitest';
import { textWidth, wrapName } from './header-lines.ts';

// the header's left column: 40 % of A4's text width less the cell padding, at 13 pt bold
const COLUMN = 3742 - 114;
const BOLD_13 = 26;

describe('wrapName', () => {
  it('keeps a short name on one line', () => {
    expect(wrapName('LIÊN ĐOÀN LAO ĐỘNG', COLUMN, BOLD_13, true)).toEqual(['LIÊN ĐOÀN LAO ĐỘNG']);
  });

  it('breaks before the place name, never inside it', () => {
    expect(wrapName('CÔNG ĐOÀN PHƯỜNG TÂN PHONG', COLUMN, BOLD_13, true)).toEqual([
      'CÔNG ĐOÀN',
      'PHƯỜNG TÂN PHONG',
    ]);
    // too narrow for "PHƯỜNG TÂN PHONG": the place word goes apart, the place name stays whole
    const narrow = textWidth('PHƯỜNG TÂN PHON', BOLD_13, true);
    expect(wrapName('CÔNG ĐOÀN PHƯỜNG TÂN PHONG', narrow, BOLD_13, true)).toEqual([
      'CÔNG ĐOÀN',
      'PHƯỜNG',
      'TÂN PHONG',
    ]);
    expect(wrapName('LIÊN ĐOÀN LAO ĐỘNG TỈNH LAI CHÂU', COLUMN, BOLD_13, true)).toEqual([
      'LIÊN ĐOÀN LAO ĐỘNG',
      'TỈNH LAI CHÂU',
    ]);
  });

  it('balances a long name without a place over the fewest lines', () => {
    const lines = wrapName(
      'CÔNG ĐOÀN CÔNG TY TRÁCH NHIỆM HỮU HẠN MỘT THÀNH VIÊN CAO SU',
      COLUMN,
      BOLD_13,
      true,
    );
    expect(lines.length).toBe(3);
    for (const line of lines) expect(textWidth(line, BOLD_13, true)).toBeLessThanOrEqual(COLUMN);
    expect(lines.join(' ')).toBe('CÔNG ĐOÀN CÔNG TY TRÁCH NHIỆM HỮU HẠN MỘT THÀNH VIÊN CAO SU');
  });

  it('estimates bold capitals wider than regular ones', () => {
    expect(textWidth('TÂN PHONG', BOLD_13, true)).toBeGreaterThan(textWidth('TÂN PHONG', BOLD_13, false));
  });
});
