/**
 * A complete plan in the shape of a provincial federation's implementing plan (every part the
 * renderer draws: supervising body, opening, purposes, targets, tasks with lead and deadline,
 * events, funding, assignments, reporting, signature). Used by the tests and the benchmark.
 */
import type { PlanForRender } from './plan-for-render.ts';

export function samplePlan(): PlanForRender {
  return {
    kind: 'KH',
    symbol: '72/KH-LĐLĐ',
    supervisingBody: 'Tổng LĐLĐ Việt Nam',
    issuer: 'Liên đoàn Lao động tỉnh Lai Châu',
    place: 'Lai Châu',
    date: '2024-05-10',
    title:
      'Thực hiện Chỉ thị số 28-CT/TW ngày 25/12/2023 của Bộ Chính trị về tăng cường công tác chăm sóc, giáo dục và bảo vệ trẻ em đáp ứng yêu cầu phát triển đất nước phồn vinh, hạnh phúc trong đoàn viên, người lao động',
    addressees: [],
    preamble:
      'Thực hiện Chương trình số 48-CTr/TU ngày 17/4/2024 của Ban Thường vụ Tỉnh ủy; Kế hoạch số 59/KH-TLĐ ngày 23/4/2024 của Tổng Liên đoàn Lao động Việt Nam, Ban Thường vụ Liên đoàn Lao động tỉnh xây dựng Kế hoạch thực hiện như sau:',
    purposes: [
      '1. Quán triệt sâu sắc nội dung Chỉ thị đến cán bộ, đoàn viên, người lao động; nâng cao nhận thức, trách nhiệm của các cấp công đoàn trong công tác chăm sóc, giáo dục và bảo vệ trẻ em.',
      '2. Việc triển khai phải cụ thể, thiết thực, phù hợp với điều kiện của từng đơn vị, gắn với nhiệm vụ chính trị của tổ chức công đoàn.',
    ],
    signer: { authority: 'TM.', on_behalf_of: 'BAN THƯỜNG VỤ', title: 'PHÓ CHỦ TỊCH', name: 'Lê Thị Hoa' },
    references: [
      {
        kind: 'CTr',
        symbol: '48-CTr/TU',
        date: '2024-04-17',
        issuer: 'Ban Thường vụ Tỉnh ủy',
        relation: 'basis',
      },
      {
        kind: 'KH',
        symbol: '59/KH-TLĐ',
        date: '2024-04-23',
        issuer: 'Tổng Liên đoàn Lao động Việt Nam',
        relation: 'basis',
      },
      { kind: 'CT', symbol: '28-CT/TW', date: '2023-12-25', issuer: 'Bộ Chính trị', relation: 'basis' },
    ],
    targets: [
      {
        text: 'cán bộ chủ chốt công đoàn các cấp và cán bộ nữ công công đoàn cấp trên trực tiếp cơ sở được truyền thông, nâng cao nhận thức và kỹ năng tuyên truyền về công tác chăm sóc, giáo dục và bảo vệ trẻ em',
        milestones: [
          { year: 2025, op: '>', value: 90, unit: '%' },
          { year: 2030, op: '>', value: 95, unit: '%' },
        ],
      },
      {
        text: 'gia đình đoàn viên, người lao động được truyền thông, giáo dục về kiến thức, kỹ năng làm cha mẹ',
        milestones: [
          { year: 2025, op: '>=', value: 85, unit: '%' },
          { year: 2030, op: '=', value: 100, unit: '%' },
        ],
      },
      {
        text: 'mỗi công đoàn cơ sở tổ chức ít nhất một hoạt động tuyên truyền về quyền trẻ em',
        milestones: [{ year: null, recurrence: 'annual', op: '>=', value: 1, unit: 'hoạt động' }],
      },
    ],
    tasks: [
      {
        text: 'Nâng cao hiệu quả công tác phối hợp tham gia xây dựng và kiểm tra, giám sát việc thực hiện chính sách, pháp luật về trẻ em',
        deadline: null,
        lead: 'Ban Chính sách pháp luật',
      },
      {
        text: 'Đẩy mạnh công tác truyền thông về chăm sóc, giáo dục và bảo vệ trẻ em',
        deadline: '2024-12-31',
        lead: 'Ban Tuyên giáo',
      },
      {
        text: 'Phát triển các mô hình chăm sóc, giáo dục và bảo vệ trẻ em tại doanh nghiệp có đông lao động nữ',
        deadline: '2025-06-30',
        lead: null,
      },
    ],
    sections: [],
    events: [
      { name: 'Tháng hành động vì trẻ em', start: '06-01', end: '06-30' },
      { name: 'Ngày Quốc tế Thiếu nhi', start: '06-01', end: '06-01' },
    ],
    fundingText:
      'Kinh phí thực hiện Kế hoạch được bố trí trong dự toán tài chính công đoàn hằng năm của các cấp công đoàn và các nguồn hợp pháp khác.',
    assignments: [
      {
        unit: 'Liên đoàn Lao động tỉnh',
        text: 'Xây dựng Kế hoạch, hướng dẫn, đôn đốc các cấp công đoàn triển khai thực hiện; tổng hợp kết quả báo cáo Tổng Liên đoàn.',
      },
      {
        unit: 'Liên đoàn Lao động các huyện, thành phố, công đoàn ngành, công đoàn viên chức tỉnh',
        text: 'Căn cứ Kế hoạch này xây dựng kế hoạch phù hợp với tình hình thực tế của đơn vị.',
      },
    ],
    reporting: [
      { frequency: 'annual', due: '11-10', to: 'Liên đoàn Lao động tỉnh (qua Ban Tuyên giáo - Nữ công)' },
      { frequency: 'on_request', due: null, to: null },
    ],
    recipients: [
      'Tỉnh ủy Lai Châu (b/c)',
      'Tổng LĐLĐ Việt Nam (b/c)',
      'Ban Dân vận, Ban Tuyên giáo Tỉnh ủy',
      'Sở LĐTB&XH tỉnh',
      'LĐLĐ các huyện, thành phố, CĐN, CĐVC tỉnh',
      'Lưu: TgNc, VT',
    ],
  };
}
