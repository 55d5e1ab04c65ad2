import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZPlanExtract } from '../../contracts/plan-extract.ts';
import { parsePlanDocument } from './parse-plan-document.ts';
import { FORWARDED_LETTERS, MONTHLY_REPORT_OCR, PARTY_NOTICE, PROVINCIAL_PLAN } from './test-fixtures.ts';

const seedDir = join(import.meta.dirname, '../../resources/seeds');
const seeds = readdirSync(seedDir).filter((f) => f.endsWith('.txt'));

describe('parsePlanDocument on the seed documents', () => {
  it.each(seeds)('%s validates against the plan-extract/v1 schema', (file) => {
    const out = parsePlanDocument(readFileSync(join(seedDir, file), 'utf8'), { source: file });
    expect(ZPlanExtract.safeParse(out).success).toBe(true);
    expect(out.documents.length).toBeGreaterThan(0);
  });
});

describe('parsePlanDocument on other issuers and kinds', () => {
  it('reads the units under the groups of "Tổ chức thực hiện" ("1. Đối với Ủy ban nhân dân các cấp")', () => {
    const plan = [
      'ỦY BAN NHÂN DÂN TỈNH BẮC NINH',
      'Số: 45/KH-UBND',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Bắc Ninh, ngày 10 tháng 3 năm 2025',
      'KẾ HOẠCH',
      'Hỗ trợ nhà ở cho người có công',
      'I. NỘI DUNG',
      '1. Rà soát đối tượng được hỗ trợ.',
      'II. TỔ CHỨC THỰC HIỆN',
      '1. Đối với Ủy ban nhân dân các cấp',
      '1.1. Ủy ban nhân dân huyện, thị xã:',
      '- Tổng hợp và phê duyệt danh sách.',
      '1.2. Ủy ban nhân dân xã, phường, thị trấn:',
      '- Lập danh sách, niêm yết công khai.',
      '2. Các sở, ngành có liên quan',
      '2.1. Sở Xây dựng: chủ trì xây dựng Đề án.',
      '2.2. Sở Tài chính: thẩm định dự toán.',
      '3. Liên đoàn Lao động tỉnh',
      'Tuyên truyền trong đoàn viên, người lao động.',
    ].join('\n');
    const [doc] = parsePlanDocument(plan, { source: 'kh.txt' }).documents;
    expect(doc!.assignments.map((a) => a.unit)).toEqual([
      'Ủy ban nhân dân huyện, thị xã',
      'Ủy ban nhân dân xã, phường, thị trấn',
      'Sở Xây dựng',
      'Sở Tài chính',
      'Liên đoàn Lao động tỉnh',
    ]);
  });

  it('reads a decision’s "Điều 2. Giao <unit>" as an assignment, or the units its items name', () => {
    const decision = (article: string[]) =>
      [
        'ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG',
        'Số: 986/QĐ-UBND',
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Độc lập - Tự do - Hạnh phúc',
        'Tuyên Quang, ngày 05 tháng 8 năm 2024',
        'QUYẾT ĐỊNH',
        'Ban hành Kế hoạch thời gian năm học 2024-2025',
        'Điều 1. Ban hành Kế hoạch thời gian năm học 2024-2025 như sau:',
        '1. Tựu trường các cấp học: Ngày 26/8/2024.',
        ...article,
        'Điều 3. Quyết định này có hiệu lực thi hành kể từ ngày ký.',
      ].join('\n');
    const [one] = parsePlanDocument(
      decision([
        'Điều 2. Giao Giám đốc Sở Giáo dục và Đào tạo',
        '1. Tổ chức chỉ đạo thực hiện hoàn thành Kế hoạch thời gian năm học đúng quy định.',
      ]),
      { source: 'qd.txt' },
    ).documents;
    expect(one!.assignments.map((a) => a.unit)).toEqual(['Giám đốc Sở Giáo dục và Đào tạo']);
    const [many] = parsePlanDocument(
      decision([
        'Điều 2. Giao các cơ quan, đơn vị thực hiện như sau:',
        '1. Sở Giáo dục và Đào tạo: hướng dẫn các trường thực hiện.',
        '2. Sở Tài chính: bố trí kinh phí.',
      ]),
      { source: 'qd.txt' },
    ).documents;
    expect(many!.assignments.map((a) => a.unit)).toEqual(['Sở Giáo dục và Đào tạo', 'Sở Tài chính']);
  });

  it('reads the bodies named under a conclusion notice’s request as tasks, not under a topic', () => {
    const notice = [
      'VĂN PHÒNG CHÍNH PHỦ',
      'Số: 12/TB-VPCP',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Hà Nội, ngày 05 tháng 3 năm 2025',
      'THÔNG BÁO',
      'Kết luận của Phó Thủ tướng tại cuộc họp về dự án đường ven biển',
      '1. Ghi nhận sự cố gắng của các bộ, cơ quan trong thời gian qua.',
      '2. Để hoàn thành dự án đúng tiến độ, yêu cầu các bộ, cơ quan liên quan tập trung thực hiện một số nội dung sau:',
      '(1) Bộ Giao thông vận tải chỉ đạo chủ đầu tư đẩy nhanh tiến độ thi công, hoàn thành trước ngày 30 tháng 6 năm 2025.',
      '(2) Bộ Tài chính bố trí đủ vốn cho dự án theo quy định.',
      '3. Về giải phóng mặt bằng',
      '(1) Ủy ban nhân dân tỉnh chỉ đạo hoàn thành bàn giao mặt bằng.',
      'Văn phòng Chính phủ thông báo để các cơ quan biết, thực hiện./.',
    ].join('\n');
    const [doc] = parsePlanDocument(notice, { source: 'tb.txt' }).documents;
    expect(doc!.kind).toBe('TB');
    expect(doc!.tasks.map((t) => [t.text.slice(0, 24), t.deadline])).toEqual([
      ['Ghi nhận sự cố gắng của ', null],
      ['Để hoàn thành dự án đúng', '2025-06-30'],
      ['Bộ Giao thông vận tải ch', '2025-06-30'],
      ['Bộ Tài chính bố trí đủ v', null],
      ['Về giải phóng mặt bằng', null],
    ]);
  });

  it('reads a provincial People’s Committee plan with a flattened header', () => {
    const [doc] = parsePlanDocument(PROVINCIAL_PLAN, { source: 'plan.pdf' }).documents;
    expect(doc).toMatchObject({
      kind: 'KH',
      symbol: '215/KH-UBND',
      issuer: 'Ủy ban nhân dân tỉnh Nam Định',
      place: 'Nam Định',
      date: '2025-03-05',
      signer: {
        authority: 'TM.',
        on_behalf_of: 'ỦY BAN NHÂN DÂN',
        title: 'PHÓ CHỦ TỊCH',
        name: 'Trần Anh Dũng',
      },
    });
    expect(doc!.tasks.map((t) => t.deadline)).toEqual([null, '2025-06-30', '2025-06-30']);
    expect(doc!.assignments.map((a) => a.unit)).toEqual([
      'Sở Y tế',
      'Sở Tài chính',
      'UBND các huyện, thành phố',
    ]);
    expect(doc!.reporting.map((r) => [r.frequency, r.due])).toEqual([
      ['once', '2025-12-15'],
      ['semiannual', '06-15'],
      ['annual', '12-10'],
    ]);
    expect(doc!.targets.map((t) => t.milestones[0]!.op)).toEqual(['=', '<', '>', '>=']);
    expect(doc!.recipients).toEqual(['Bộ Y tế', 'TT Tỉnh ủy, TT HĐND tỉnh', 'Các sở, ngành', 'Lưu: VT, VX']);
  });

  it('reads a Party notice', () => {
    const [doc] = parsePlanDocument(PARTY_NOTICE, { source: 'tb.txt' }).documents;
    expect(doc).toMatchObject({
      kind: 'TB',
      symbol: '145-TB/TU',
      issuer: 'Tỉnh ủy Lai Châu',
      date: '2024-09-20',
    });
    expect(doc!.signer?.authority).toBe('TM.');
    expect(doc!.references.map((r) => r.symbol)).toEqual(['28-CT/TW']);
    expect(doc!.tasks[1]).toMatchObject({ deadline: '2024-11-30', lead: 'Ban Tuyên giáo Tỉnh ủy' });
  });

  it('reads an OCR monthly report without diacritics', () => {
    const [doc] = parsePlanDocument(MONTHLY_REPORT_OCR, { source: 'bc.pdf' }).documents;
    expect(doc).toMatchObject({ kind: 'BC', symbol: '12/BC-LDLD', date: '2024-05-25', targets: [] });
    expect(doc!.reporting).toEqual([{ frequency: 'monthly', due: '20', to: 'LDLD huyén' }]);
    expect(doc!.tasks.map((t) => t.deadline)).toEqual([null, '2024-06-30']);
    expect(doc!.recipients).toEqual(['LDLD tinh', 'Luu VP']);
  });

  it('splits a forwarded letter whose header table puts "Số:" and "V/v" above the motto', () => {
    const docs = parsePlanDocument(FORWARDED_LETTERS, { source: 'cv.docx' }).documents;
    expect(docs.map((d) => [d.kind, d.symbol, d.issuer, d.date, d.title])).toEqual([
      [
        'CV',
        '95/UBND-VX',
        'Ủy ban nhân dân huyện Thạch Hà',
        '2025-04-18',
        'V/v triển khai Tháng Công nhân năm 2025',
      ],
      [
        'CV',
        '318/LĐLĐ-TG',
        'Liên đoàn Lao động tỉnh Hà Tĩnh',
        '2025-04-14',
        'V/v hướng dẫn tổ chức các hoạt động Tháng Công nhân năm 2025',
      ],
    ]);
    expect(docs[0]!.signer).toEqual({
      authority: 'TM.',
      on_behalf_of: 'ỦY BAN NHÂN DÂN',
      title: 'PHÓ CHỦ TỊCH',
      name: 'Lê Thị Hồng Vân',
    });
    expect(docs[0]!.recipients).toEqual(['Như trên', 'Lưu: VT']);
    expect(docs[1]!.addressees).toEqual(['Ủy ban nhân dân các huyện, thị xã, thành phố']);
  });

  it('reads a report’s results as neither targets nor tasks, its next-quarter goals as targets', () => {
    const report = `ỦY BAN NHÂN DÂN HUYỆN ĐÔNG HƯNG
Số: 301/BC-UBND
BÁO CÁO
Kết quả thực hiện nhiệm vụ quý III và phương hướng quý IV năm 2025

I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ QUÝ III
1. Kết quả thực hiện các chỉ tiêu
Tỷ lệ hộ nghèo giảm còn 2,1%; 98% người dân tham gia bảo hiểm y tế, đạt 101% kế hoạch.
2. Thực hiện nhiệm vụ cải cách hành chính
Giải quyết đúng hạn 99% hồ sơ thủ tục hành chính.
II. PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ IV NĂM 2025
1. Phấn đấu đến cuối năm 2025 có 100% xã đạt chuẩn tiếp cận pháp luật.
2. Hoàn thành kiểm tra công tác phòng cháy tại các chợ trước ngày 15/12/2025.`;
    const [doc] = parsePlanDocument(report, { source: 'bc.txt' }).documents;
    expect(doc!.kind).toBe('BC');
    expect(doc!.targets).toEqual([
      {
        text: 'xã đạt chuẩn tiếp cận pháp luật',
        milestones: [{ year: 2025, op: '=', value: 100, unit: '%' }],
      },
    ]);
    // "đến cuối năm 2025" dates the goal as a task too (as the gold of b01 dates "Đến năm 2020, …")
    expect(doc!.tasks.map((t) => t.deadline)).toEqual(['2025-12-31', '2025-12-15']);
    expect(doc!.reporting).toEqual([]);
  });

  it('never invents fields: plain prose gives nulls and empty lists', () => {
    const out = parsePlanDocument('Hôm nay trời đẹp. Chúng tôi đi dạo.', { source: 'x.txt' });
    expect(out.documents[0]).toMatchObject({
      kind: null,
      symbol: null,
      issuer: null,
      signer: null,
      targets: [],
      tasks: [],
    });
  });
});

describe('parsePlanDocument never throws and stays fast', () => {
  const parse = (text: string) => parsePlanDocument(text, { source: 'fuzz' });

  it('on random text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 2000 }), (text) => {
        expect(ZPlanExtract.safeParse(parse(text)).success).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('on genre-shaped random lines', () => {
    const piece = fc.constantFrom(
      'KẾ HOẠCH',
      'Số: 12/KH-LĐLĐ',
      'Hà Nội, ngày 1 tháng 2 năm 2024',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'I. MỤC TIÊU',
      'II. NHIỆM VỤ, GIẢI PHÁP',
      'III. TỔ CHỨC THỰC HIỆN',
      '1. Phấn đấu đến năm 2025 đạt trên 90% đoàn viên',
      '- báo cáo trước ngày 10/11 hằng năm',
      'Nơi nhận:',
      'TM. BAN THƯỜNG VỤ',
      'Nguyễn Văn A',
      '',
      '2.1.',
      'a)',
      '%%%%',
      '28-CT/TW 28-CT/TW',
      'TT Chỉ tiêu Đơn vị tính Năm 2025 Năm 2030',
      'Chỉ tiêu',
      'Năm 2030',
      '≥ 50',
      '1 Tỷ lệ đoàn viên % 90% 95%',
      'BÁO CÁO',
      'I. KẾT QUẢ THỰC HIỆN',
      'III. PHƯƠNG HƯỚNG THÁNG 11',
      'Báo cáo kết quả thực hiện về Sở Nội vụ.',
      'COÄNG HOØA XAÕ HOÄI',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string({ maxLength: 40 })), { maxLength: 200 }), (parts) => {
        expect(ZPlanExtract.safeParse(parse(parts.join('\n'))).success).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('on a 1 MB line, binary junk and deeply nested numbering', () => {
    const started = performance.now();
    parse('năm 2025 đạt trên 90% '.repeat(50_000));
    parse(`${'a'.repeat(1_000_000)}\n`);
    parse(' '.repeat(1_000_000));
    parse('1.'.repeat(300_000));
    const junk = Buffer.alloc(300_000);
    for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919) % 256;
    parse(junk.toString('latin1'));
    parse(Array.from({ length: 3000 }, (_, i) => `${'1.'.repeat((i % 4) + 1)} Mục tiêu ${i}`).join('\n'));
    parse(Array.from({ length: 5000 }, () => '- Nơi nhận: TM. BAN').join('\n'));
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});
