/**
 * Properties of the genre the reader must hold whatever the layout: the two header blocks
 * interleaved line by line, the date line wrapped anywhere, the closing flattened, a task section
 * under any of its usual headings — the extraction stays the same.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePlanDocument } from './parse-plan-document.ts';

const LEFT = ['LIÊN ĐOÀN LAO ĐỘNG', 'TỈNH LAI CHÂU', 'Số: 72/KH-LĐLĐ'];
const RIGHT = ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'];
const DATE = 'Lai Châu, ngày 10 tháng 5 năm 2024';

const body = (taskHeading: string): string[] => [
  '',
  'KẾ HOẠCH',
  'Thực hiện Chỉ thị số 28-CT/TW ngày 25/12/2023 của Bộ Chính trị',
  '',
  'Thực hiện Chỉ thị số 28-CT/TW ngày 25/12/2023 của Bộ Chính trị, Ban Thường vụ Liên đoàn Lao động tỉnh xây dựng kế hoạch như sau:',
  '',
  'I. MỤC ĐÍCH, YÊU CẦU',
  '1. Nâng cao nhận thức của các cấp công đoàn.',
  '',
  `II. ${taskHeading}`,
  '1. Tăng cường công tác tuyên truyền về chăm sóc trẻ em.',
  '2. Tổ chức các hoạt động cho con đoàn viên, hoàn thành trước ngày 30/6/2025.',
  '3. Kiểm tra, giám sát việc thực hiện chính sách.',
  '',
  'III. TỔ CHỨC THỰC HIỆN',
  '1. Ban Tuyên giáo - Nữ công Liên đoàn Lao động tỉnh: tham mưu triển khai kế hoạch.',
  '2. Công đoàn cơ sở: xây dựng kế hoạch thực hiện.',
  '',
  'Nơi nhận:',
  '- Tổng Liên đoàn Lao động Việt Nam;',
  '- Lưu: VT.',
  '',
  'TM. BAN THƯỜNG VỤ',
  'PHÓ CHỦ TỊCH',
  'Đặng Vũ Bằng',
];

/** Every interleaving of two sequences, as a choice of which one gives the next line. */
const interleaving = fc
  .array(fc.boolean(), {
    minLength: LEFT.length + RIGHT.length + 1,
    maxLength: LEFT.length + RIGHT.length + 1,
  })
  .map((picks) => {
    const right = [...RIGHT, DATE];
    const left = [...LEFT];
    const out: string[] = [];
    for (const takeLeft of picks) {
      if ((takeLeft && left.length > 0) || right.length === 0) out.push(left.shift()!);
      else out.push(right.shift()!);
    }
    return [...out, ...left, ...right];
  });

function header(text: string) {
  const d = parsePlanDocument(text, { source: 'x.txt' }).documents[0]!;
  return { kind: d.kind, symbol: d.symbol, issuer: d.issuer, place: d.place, date: d.date, signer: d.signer };
}

const EXPECTED = {
  kind: 'KH',
  symbol: '72/KH-LĐLĐ',
  issuer: 'Liên đoàn Lao động tỉnh Lai Châu',
  place: 'Lai Châu',
  date: '2024-05-10',
  signer: { authority: 'TM.', on_behalf_of: 'BAN THƯỜNG VỤ', title: 'PHÓ CHỦ TỊCH', name: 'Đặng Vũ Bằng' },
};

describe('layout properties of the reader', () => {
  it('reads the same header whatever the interleaving of its two blocks', () => {
    fc.assert(
      fc.property(interleaving, (head) => {
        expect(header([...head, ...body('NHIỆM VỤ')].join('\n'))).toEqual(EXPECTED);
      }),
      { numRuns: 200 },
    );
  });

  it('reads the same date and place wherever the date line wraps', () => {
    const words = DATE.split(' ');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: words.length - 1 }), (cut) => {
        const wrapped = [words.slice(0, cut).join(' '), words.slice(cut).join(' ')];
        const text = [...LEFT, ...RIGHT, ...wrapped, ...body('NHIỆM VỤ')].join('\n');
        const h = header(text);
        expect({ place: h.place, date: h.date }).toEqual({ place: 'Lai Châu', date: '2024-05-10' });
      }),
    );
  });

  it('reads the same tasks under any of the task section’s usual headings', () => {
    const headings = [
      'NHIỆM VỤ',
      'NHIỆM VỤ, GIẢI PHÁP',
      'NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU',
      'NỘI DUNG CÔNG TÁC',
      'NỘI DUNG, HÌNH THỨC TRIỂN KHAI',
      'NỘI DUNG, TIẾN ĐỘ, PHÂN CÔNG THỰC HIỆN',
      'CÁC NHIỆM VỤ TRỌNG TÂM',
      'NHIỆM VỤ VÀ GIẢI PHÁP',
    ];
    const tasksUnder = (h: string) =>
      parsePlanDocument([...LEFT, ...RIGHT, DATE, ...body(h)].join('\n'), { source: 'x' }).documents[0]!
        .tasks;
    const reference = tasksUnder('NHIỆM VỤ');
    expect(reference.map((t) => t.deadline)).toEqual([null, '2025-06-30', null]);
    for (const h of headings) expect(tasksUnder(h), h).toEqual(reference);
  });

  it('reads the same closing when it is flattened into one table row', () => {
    const flat = [
      ...LEFT,
      ...RIGHT,
      DATE,
      ...body('NHIỆM VỤ').slice(0, -8),
      '| Nơi nhận: - Tổng Liên đoàn Lao động Việt Nam; - Lưu: VT. | TM. BAN THƯỜNG VỤ PHÓ CHỦ TỊCH Đặng Vũ Bằng |',
    ].join('\n');
    const d = parsePlanDocument(flat, { source: 'x' }).documents[0]!;
    expect(d.signer).toEqual(EXPECTED.signer);
    expect(d.recipients).toEqual(['Tổng Liên đoàn Lao động Việt Nam', 'Lưu: VT']);
  });
});
