import { describe, expect, it } from 'vitest';
import { buildParagraphs, firstLevelItems } from './build-outline.ts';
import { extractAssignments } from './extract-assignments.ts';
import { extractEvents } from './extract-events.ts';
import { extractRecipients, findRecipientsLine } from './extract-recipients.ts';
import { extractReporting } from './extract-reporting.ts';
import { extractSigner } from './extract-signer.ts';
import { findLead, tasksFromInstructions, tasksFromItems } from './extract-tasks.ts';
import { splitDocuments } from './split-documents.ts';

const items = (text: string) => {
  const ps = buildParagraphs(text.split('\n'));
  return firstLevelItems(ps, 0, ps.length);
};

describe('tasks', () => {
  it('one per first-level item, with deadline and lead', () => {
    const tasks = tasksFromItems(
      items(`1. Xây dựng Chương trình/Kế hoạch hằng năm, gửi về Bộ trước ngày 15/9/2021 để tổng hợp.
- Sở Lao động chủ trì thực hiện.
2. Hằng năm, bố trí ngân sách. Chỉ đạo lồng ghép.`),
    );
    expect(tasks).toEqual([
      {
        text: 'Xây dựng Chương trình/Kế hoạch hằng năm, gửi về Bộ trước ngày 15/9/2021 để tổng hợp',
        deadline: '2021-09-15',
        lead: 'Sở Lao động',
      },
      { text: 'Hằng năm, bố trí ngân sách', deadline: null, lead: null },
    ]);
  });
  it('reads a "Giao … chủ trì" instruction of a letter', () => {
    const [p] = buildParagraphs([
      'Ngày 03/8/2021, Phó Chủ tịch UBND tỉnh có ý kiến chỉ đạo: Giao Sở Lao động - Thương binh và Xã hội chủ trì, phối hợp với các sở tham mưu (hoàn thành trong tháng 8/2021).',
    ]);
    const [task] = tasksFromInstructions([p!]);
    expect(task).toMatchObject({ deadline: '2021-08-31', lead: 'Sở Lao động - Thương binh và Xã hội' });
    expect(task!.text.startsWith('Giao Sở Lao động')).toBe(true);
  });
  it('finds a labelled lead', () => {
    expect(findLead('Cơ quan chủ trì: Sở Y tế; thời gian: Quý III/2025')).toBe('Sở Y tế');
  });
  it('keeps " - " inside a lead unit and stops before a label or lower-case words', () => {
    expect(
      findLead('Tổ chức tọa đàm về quyền của lao động nữ. Đơn vị chủ trì: Ban Tuyên giáo - Nữ công.'),
    ).toBe('Ban Tuyên giáo - Nữ công');
    expect(findLead('Cơ quan chủ trì: Sở Lao động - Thương binh và Xã hội - Thời gian: năm 2025')).toBe(
      'Sở Lao động - Thương binh và Xã hội',
    );
    expect(findLead('Đơn vị chủ trì: Phòng Nội vụ - phối hợp Công an huyện')).toBe('Phòng Nội vụ');
  });
});

describe('assignments', () => {
  it('reads units from headings, before a colon and after "Giao"', () => {
    const found = extractAssignments(
      items(`1. Liên đoàn Lao động tỉnh
- Xây dựng kế hoạch.
2. Sở Tài chính: Bố trí kinh phí thực hiện.
3. Giao Ban Tuyên giáo chủ trì tổ chức tuyên truyền.
4. Định kỳ sơ kết, tổng kết việc thực hiện kế hoạch này theo quy định của pháp luật hiện hành và báo cáo kết quả.`),
    );
    expect(found.map((a) => a.unit)).toEqual(['Liên đoàn Lao động tỉnh', 'Sở Tài chính', 'Ban Tuyên giáo']);
  });
});

describe('reporting', () => {
  it('reads the duties of the genre', () => {
    expect(
      extractReporting([
        'Định kỳ báo cáo kết quả triển khai trong báo công tác nữ công trước ngày 10/11 hằng năm',
      ]),
    ).toEqual([{ frequency: 'annual', due: '11-10', to: null }]);
    expect(
      extractReporting([
        'Định kỳ báo cáo kết quả lồng ghép trong báo cáo 6 tháng, báo cáo năm về công tác nữ công.',
      ]).map((r) => r.frequency),
    ).toEqual(['semiannual', 'annual']);
    expect(
      extractReporting([
        'báo cáo sơ kết, tổng kết khi có yêu cầu về Liên đoàn Lao động tỉnh (qua Ban Nữ công)',
      ]),
    ).toEqual([{ frequency: 'on_request', due: null, to: 'Liên đoàn Lao động tỉnh (qua Ban Nữ công)' }]);
    expect(
      extractReporting(['Tổng hợp, báo cáo UBND tỉnh trước ngày 16 tháng 12 năm 2025.'])[0],
    ).toMatchObject({ frequency: 'once', due: '2025-12-16' });
    expect(
      extractReporting(['Các CĐCS báo cáo kết quả hằng tháng trước ngày 20 gửi LĐLĐ huyện'])[0],
    ).toMatchObject({ frequency: 'monthly', due: '20' });
    expect(extractReporting(['định kỳ báo cáo về Liên đoàn Lao động tỉnh theo quy định'])[0]).toMatchObject({
      frequency: 'periodic',
    });
  });
  it('keeps one duty per frequency, the dated one', () => {
    const found = extractReporting([
      'Các báo cáo hằng năm gửi về Bộ',
      'báo cáo hằng năm gửi trước ngày 25 tháng 11',
    ]);
    expect(found).toEqual([{ frequency: 'annual', due: '11-25', to: null }]);
  });
  it('sets no duty from an undated imperative report (the corpus gold lists none: a02, a05, b03, b07, d04, d06)', () => {
    expect(
      extractReporting([
        'Các công đoàn cơ sở báo cáo kết quả thực hiện về Liên đoàn Lao động huyện (qua Ban Tổ chức) sau khi kết thúc đợt thi đua.',
        'Tổng hợp, báo cáo Ủy ban nhân dân tỉnh kết quả triển khai',
        'Theo báo cáo của các huyện, 95% hộ gia đình đã được tuyên truyền.',
      ]),
    ).toEqual([]);
    // dated, it is a one-time duty
    expect(
      extractReporting(['Các đơn vị báo cáo kết quả về Ủy ban nhân dân tỉnh trước ngày 15/12/2025.']),
    ).toEqual([{ frequency: 'once', due: '2025-12-15', to: 'Ủy ban nhân dân tỉnh' }]);
  });
  it('pairs dates listed after one "trước ngày" with the periods named before them, in order', () => {
    expect(
      extractReporting([
        'Định kỳ 6 tháng và hằng năm, các đơn vị báo cáo kết quả về Sở Nội vụ trước ngày 25/5 và 25/11 để tổng hợp.',
      ]).map((r) => [r.frequency, r.due]),
    ).toEqual([
      ['semiannual', '05-25'],
      ['annual', '11-25'],
    ]);
    expect(
      extractReporting([
        'Báo cáo sơ kết 6 tháng, tổng kết năm gửi Liên đoàn Lao động tỉnh trước ngày 15/6, 15/12.',
      ]).map((r) => [r.frequency, r.due]),
    ).toEqual([
      ['semiannual', '06-15'],
      ['annual', '12-15'],
    ]);
    // one period for a list of dates: a duty per date (gold rulebook)
    expect(
      extractReporting(['Các đơn vị báo cáo kết quả trước ngày 01/6 và 15/11 hằng năm.']).map((r) => [
        r.frequency,
        r.due,
      ]),
    ).toEqual([
      ['annual', '06-01'],
      ['annual', '11-15'],
    ]);
    // one period, one date: read as before
    expect(extractReporting(['Báo cáo năm trước ngày 10/11 và gửi bản mềm qua thư điện tử.'])).toEqual([
      { frequency: 'annual', due: '11-10', to: null },
    ]);
  });
  it('ignores "báo cáo viên" and sentences without a duty', () => {
    expect(extractReporting(['thông qua đội ngũ báo cáo viên hằng năm', 'Trên đây là kế hoạch'])).toEqual([]);
  });
});

describe('signer and recipients', () => {
  const lines = `Nơi nhận:
- Như trên;
- TT. Tỉnh ủy;
- LĐLĐ huyện, TP, TX, CĐ ngành

  và tương đương, CĐCS trực thuộc;
- Lưu: VT, tthuy.

KT. CHÁNH VĂN PHÒNG
PHÓ CHÁNH VĂN PHÒNG



Đặng Vũ Bằng`.split('\n');
  it('reads authority, office, position and name', () => {
    expect(extractSigner(lines, 0, lines.length)?.signer).toEqual({
      authority: 'KT.',
      on_behalf_of: 'CHÁNH VĂN PHÒNG',
      title: 'PHÓ CHÁNH VĂN PHÒNG',
      name: 'Đặng Vũ Bằng',
    });
  });
  it('reads Party "T/M"', () => {
    const party = ['T/M BAN THƯỜNG VỤ', 'PHÓ BÍ THƯ', '', 'Giàng A Tính'];
    expect(extractSigner(party, 0, party.length)?.signer.authority).toBe('TM.');
  });
  it('reads the right-hand of two signers side by side (a conference resolution, a joint paper)', () => {
    const joint = [
      'Hoàng Lương, ngày 07 tháng 10 năm 2020',
      'CHỦ TỊCH CÔNG ĐOÀN HIỆU TRƯỞNG',
      'Đặng Thị Hà Hoàng Minh Dương',
    ];
    expect(extractSigner(joint, 0, joint.length)?.signer).toEqual({
      authority: null,
      on_behalf_of: null,
      title: 'HIỆU TRƯỞNG',
      name: 'Hoàng Minh Dương',
    });
    // one position and one name stay as they were
    expect(extractSigner(['PHÓ CHỦ TỊCH', 'Nguyễn Văn An'], 0, 2)?.signer.name).toBe('Nguyễn Văn An');
    expect(extractSigner(['HỘI NGHỊ CÁN BỘ CÔNG CHỨC', 'Nguyễn Văn An Trần Thị Bình'], 0, 2)).toBeNull();
  });
  it('lists recipients one a line, joining a wrapped one', () => {
    expect(extractRecipients(lines, findRecipientsLine(lines))).toEqual([
      'Như trên',
      'TT. Tỉnh ủy',
      'LĐLĐ huyện, TP, TX, CĐ ngành và tương đương, CĐCS trực thuộc',
      'Lưu: VT, tthuy',
    ]);
  });
  it('cuts the signature block off two-column lines', () => {
    const flat = [
      'Noi nhén: TM. BAN THUONG VU',
      '- Tinh uy Lai Chau; : 3 [’',
      '- Bộ Y tế; KT. CHỦ TỊCH',
      '- Lưu: VT.',
    ];
    expect(extractRecipients(flat, 0)).toEqual(['Tinh uy Lai Chau', 'Bộ Y tế', 'Lưu: VT']);
    expect(extractSigner(flat, 0, flat.length)?.signer).toMatchObject({
      authority: 'TM.',
      on_behalf_of: 'BAN THUONG VU',
      name: null,
    });
  });
});

describe('events', () => {
  it('dates recurring campaigns', () => {
    expect(
      extractEvents([
        'Hàng năm, tổ chức triển khai Tháng Hành động vì bình đẳng giới từ ngày 15/11 đến 15/12 và Tháng hành động quốc gia về dân số (tháng 12).',
      ]),
    ).toEqual([
      { name: 'Tháng Hành động vì bình đẳng giới', start: '11-15', end: '12-15' },
      { name: 'Tháng hành động quốc gia về dân số', start: '12-01', end: '12-31' },
    ]);
    expect(extractEvents(['Ngày 03/8/2021, Phó Chủ tịch có ý kiến chỉ đạo'])).toEqual([]);
  });
});

describe('splitDocuments', () => {
  it('keeps one document through a list of slogans naming the state', () => {
    const lines = [
      'ỦY BAN BẦU CỬ XÃ PHỐ BẢNG',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      ...Array.from({ length: 20 }, (_, i) => `${i + 1}. Khẩu hiệu tuyên truyền thứ ${i + 1}!`),
      '21. Đảng Cộng sản Việt Nam quang vinh muôn năm!',
      '22. Nước Cộng hòa xã hội chủ nghĩa Việt Nam muôn năm!',
      '- Nước Cộng hòa xã hội chủ nghĩa Việt Nam muôn năm',
      'TM. TIỂU BAN',
    ];
    expect(splitDocuments(lines)).toEqual([{ start: 0, end: lines.length }]);
  });
  it('starts the next document at its issuer when "Số:" and "V/v" lines sit above the motto', () => {
    const lines = [
      'ỦY BAN NHÂN DÂN HUYỆN CẨM XUYÊN',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      ...Array.from({ length: 18 }, (_, i) => `Nội dung chỉ đạo thứ ${i}.`),
      '- Lưu: VT.',
      'Võ Văn Hưng',
      'LIÊN ĐOÀN LAO ĐỘNG',
      'TỈNH HÀ TĨNH',
      '',
      'Số: 318/LĐLĐ-TG',
      'V/v hướng dẫn tổ chức các hoạt động',
      'Tháng Công nhân năm 2025',
      '',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Hà Tĩnh, ngày 14 tháng 4 năm 2025',
    ];
    expect(splitDocuments(lines)).toEqual([
      { start: 0, end: 22 },
      { start: 22, end: lines.length },
    ]);
  });
  it('starts a new document at a second motto, with its issuer lines', () => {
    const lines = [
      'UBND TỈNH KIÊN GIANG',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      ...Array.from({ length: 20 }, (_, i) => `Đoạn văn thứ ${i}.`),
      'Đặng Vũ Bằng',
      'BỘ LAO ĐỘNG - THƯƠNG BINH',
      'VÀ XÃ HỘI',
      '',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'PHỤ LỤC',
    ];
    expect(splitDocuments(lines)).toEqual([
      { start: 0, end: 23 },
      { start: 23, end: lines.length },
    ]);
  });
});

describe('signer', () => {
  it("reads a police or army signer's name after the rank", () => {
    const lines = [
      'Nơi nhận:',
      '- Như trên;',
      '- Lưu: VT.',
      'KT. BỘ TRƯỞNG',
      'THỨ TRƯỞNG',
      'Thượng tướng Nguyễn Văn Long',
    ];
    expect(extractSigner(lines, 0, lines.length)?.signer).toEqual({
      authority: 'KT.',
      on_behalf_of: 'BỘ TRƯỞNG',
      title: 'THỨ TRƯỞNG',
      name: 'Thượng tướng Nguyễn Văn Long',
    });
  });
  it('does not take a lower-case line for a rank', () => {
    const lines = ['TM. BAN THƯỜNG VỤ', 'CHỦ TỊCH', 'thượng tướng Nguyễn Văn Long'];
    expect(extractSigner(lines, 0, lines.length)?.signer.name).toBeNull();
  });
});
