import { describe, expect, it } from 'vitest';
import { contentDisposition } from './send-file.ts';

describe('contentDisposition', () => {
  it('gives an ASCII name as it is, and the same in UTF-8', () => {
    expect(contentDisposition('nhat-ky-2026-11-23.xlsx')).toBe(
      `attachment; filename="nhat-ky-2026-11-23.xlsx"; filename*=UTF-8''nhat-ky-2026-11-23.xlsx`,
    );
  });

  it('keeps a Vietnamese name in UTF-8 and drops its diacritics in the ASCII stand-in', () => {
    expect(contentDisposition('Báo cáo Đoàn "quý 3".docx')).toBe(
      `attachment; filename="Bao cao Doan _quy 3_.docx"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20%C4%90o%C3%A0n%20%22qu%C3%BD%203%22.docx`,
    );
  });

  it('never lets a header line break or a non-Latin-1 character through', () => {
    const header = contentDisposition('a\r\nSet-Cookie: x=1 📎.txt');
    expect(header).not.toMatch(/[\r\n]/);
    expect([...header].every((c) => c.charCodeAt(0) < 0x7f)).toBe(true);
  });
});
