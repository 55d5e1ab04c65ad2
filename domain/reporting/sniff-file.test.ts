import { describe, expect, it } from 'vitest';
import { safeFileName, sniffAttachment, storedFileName } from './sniff-file.ts';

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

describe('stored names', () => {
  it('drops bidirectional controls and zero-width characters', () => {
    expect(safeFileName('bao-cao\u202Efdp.exe')).toBe('bao-caofdp.exe');
    expect(safeFileName('\u2066anh\u2069\u200B\u200F.jpg')).toBe('anh.jpg');
    expect(safeFileName('\u202E\u200B')).toBe('tep-dinh-kem');
  });
  it('matches the extension to the type told by content', () => {
    expect(storedFileName('poly.html', 'image/gif')).toBe('poly.gif');
    expect(storedFileName('Ảnh hội nghị.JPEG', 'image/jpeg')).toBe('Ảnh hội nghị.JPEG');
    expect(storedFileName('photo', 'image/png')).toBe('photo.png');
    expect(storedFileName('bao-cao\u202Elmth.pdf', 'image/gif')).toBe('bao-caolmth.gif');
    expect(storedFileName('x.svg', 'application/pdf')).toBe('x.pdf');
    expect(storedFileName('.htaccess', 'image/png')).toBe('htaccess.png');
    expect(storedFileName('trang.html', 'text/html')).toBe('trang.bin');
  });
});
