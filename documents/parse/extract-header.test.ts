import { describe, expect, it } from 'vitest';
import { extractHeader, kindFromSymbol } from './extract-header.ts';
import { normalizeText } from './normalize-text.ts';

const header = (text: string) => {
  const lines = normalizeText(text).split('\n');
  return extractHeader(lines, lines.join('\n'));
};

describe('extractHeader', () => {
  it('reads a công văn: parent and child issuer, symbol, place, date, V/v, Kính gửi', () => {
    const h = header(`UBND TỈNH KIÊN GIANG
VĂN PHÒNG

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 5732/VP-KGVX
Kiên Giang, ngày 04 tháng 8 năm 2021

V/v thực hiện Chương trình phòng
ngừa, giảm thiểu trẻ em lao động.

Kính gửi: Sở Lao động - Thương binh và Xã hội.

Ủy ban nhân dân tỉnh nhận được Công văn số 2178/LĐTBXH-TE.`);
    expect(h).toMatchObject({
      kind: 'CV',
      symbol: '5732/VP-KGVX',
      issuer: 'Văn phòng Ủy ban nhân dân tỉnh Kiên Giang',
      place: 'Kiên Giang',
      date: '2021-08-04',
      title: 'V/v thực hiện Chương trình phòng ngừa, giảm thiểu trẻ em lao động',
      addressees: ['Sở Lao động - Thương binh và Xã hội'],
    });
  });

  it('reads an OCR header flattened onto one line, without diacritics', () => {
    const h = header(` Sé: 72/KH-LDLD Lai Chau, ngay 10 thang 5 nam 2024

KE HOACH
Thuec hién Chi thj s6 28-CT/TW ngay 25/12/2023 cia Bd Chinh tri vé
ting cwdng cong tac chim séc

Thuc hién Chuong trinh hanh dong sb 48-CTr/TU.`);
    expect(h).toMatchObject({ kind: 'KH', symbol: '72/KH-LDLD', place: 'Lai Chau', date: '2024-05-10' });
    expect(h.title).toBe(
      'Thuec hién Chi thj s6 28-CT/TW ngay 25/12/2023 cia Bd Chinh tri vé ting cwdng cong tac chim séc',
    );
  });

  it('joins a title whose lines are separated by blank lines', () => {
    const h = header(`KẾ HOẠCH
Thực hiện “Chiến lược quốc gia về bình đẳng giới

giai đoạn 2021-2030”

trong công nhân viên chức lao động tỉnh Trà Vinh
Thực hiện Kế hoạch số 120/KH-TLĐ ngày 05/7/2021 của Tổng Liên đoàn Lao động Việt Nam, Ban Thường vụ ban hành kế hoạch.`);
    expect(h.title).toBe(
      'Thực hiện “Chiến lược quốc gia về bình đẳng giới giai đoạn 2021-2030” trong công nhân viên chức lao động tỉnh Trà Vinh',
    );
  });

  it('reads a Party header with a wrapped two-column issuer', () => {
    const h = header(`ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH NAM ĐỊNH Độc lập - Tự do - Hạnh phúc
Số: 215/KH-UBND Nam Định, ngày 05 tháng 3 năm 2025

KẾ HOẠCH
Triển khai công tác trẻ em năm 2025`);
    expect(h).toMatchObject({ issuer: 'Ủy ban nhân dân tỉnh Nam Định', symbol: '215/KH-UBND', kind: 'KH' });
  });

  it('leaves what the text does not give as null', () => {
    const h = header('Một đoạn văn không có tiêu đề.');
    expect(h).toMatchObject({
      kind: null,
      symbol: null,
      issuer: null,
      place: null,
      date: null,
      title: null,
      addressees: [],
    });
  });
});

describe('kindFromSymbol', () => {
  it('reads state and Party symbols', () => {
    expect(kindFromSymbol('72/KH-LĐLĐ')).toBe('KH');
    expect(kindFromSymbol('28-CT/TW')).toBe('CT');
    expect(kindFromSymbol('48-CTr/TU')).toBe('CTr');
    expect(kindFromSymbol('145/2020/NĐ-CP')).toBe('NĐ');
    expect(kindFromSymbol('5732/VP-KGVX')).toBeNull();
  });
});

describe('a header kept as a Markdown pipe table', () => {
  it('reads "V/v:" after the number in one cell, and stops the subject at the motto', async () => {
    const { rebuildPipeHeader } = await import('./rebuild-tables.ts');
    const lines = rebuildPipeHeader(
      normalizeText(`| BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI -------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------- |
|---|---|
| Số: 1921/LĐTBXH-NCC V/v: hướng dẫn thực hiện chế độ điều dưỡng | Hà Nội, ngày 03 tháng 06 năm 2013 |

Ngày 09/4/2013, Chính phủ đã ban hành Nghị định số 31/2013/NĐ-CP.`).split('\n'),
    );
    const h = extractHeader(lines, lines.join('\n'));
    expect(h.symbol).toBe('1921/LĐTBXH-NCC');
    expect(h.title).toBe('V/v: hướng dẫn thực hiện chế độ điều dưỡng');
  });
});
