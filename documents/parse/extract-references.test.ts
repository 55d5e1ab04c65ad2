import { describe, expect, it } from 'vitest';
import { extractReferences } from './extract-references.ts';

describe('extractReferences', () => {
  it('reads symbol, kind, date and issuer; basis in the opening clauses', () => {
    const refs = extractReferences(
      [
        {
          text: 'Thực hiện Kế hoạch số 134/KH-LĐLĐ ngày 23/8/2021 của Liên đoàn Lao động tỉnh Thái Bình về thực hiện Chương trình.',
          basis: true,
        },
        {
          text: 'Đẩy mạnh tuyên truyền Nghị quyết số 21-NQ/TW ngày 25/10/2017 Hội nghị lần thứ sáu.',
          basis: false,
        },
      ],
      null,
    );
    expect(refs).toEqual([
      {
        kind: 'KH',
        symbol: '134/KH-LĐLĐ',
        date: '2021-08-23',
        issuer: 'Liên đoàn Lao động tỉnh Thái Bình',
        relation: 'basis',
      },
      { kind: 'NQ', symbol: '21-NQ/TW', date: '2017-10-25', issuer: null, relation: 'cited' },
    ]);
  });

  it('names each symbol once, skips the document itself, reads OCR and Party forms', () => {
    const refs = extractReferences(
      [
        { text: 'Thuc hién Chi thj s6 28-CT/TW ngay 25/12/2023 cia Bd Chinh tri', basis: true },
        {
          text: 'thuc hién Chi thi s6 28 - CT/TW, ngay 25/12/2023; ké hoach 251/KH-LPLD, ngay 11/5/2021',
          basis: false,
        },
        { text: 'Kế hoạch số 72/KH-LĐLĐ này', basis: false },
        {
          text: 'Căn cứ Quyết định số 782/QĐ-TTg ngày 27/5/2021 của Thủ tướng Chính phủ phê duyệt',
          basis: true,
        },
      ],
      '72/KH-LĐLĐ',
    );
    expect(refs.map((r) => [r.symbol, r.date, r.relation])).toEqual([
      ['28-CT/TW', '2023-12-25', 'basis'],
      ['251/KH-LPLD', '2021-05-11', 'cited'],
      ['782/QĐ-TTg', '2021-05-27', 'basis'],
    ]);
    expect(refs[2]!.issuer).toBe('Thủ tướng Chính phủ');
  });

  it('ignores dates, periods and phone numbers', () => {
    expect(
      extractReferences(
        [{ text: 'giai đoạn 2021-2025, ngày 12/7/2021, điện thoại: 024.37475627', basis: false }],
        null,
      ),
    ).toEqual([]);
  });
});

describe('joint symbols', () => {
  it('reads a joint circular of several ministries whole (TTLT of four bodies)', () => {
    const refs = extractReferences(
      [{ text: 'thực hiện theo Thông tư Liên tịch số 16/2006/TTLT/BLĐTBXH-BGD-ĐT-BTC./.', basis: false }],
      null,
    );
    expect(refs.map((r) => r.symbol)).toEqual(['16/2006/TTLT/BLĐTBXH-BGD-ĐT-BTC']);
  });
});
