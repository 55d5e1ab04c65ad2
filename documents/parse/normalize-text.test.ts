import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldChars } from '../../domain/fold-text.ts';
import {
  convertTcvn3,
  convertVni,
  isMostlyUpper,
  looksLikeTcvn3,
  looksLikeVni,
  normalizeText,
  trimListItem,
} from './normalize-text.ts';

describe('normalizeText', () => {
  it('removes markdown emphasis, headings and bookmarks, keeps the words', () => {
    const text =
      '## KẾ HOẠCH\n### **Thực hiện Chương trình**\n[bookmark: _GoBack]\tThực hiện *trước ngày 15/9/2021* để';
    expect(normalizeText(text).split('\n')).toEqual([
      'KẾ HOẠCH',
      'Thực hiện Chương trình',
      ' Thực hiện trước ngày 15/9/2021 để',
    ]);
  });

  it('composes decomposed Vietnamese (NFD → NFC)', () => {
    expect(normalizeText('Lai Cha\u0302u')).toBe('Lai Châu');
  });

  it('detects and converts TCVN3 (ABC) text', () => {
    const legacy = 'Céng hßa x· héi chñ nghÜa ViÖt Nam - §éc lËp';
    expect(looksLikeTcvn3(legacy)).toBe(true);
    expect(convertTcvn3(legacy)).toBe('Cộng hòa xã hội chủ nghĩa Việt Nam - Độc lập');
    expect(looksLikeTcvn3('Cộng hòa xã hội chủ nghĩa Việt Nam')).toBe(false);
  });

  it('detects and converts VNI-Windows text, upper and lower case, ơ/ư with tones', () => {
    const legacy =
      'ÑAÛNG UÛY KHOÁI CAÙC CÔ QUAN TÆNH\nCoâng ñoaøn vieân chöùc tænh phaán ñaáu ñeán naêm 2026 coù 95% ñoaøn vieân ñöôïc hoïc taäp nghò quyeát; Tröôûng ban, Phoù Chuû tòch, kyõ naêng, hoã trôï.';
    expect(looksLikeVni(legacy)).toBe(true);
    expect(looksLikeTcvn3(legacy)).toBe(false);
    expect(convertVni(legacy)).toBe(
      'ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH\nCông đoàn viên chức tỉnh phấn đấu đến năm 2026 có 95% đoàn viên được học tập nghị quyết; Trưởng ban, Phó Chủ tịch, kỹ năng, hỗ trợ.',
    );
    expect(normalizeText(legacy).split('\n')[0]).toBe('ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH');
    // Unicode text (old-style "hoà", "khoẻ") and TCVN3 are not VNI
    expect(looksLikeVni('Cộng hòa xã hội chủ nghĩa Việt Nam, hoà bình, khoẻ mạnh, Peña Niño')).toBe(false);
    expect(looksLikeVni('Céng hßa x· héi chñ nghÜa ViÖt Nam - §éc lËp, ®oµn viªn')).toBe(false);
  });
});

describe('foldChars', () => {
  it('strips diacritics and case, đ → d', () => {
    expect(foldChars('Liên đoàn Lao Động TỈNH Đắk Lắk')).toBe('lien doan lao dong tinh dak lak');
  });

  it('keeps the length so matches can be cut from the source', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => {
        expect(foldChars(s).length).toBe(s.length);
      }),
    );
  });
});

describe('helpers', () => {
  it('trims list punctuation', () => {
    expect(trimListItem('- Lưu: VT, NC.')).toBe('Lưu: VT, NC');
    expect(trimListItem('- Sở Y tế;')).toBe('Sở Y tế');
  });
  it('tells upper-case header lines', () => {
    expect(isMostlyUpper('BAN THƯỜNG VỤ')).toBe(true);
    expect(isMostlyUpper('Ban Thường vụ')).toBe(false);
  });
});
