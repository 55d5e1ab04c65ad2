import { describe, expect, it } from 'vitest';
import { safeFileName, sniffAttachment } from './sniff-file.ts';

describe('attachments', () => {
  it('tells the type by content, not by name', () => {
    expect(sniffAttachment(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe('image/jpeg');
    expect(sniffAttachment(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffAttachment(Buffer.from('\u0000\u0000\u0000\u0018ftypmp42'))).toBe('video/mp4');
    expect(sniffAttachment(Buffer.from('<script>alert(1)</script>'))).toBeNull();
    expect(sniffAttachment(Buffer.from('MZ\u0090\u0000'))).toBeNull();
  });
  it('keeps file names from escaping their folder', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('..\\..\\win.ini')).toBe('win.ini');
    expect(safeFileName('Ảnh hoạt động "1".jpg')).toBe('Ảnh hoạt động _1_.jpg');
    expect(safeFileName('....')).toBe('tep-dinh-kem');
  });
});
