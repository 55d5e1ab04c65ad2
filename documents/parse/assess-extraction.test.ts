import { describe, expect, it } from 'vitest';
import type { TExtractedDocument } from '../../contracts/plan-extract.ts';
import { assessExtraction } from './assess-extraction.ts';
import { parsePlanDocument } from './parse-plan-document.ts';

const complete: TExtractedDocument = {
  kind: 'KH',
  symbol: '72/KH-LĐLĐ',
  issuer: 'Liên đoàn Lao động tỉnh Lai Châu',
  place: 'Lai Châu',
  date: '2024-05-10',
  title: 'Thực hiện Chỉ thị số 28-CT/TW ngày 25/12/2023 của Bộ Chính trị',
  addressees: [],
  signer: { authority: 'TM.', on_behalf_of: 'BAN THƯỜNG VỤ', title: 'PHÓ CHỦ TỊCH', name: 'Đặng Vũ Bằng' },
  references: [],
  targets: [{ text: 'cán bộ được tập huấn', milestones: [{ year: 2025, op: '>', value: 90, unit: '%' }] }],
  tasks: [{ text: 'Tăng cường tuyên truyền', deadline: null, lead: null }],
  assignments: [],
  reporting: [],
  recipients: ['Tỉnh ủy Lai Châu'],
  events: [],
};
const TEXT = 'Liên đoàn Lao động tỉnh Lai Châu xây dựng kế hoạch thực hiện như sau';
const today = '2026-12-07';

describe('assessExtraction', () => {
  it('finds nothing to doubt in a complete extraction', () => {
    expect(assessExtraction(complete, TEXT, { today })).toEqual([]);
  });

  it('names why each field is uncertain, least sure first', () => {
    const checks = assessExtraction(
      {
        ...complete,
        issuer: null,
        symbol: '/KH-LĐLĐ',
        title: 'Thực hiện Chỉ thị số 28-CT/TW ngày 25/12/2023 của',
        signer: null,
        tasks: [],
        targets: [{ text: 'x', milestones: [{ year: null, op: '=', value: 1, unit: '%' }] }],
      },
      TEXT,
      { today },
    );
    expect(checks.map((c) => c.reason)).toEqual([
      'missing_issuer',
      'missing_signer',
      'plan_without_tasks',
      'target_without_year',
      'title_cut',
      'symbol_blank_number',
    ]);
    expect(checks.every((c, i) => i === 0 || checks[i - 1]!.confidence <= c.confidence)).toBe(true);
  });

  it('flags a date in the future and a symbol out of form', () => {
    const reasons = assessExtraction({ ...complete, date: '2027-01-01', symbol: '56ÿS/BCA-C04' }, TEXT, {
      today,
    }).map((c) => c.reason);
    expect(reasons).toEqual(['date_odd', 'symbol_odd']);
  });

  it('flags a text read without diacritics', () => {
    const text =
      'Lien doan Lao dong tinh Lai Chau xay dung ke hoach thuc hien nhu sau, ve cong tac cham soc tre em';
    expect(assessExtraction(complete, text, { today }).map((c) => c.reason)).toContain(
      'text_without_diacritics',
    );
  });

  it('reports a letter whose closing lost its signature', () => {
    const doc = parsePlanDocument(
      [
        'BỘ NỘI VỤ',
        'Số: 11/BNV-KHTC',
        'V/v báo cáo',
        'Hà Nội, ngày 26 tháng 11 năm 2025',
        '',
        'Kính gửi: Các bộ',
        '',
        'Đề nghị các bộ báo cáo.',
      ].join('\n'),
      { source: 'x' },
    ).documents[0]!;
    expect(assessExtraction(doc, 'Đề nghị các bộ báo cáo', { today }).map((c) => c.reason)).toContain(
      'missing_signer',
    );
  });
});
