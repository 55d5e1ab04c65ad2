import { describe, expect, it } from 'vitest';
import { ZPlanExtract } from '../../contracts/plan-extract.ts';
import { parsePlanDocument } from './parse-plan-document.ts';
import { MONTHLY_UNION_REPORT, PARTY_COMMITTEE_NOTICE, PROVINCIAL_PLAN_DOCX } from './test-fixtures.ts';

/** Full extractions of documents written like the hidden holdout: other issuers, kinds, layouts. */
const parseOne = (text: string, source: string) => {
  const out = parsePlanDocument(text, { source });
  expect(ZPlanExtract.safeParse(out).success).toBe(true);
  expect(out.documents).toHaveLength(1);
  return out.documents[0]!;
};

describe('held-out style documents, full extraction', () => {
  it('a provincial People’s Committee plan (DOCX): "Căn cứ" lines, year-column target table, "Sở" leads', () => {
    expect(parseOne(PROVINCIAL_PLAN_DOCX, 'kh-ubnd.docx')).toEqual({
      kind: 'KH',
      symbol: '168/KH-UBND',
      issuer: 'Ủy ban nhân dân tỉnh Quảng Trị',
      place: 'Quảng Trị',
      date: '2025-07-22',
      title:
        'Phát triển đời sống văn hóa, thể thao cho người lao động tại các khu công nghiệp trên địa bàn tỉnh giai đoạn 2025 - 2030',
      addressees: [],
      signer: { authority: 'TM.', on_behalf_of: 'ỦY BAN NHÂN DÂN', title: 'PHÓ CHỦ TỊCH', name: 'Hoàng Nam' },
      references: [
        { kind: 'Luật', symbol: '72/2025/QH15', date: '2025-06-16', issuer: null, relation: 'basis' },
        {
          kind: 'QĐ',
          symbol: '1145/QĐ-TTg',
          date: '2024-10-08',
          issuer: 'Thủ tướng Chính phủ',
          relation: 'basis',
        },
        {
          kind: 'NQ',
          symbol: '45/NQ-HĐND',
          date: '2024-12-10',
          issuer: 'Hội đồng nhân dân tỉnh',
          relation: 'basis',
        },
      ],
      targets: [
        {
          text: 'Tỷ lệ doanh nghiệp có thiết chế văn hóa, thể thao cho người lao động',
          milestones: [
            { year: 2025, op: '=', value: 40, unit: '%' },
            { year: 2030, op: '=', value: 60, unit: '%' },
          ],
        },
        {
          text: 'Số khu nhà ở công nhân có thiết chế công đoàn',
          milestones: [
            { year: 2025, op: '=', value: 3, unit: 'khu' },
            { year: 2030, op: '=', value: 8, unit: 'khu' },
          ],
        },
        {
          text: 'Tỷ lệ người lao động tham gia tập luyện thể dục, thể thao thường xuyên',
          milestones: [
            { year: 2025, op: '>=', value: 35, unit: '%' },
            { year: 2030, op: '>=', value: 50, unit: '%' },
          ],
        },
      ],
      tasks: [
        {
          text: 'Hoàn thiện cơ chế, chính sách hỗ trợ xây dựng thiết chế văn hóa, thể thao tại các khu công nghiệp',
          deadline: '2025-12-31',
          lead: 'Sở Văn hóa, Thể thao và Du lịch',
        },
        {
          text: 'Tổ chức Hội thao công nhân, viên chức, lao động tỉnh hằng năm',
          deadline: null,
          lead: 'Liên đoàn Lao động tỉnh',
        },
        {
          text: 'Giao Sở Y tế chủ trì, phối hợp với Liên đoàn Lao động tỉnh tổ chức khám sức khỏe cho người lao động tại các khu công nghiệp, hoàn thành trước ngày 30/11/2025',
          deadline: '2025-11-30',
          lead: 'Sở Y tế',
        },
      ],
      assignments: [
        {
          unit: 'Sở Văn hóa, Thể thao và Du lịch',
          text: 'Chủ trì, theo dõi, đôn đốc việc thực hiện Kế hoạch; tổng hợp, báo cáo Ủy ban nhân dân tỉnh trước ngày 15 tháng 12 hằng năm',
        },
        { unit: 'Sở Tài chính', text: 'Tham mưu bố trí kinh phí thực hiện Kế hoạch theo quy định' },
        {
          unit: 'Ủy ban nhân dân các huyện, thị xã, thành phố',
          text: 'Xây dựng kế hoạch thực hiện tại địa phương',
        },
      ],
      reporting: [{ frequency: 'annual', due: '12-15', to: 'Ủy ban nhân dân tỉnh' }],
      recipients: [
        'Bộ Văn hóa, Thể thao và Du lịch',
        'TT Tỉnh ủy, TT HĐND tỉnh',
        'Chủ tịch, các PCT UBND tỉnh',
        'Các sở, ban, ngành',
        'UBND các huyện, thị xã, thành phố',
        'Lưu: VT, KGVX',
      ],
      events: [],
    });
  });

  it('a Party committee notice: "T/M BAN THƯỜNG VỤ", Party symbol, conclusions as tasks', () => {
    expect(parseOne(PARTY_COMMITTEE_NOTICE, 'tb-hu.pdf')).toEqual({
      kind: 'TB',
      symbol: '212-TB/HU',
      issuer: 'Huyện ủy Thanh Liêm',
      place: 'Thanh Liêm',
      date: '2025-11-14',
      title:
        'ý kiến của Ban Thường vụ Huyện ủy về công tác chuẩn bị Đại hội Công đoàn huyện lần thứ XII, nhiệm kỳ 2025 - 2030',
      addressees: [],
      signer: { authority: 'TM.', on_behalf_of: 'BAN THƯỜNG VỤ', title: 'PHÓ BÍ THƯ', name: 'Phạm Văn Tuấn' },
      references: [
        {
          kind: 'CT',
          symbol: '41-CT/TU',
          date: '2025-03-20',
          issuer: 'Ban Thường vụ Tỉnh ủy',
          relation: 'basis',
        },
      ],
      targets: [],
      tasks: [
        {
          text: 'Đồng ý với dự thảo báo cáo chính trị và phương án nhân sự Ban Chấp hành khóa XII',
          deadline: null,
          lead: null,
        },
        {
          text: 'Ban Tuyên giáo Huyện ủy chủ trì, phối hợp với Liên đoàn Lao động huyện tuyên truyền về Đại hội, hoàn thành trong tháng 12/2025',
          deadline: '2025-12-31',
          lead: 'Ban Tuyên giáo Huyện ủy',
        },
        {
          text: 'Đảng đoàn Liên đoàn Lao động huyện hoàn thiện hồ sơ nhân sự, báo cáo Thường trực Huyện ủy trước ngày 05/12/2025',
          deadline: '2025-12-05',
          lead: null,
        },
      ],
      assignments: [],
      reporting: [{ frequency: 'once', due: '2025-12-05', to: 'Thường trực Huyện ủy' }],
      recipients: [
        'Ban Thường vụ Tỉnh ủy (để báo cáo)',
        'Các đồng chí Huyện ủy viên',
        'Đảng đoàn LĐLĐ huyện',
        'Lưu Văn phòng Huyện ủy',
      ],
      events: [],
    });
  });

  it('a monthly union report: results and shortcomings are neither targets nor tasks', () => {
    expect(parseOne(MONTHLY_UNION_REPORT, 'bc-thang-10.docx')).toEqual({
      kind: 'BC',
      symbol: '87/BC-CĐKCN',
      issuer: 'Công đoàn các Khu công nghiệp tỉnh Bắc Giang',
      place: 'Bắc Giang',
      date: '2025-10-28',
      title: 'Kết quả hoạt động công đoàn tháng 10 và phương hướng, nhiệm vụ tháng 11 năm 2025',
      addressees: [],
      signer: {
        authority: 'TM.',
        on_behalf_of: 'BAN THƯỜNG VỤ',
        title: 'CHỦ TỊCH',
        name: 'Nguyễn Thị Thu Hà',
      },
      references: [
        {
          kind: 'KH',
          symbol: '12/KH-CĐKCN',
          date: '2025-01-15',
          issuer: 'Ban Thường vụ Công đoàn các Khu công nghiệp',
          relation: 'basis',
        },
        {
          kind: 'CT',
          symbol: '32-CT/TU',
          date: '2025-08-05',
          issuer: 'Ban Thường vụ Tỉnh ủy',
          relation: 'cited',
        },
      ],
      targets: [
        {
          text: 'doanh nghiệp từ 25 lao động trở lên thành lập công đoàn cơ sở',
          milestones: [{ year: 2025, op: '>', value: 90, unit: '%' }],
        },
      ],
      tasks: [
        {
          text: 'Đẩy mạnh phát triển đoàn viên; phấn đấu đến hết năm 2025 có trên 90% doanh nghiệp từ 25 lao động trở lên thành lập công đoàn cơ sở',
          deadline: '2025-12-31', // "đến hết năm 2025" (as the gold of b01 dates "Đến năm 2020, …")
          lead: null,
        },
        {
          text: 'Tổ chức Hội nghị đối thoại giữa lãnh đạo tỉnh với công nhân lao động các khu công nghiệp, hoàn thành trước ngày 25/11/2025',
          deadline: '2025-11-25',
          lead: null,
        },
        {
          text: 'Rà soát, lập danh sách đoàn viên có hoàn cảnh khó khăn để thăm hỏi dịp Tết Nguyên đán',
          deadline: null,
          lead: 'Ban Nữ công - Chính sách',
        },
      ],
      assignments: [],
      reporting: [{ frequency: 'monthly', due: '25', to: 'Công đoàn các Khu công nghiệp (qua Văn phòng)' }],
      recipients: ['Thường trực LĐLĐ tỉnh', 'Ban Tổ chức LĐLĐ tỉnh', 'Các CĐCS trực thuộc', 'Lưu: VT'],
      events: [],
    });
  });
});
