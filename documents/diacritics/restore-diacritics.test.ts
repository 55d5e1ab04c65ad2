import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldText } from '../../domain/fold-text.ts';
import { lacksDiacritics, restoreDiacritics } from './diacritics.ts';
import { SyllableModel, trainSyllableModel } from './ngram-model.ts';
import { markedShare, restoreDiacriticsWith } from './restore-diacritics.ts';

describe('restoreDiacritics with the shipped model', () => {
  it('restores an administrative sentence and leaves the document symbol alone', () => {
    const r = restoreDiacritics('Thuc hien Chi thi so 28-CT/TW ve cong tac cong doan');
    expect(r.text).toBe('Thực hiện Chỉ thị số 28-CT/TW về công tác công đoàn');
    expect(r.changed).toBe(true);
    expect(r.confidence).toBeGreaterThan(0.8);
  });

  it('restores names of bodies and places', () => {
    expect(restoreDiacritics('Ban Chap hanh Tong Lien doan Lao dong Viet Nam').text).toBe(
      'Ban Chấp hành Tổng Liên đoàn Lao động Việt Nam',
    );
    expect(restoreDiacritics('Lien doan Lao dong tinh Lai Chau').text).toBe(
      'Liên đoàn Lao động tỉnh Lai Châu',
    );
  });

  it('keeps capitals: a heading in capitals stays in capitals', () => {
    expect(restoreDiacritics('KE HOACH THUC HIEN NHIEM VU NAM 2025').text).toBe(
      'KẾ HOẠCH THỰC HIỆN NHIỆM VỤ NĂM 2025',
    );
  });

  it('leaves numbers, dates, acronyms and punctuation untouched', () => {
    expect(
      restoreDiacritics('UBND tinh, TP.HCM, ngay 10 thang 5 nam 2024; bao cao truoc ngay 15/11/2025.').text,
    ).toBe('UBND tỉnh, TP.HCM, ngày 10 tháng 5 năm 2024; báo cáo trước ngày 15/11/2025.');
  });

  it('returns an accented text unchanged, even where a word could be read otherwise', () => {
    const text = 'Kế hoạch thực hiện Chỉ thị số 28-CT/TW về công tác chăm sóc trẻ em của tổ chức Công đoàn';
    expect(restoreDiacritics(text)).toEqual({ text, changed: false, confidence: 1 });
  });

  it('keeps the accented words of a mostly bare text and restores the others', () => {
    const r = restoreDiacritics('Thực hien chi thi so 28-CT/TW ve cong tac cong doan');
    expect(r.text.startsWith('Thực hiện')).toBe(true);
  });

  it('leaves a text without Vietnamese words alone', () => {
    expect(restoreDiacritics('UBND 28-CT/TW 2025')).toEqual({
      text: 'UBND 28-CT/TW 2025',
      changed: false,
      confidence: 1,
    });
  });

  it('returns text whose fold is the input’s, whatever the input (property)', () => {
    const syllable = fc.constantFrom(
      'cong',
      'doan',
      'Thuc',
      'HIEN',
      'ke',
      'hoach',
      'so',
      'UBND',
      'tinh',
      'a',
      'ngay',
      'Lao',
    );
    const separator = fc.constantFrom(' ', ', ', '. ', '\n', ' 28-CT/TW ', ' (', ') ', ' 15/11/2025 ', '  ');
    const text = fc
      .array(fc.tuple(syllable, separator), { maxLength: 30 })
      .map((parts) => parts.flat().join(''));
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ maxLength: 60 })), (input) => {
        const out = restoreDiacritics(input).text;
        expect(out.length).toBe(input.length);
        expect(foldText(out)).toBe(foldText(input));
      }),
      { numRuns: 300 },
    );
  });
});

describe('lacksDiacritics', () => {
  it('tells a bare text from an accented one', () => {
    expect(lacksDiacritics('Ke hoach thuc hien nhiem vu nam 2025')).toBe(true);
    expect(lacksDiacritics('Kế hoạch thực hiện nhiệm vụ năm 2025')).toBe(false);
    // plain-spelled syllables are common in accented text: "theo", "trong", "cho" carry no mark
    expect(lacksDiacritics('theo kế hoạch trong năm cho các đơn vị')).toBe(false);
  });

  it('needs three Vietnamese-looking syllables', () => {
    expect(lacksDiacritics('UBND TP.HCM')).toBe(false);
    expect(lacksDiacritics('ke hoach')).toBe(false);
    expect(markedShare('UBND')).toBeNaN();
  });
});

describe('a model trained in the test', () => {
  const model = new SyllableModel(
    trainSyllableModel([
      { file: 'a', text: 'Bảo vệ trẻ em. Bảo vệ môi trường. Báo cáo kết quả. Báo cáo tháng.' },
      { file: 'b', text: 'Bao vây. Gửi báo cáo. Bảo vệ trẻ em. Bảo đảm.' },
    ]),
  );

  it('lists the forms of a fold most frequent first', () => {
    expect(model.candidates('bao').map((id) => model.syllables[id])).toEqual(['bảo', 'báo', 'bao']);
    expect(model.candidates('xyz')).toEqual([]);
  });

  it('chooses by context, not by frequency alone', () => {
    expect(restoreDiacriticsWith(model, 'gui bao cao ket qua').text).toBe('gửi báo cáo kết quả');
    expect(restoreDiacriticsWith(model, 'bao ve tre em').text).toBe('bảo vệ trẻ em');
  });

  it('keeps a word it has never seen, and counts it as unsure', () => {
    const r = restoreDiacritics('bao ve tre em va giuong benh');
    expect(r.text.startsWith('bảo vệ trẻ em và')).toBe(true);
    const small = restoreDiacriticsWith(model, 'bao ve tre em xyzt lanh');
    expect(small.text).toBe('bảo vệ trẻ em xyzt lanh');
    expect(small.confidence).toBeLessThan(1);
  });
});

describe('text whose marks are OCR noise', () => {
  // the opening of an OCR'd plan (resources/seeds/002): a fifth of the words marked, nearly all wrongly
  const ocr =
    'Sé: 72/KH-LDLD Lai Chau, ngay 10 thang 5 nam 2024\nKE HOACH\n' +
    'Thuc hién Chuong trinh hanh dong sb 48-CTr/TU, ngay 17/4/2024 caa Ban Thuong vu Tinh uy vé ' +
    'Thuc hien Chi thi s6 28-CT/TW, ngay 25/12/2023 cua Bo Chinh tri vé ting cuong cong tac cham soc, ' +
    'gido duc va bao vé tré em dap tng yéu cau phat trién dat nuéc; ké hoach thuc hién';

  it('is restored although more than a fifth of it is marked', async () => {
    const { marksUnreliable } = await import('./restore-diacritics.ts');
    const { shippedModel } = await import('./diacritics.ts');
    expect(lacksDiacritics(ocr)).toBe(false);
    expect(marksUnreliable(shippedModel(), ocr)).toBe(true);
    const r = restoreDiacritics(ocr);
    expect(r.changed).toBe(true);
    expect(r.text).toContain('Thực hiện Chương trình hành động');
    expect(r.text).toContain('về Thực hiện Chỉ thị');
    expect(r.text).toContain('kế hoạch thực hiện');
    expect(foldText(r.text)).toBe(foldText(ocr));
  });

  it('is told apart from accented text with a few rare words', async () => {
    const { marksUnreliable } = await import('./restore-diacritics.ts');
    const { shippedModel } = await import('./diacritics.ts');
    const accented = 'Kế hoạch thực hiện Chỉ thị số 28-CT/TW về công tác chăm sóc trẻ em, khuýp khoẻo';
    expect(marksUnreliable(shippedModel(), accented)).toBe(false);
  });
});
