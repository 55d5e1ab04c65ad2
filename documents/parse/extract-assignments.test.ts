import { describe, expect, it } from 'vitest';
import type { Paragraph } from './build-outline.ts';
import { extractAssignments } from './extract-assignments.ts';

const item = (text: string) => ({
  head: { text, marker: { kind: 'arabic', label: '1' } as unknown as Paragraph['marker'], start: 0, end: 0 },
  body: [],
});
const unitsOf = (...heads: string[]) => extractAssignments(heads.map(item)).map((a) => a.unit);

describe('extractAssignments', () => {
  it('reads "các tổ chức …" as a unit, not "tổ chức" as its verb', () => {
    expect(
      unitsOf(
        'Đề nghị các tổ chức chính trị - xã hội, hiệp hội phối hợp với ngành y tế tuyên truyền.',
        'Mặt trận Tổ quốc Việt Nam và các tổ chức thành viên của Mặt trận giám sát việc thực hiện.',
        'Các tổ chức chính trị - xã hội xã tổ chức tuyên truyền, vận động đoàn viên, hội viên.',
      ),
    ).toEqual([
      'các tổ chức chính trị - xã hội, hiệp hội',
      'Mặt trận Tổ quốc Việt Nam và các tổ chức thành viên của Mặt trận',
      'Các tổ chức chính trị - xã hội xã',
    ]);
  });

  it('keeps a capitalised verb inside a proper name ("Bộ Xây dựng")', () => {
    expect(unitsOf('Bộ Xây dựng chủ trì, phối hợp với các địa phương hỗ trợ nhà ở.')).toEqual([
      'Bộ Xây dựng',
    ]);
  });

  it('reads heads of bodies as units (Decree 30 addressees: Thủ trưởng, Giám đốc, Chủ tịch)', () => {
    expect(
      unitsOf(
        'Thủ trưởng các đơn vị trực thuộc Bộ chủ động triển khai các nhiệm vụ được giao.',
        'Giám đốc Sở Tài chính bố trí kinh phí thực hiện.',
      ),
    ).toEqual(['Thủ trưởng các đơn vị trực thuộc Bộ', 'Giám đốc Sở Tài chính']);
  });

  it('reads no unit from a sentence that names none', () => {
    expect(
      unitsOf(
        'Kinh phí thực hiện kế hoạch được bố trí từ nguồn ngân sách nhà nước hằng năm theo quy định hiện hành của pháp luật.',
      ),
    ).toEqual([]);
  });
});
