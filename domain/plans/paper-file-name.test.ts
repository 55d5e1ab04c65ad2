import { describe, expect, it } from 'vitest';
import { paperFileName } from './paper-file-name.ts';

describe('paperFileName', () => {
  it("tells two communes' 1/KH-CĐ apart by their issuer", () => {
    const of = (issuer: string) =>
      paperFileName({ what: 'Kế hoạch', symbol: '1/KH-CĐ', issuer, instead: '', extension: 'docx' });
    expect(of('Công đoàn phường Tân Phong')).toBe('Kế hoạch 1-KH-CĐ - Công đoàn phường Tân Phong.docx');
    expect(of('Công đoàn xã Tam Đường')).not.toBe(of('Công đoàn phường Tân Phong'));
  });
  it('names a draft by what stands for its number, and takes no character a file system refuses', () => {
    expect(
      paperFileName({
        what: 'Kế hoạch',
        symbol: null,
        issuer: 'CĐ "A" <B>',
        instead: 'dự thảo 12',
        extension: 'pdf',
      }),
    ).toBe('Kế hoạch dự thảo 12 - CĐ -A- -B-.pdf');
    expect(
      paperFileName({
        what: 'Kế hoạch',
        symbol: '1/KH',
        issuer: 'x'.repeat(300),
        instead: '',
        extension: 'docx',
      }).length,
    ).toBeLessThanOrEqual(155);
  });
});
