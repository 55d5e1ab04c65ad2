import { describe, expect, it } from 'vitest';
import {
  buildParagraphs,
  firstLevelItems,
  firstSentence,
  parseMarker,
  sectionScope,
} from './build-outline.ts';

describe('parseMarker', () => {
  it('reads a bracketed number before a capital as a point, not a bracketed note', () => {
    expect(parseMarker('(3) Bộ Công an tiếp tục phối hợp').marker).toEqual({ kind: 'paren', label: '3' });
    expect(parseMarker('(1) của Bộ Y tế').marker).toBeNull();
  });
  it('reads roman numerals, including OCR misreadings', () => {
    expect(parseMarker('III. NHIỆM VỤ VÀ GIẢI PHÁP').marker?.kind).toBe('roman');
    expect(parseMarker('I11. NHIEM VU, GIAI PHAP CHU YEU').marker?.kind).toBe('roman');
    expect(parseMarker('|. MUC PICH, YEU CAU').marker?.kind).toBe('roman');
    expect(parseMarker('IL. MỤC ĐÍCH, YÊU CẦU').marker?.kind).toBe('roman');
  });
  it('reads arabic, nested, letter and bullet markers', () => {
    expect(parseMarker('1. Nâng cao nhận thức').marker?.kind).toBe('arabic');
    expect(parseMarker('1.Nâng cao').marker?.kind).toBe('arabic');
    expect(parseMarker('2.1. Mục tiêu 1: Trong lĩnh vực chính trị').marker?.kind).toBe('arabic2');
    expect(parseMarker('a) Xây dựng kế hoạch').marker?.kind).toBe('letter');
    expect(parseMarker('- Ban TG-NC LĐLĐ tỉnh;').marker?.kind).toBe('dash');
    expect(parseMarker('+ Triển khai quy trình').marker?.kind).toBe('plus');
  });
  it('does not take numbers or symbols for markers', () => {
    expect(parseMarker('2.000 đoàn viên mới').marker).toBeNull();
    expect(parseMarker('V/v thực hiện Chương trình').marker).toBeNull();
  });
});

describe('buildParagraphs', () => {
  it('joins wrapped OCR lines and splits at markers and blank lines', () => {
    const lines = [
      '1. Phan dau dén nam 2025 dat trén 90% can',
      'bo chu chét cong doan cac cap duoc tap huan.',
      '',
      '2. Phan ddu dén nam 2025 dat trén 90% gia',
      'dinh doan vién.',
    ];
    const ps = buildParagraphs(lines);
    expect(ps).toHaveLength(2);
    expect(ps[0]!.text).toBe(
      'Phan dau dén nam 2025 dat trén 90% can bo chu chét cong doan cac cap duoc tap huan.',
    );
  });
  it('mends a symbol broken at the end of a line', () => {
    const ps = buildParagraphs(['Thực hiện Chỉ thị số 28-', 'CT/TW ngày 25/12/2023 của Bộ Chính trị.']);
    expect(ps[0]!.text).toContain('28-CT/TW');
  });
  it('does not take a paragraph-ending upper-case word for a heading', () => {
    const ps = buildParagraphs(['1. Chăm lo, bảo vệ em con', 'CNVCLĐ.', '', '2. Tăng cường kiểm tra.']);
    expect(ps.map((p) => p.marker?.kind)).toEqual(['arabic', 'arabic']);
  });
});

describe('outline', () => {
  const lines = [
    'II. NỘI DUNG',
    '1. Mục tiêu tổng quát',
    '- Thu hẹp khoảng cách giới.',
    '2. Mục tiêu cụ thể',
    '2.1. Mục tiêu 1',
    '- Phấn đấu đạt 30%.',
    '2.2. Mục tiêu 2',
    '3. Các nhiệm vụ, giải pháp chủ yếu',
    '3.1. Tiếp tục thực hiện',
    'III. TỔ CHỨC THỰC HIỆN',
  ];
  const ps = buildParagraphs(lines);
  it('scopes a section to the next marker of its level', () => {
    const at = ps.findIndex((p) => p.text === 'Mục tiêu cụ thể');
    const scope = sectionScope(ps, at);
    expect(ps.slice(scope.from, scope.to).map((p) => p.text)).toEqual([
      'Mục tiêu 1',
      'Phấn đấu đạt 30%.',
      'Mục tiêu 2',
    ]);
    expect(firstLevelItems(ps, scope.from, scope.to).map((i) => i.head.text)).toEqual([
      'Mục tiêu 1',
      'Mục tiêu 2',
    ]);
  });
});

describe('firstSentence', () => {
  it('stops at the first full stop before a capital', () => {
    expect(firstSentence('Hằng năm, bố trí ngân sách. Tăng cường phối hợp.')).toBe(
      'Hằng năm, bố trí ngân sách',
    );
  });
});
