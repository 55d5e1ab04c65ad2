import { describe, expect, it } from 'vitest';
import { extractTargets, readBreakdown, readTargetsFromClause, spanEndYear } from './extract-targets.ts';

const none = { year: null, annual: false };

describe('readTargetsFromClause', () => {
  it('reads milestones by year with "trên" as >', () => {
    const [t] = readTargetsFromClause(
      'Phấn đấu đến năm 2025 đạt trên 90% và đến năm 2030 đạt trên 95% cán bộ chủ chốt công đoàn các cấp được tập huấn.',
      none,
      null,
    );
    expect(t).toEqual({
      text: 'cán bộ chủ chốt công đoàn các cấp được tập huấn',
      milestones: [
        { year: 2025, op: '>', value: 90, unit: '%' },
        { year: 2030, op: '>', value: 95, unit: '%' },
      ],
    });
  });

  it('reads "trở lên" as >=, one value for two years, value before the year', () => {
    const [a] = readTargetsFromClause(
      'Phấn đấu đến năm 2025 và duy trì đến năm 2030 đạt 30% trở lên tỷ lệ nữ tham gia Ban Chấp hành công đoàn các cấp.',
      none,
      null,
    );
    expect(a!.milestones).toEqual([
      { year: 2025, op: '>=', value: 30, unit: '%' },
      { year: 2030, op: '>=', value: 30, unit: '%' },
    ]);
    const [b] = readTargetsFromClause(
      'Vận động 70% trở lên vào năm 2025 và 90% trở lên vào năm 2030 đoàn viên được khám sức khỏe',
      none,
      null,
    );
    expect(b!.milestones.map((m) => [m.year, m.value])).toEqual([
      [2025, 70],
      [2030, 90],
    ]);
    expect(b!.text).toBe('đoàn viên được khám sức khỏe');
  });

  it('reads a yearly count with "ít nhất"', () => {
    const [t] = readTargetsFromClause(
      'Hàng năm mỗi công đoàn cơ sở tổ chức hoặc lồng ghép tổ chức ít nhất một hoạt động tuyên truyền nhằm thay đổi nhận thức',
      none,
      null,
    );
    expect(t!.milestones).toEqual([
      { year: null, recurrence: 'annual', op: '>=', value: 1, unit: 'hoạt động' },
    ]);
    expect(t!.text).toContain('mỗi công đoàn cơ sở tổ chức');
  });

  it('reads dưới, không quá and a bare 100% as =', () => {
    expect(readTargetsFromClause('Tỷ lệ hộ nghèo giảm xuống dưới 3%', none, null)[0]!.milestones[0]!.op).toBe(
      '<',
    );
    expect(readTargetsFromClause('Tỷ lệ bỏ học không quá 2%', none, null)[0]!.milestones[0]!.op).toBe('<=');
    expect(
      readTargetsFromClause('Đến năm 2025, 100% cán bộ được bồi dưỡng', none, null)[0]!.milestones[0],
    ).toEqual({
      year: 2025,
      op: '=',
      value: 100,
      unit: '%',
    });
  });

  it('splits two indicators of one sentence into two targets', () => {
    const ts = readTargetsFromClause(
      'Tỷ lệ đoàn viên được tập huấn đạt 90% và tỷ lệ công đoàn cơ sở có tủ sách pháp luật đạt 80%',
      { year: 2025, annual: false },
      null,
    );
    expect(ts.map((t) => [t.text, t.milestones[0]!.value, t.milestones[0]!.year])).toEqual([
      ['Tỷ lệ đoàn viên được tập huấn', 90, 2025],
      ['tỷ lệ công đoàn cơ sở có tủ sách pháp luật', 80, 2025],
    ]);
  });

  it('counts in units whose first word is also a function word ("cơ sở", "người học")', () => {
    const [t] = readTargetsFromClause(
      'Đến năm 2030, phấn đấu ít nhất 8 cơ sở giáo dục đại học thuộc nhóm 200 đại học hàng đầu châu Á',
      none,
      null,
    );
    expect(t!.milestones).toEqual([{ year: 2030, op: '>=', value: 8, unit: 'cơ sở' }]);
    expect(
      readTargetsFromClause('Các đơn vị có trên 5 cơ quan tham gia', none, null)[0]!.milestones[0]!.unit,
    ).toBe('cơ quan');
  });
  it('reads OCR text without diacritics', () => {
    const [t] = readTargetsFromClause(
      'Phan ddu dén nam 2025 dat trén 90% va dén nim 2030 dat trén 95% gia dinh doan vién',
      none,
      null,
    );
    expect(t!.milestones.map((m) => [m.year, m.op, m.value])).toEqual([
      [2025, '>', 90],
      [2030, '>', 95],
    ]);
  });

  it('reads a count reached ("đạt 10 mô hình") and levels set with "có" or "đạt tỷ lệ" as =', () => {
    expect(
      readTargetsFromClause(
        'Phấn đấu đến năm 2030 đạt 10 mô hình điểm về an toàn, vệ sinh lao động',
        none,
        null,
      ),
    ).toEqual([
      {
        text: 'mô hình điểm về an toàn, vệ sinh lao động',
        milestones: [{ year: 2030, op: '=', value: 10, unit: 'mô hình' }],
      },
    ]);
    expect(
      readTargetsFromClause('Đến năm 2027 có 100% xã, phường có ban chỉ đạo công tác dân số', none, null)[0]!
        .milestones,
    ).toEqual([{ year: 2027, op: '=', value: 100, unit: '%' }]);
    expect(
      readTargetsFromClause(
        'Hằng năm đạt tỷ lệ 95% đoàn viên được phổ biến pháp luật lao động',
        none,
        null,
      )[0]!.milestones,
    ).toEqual([{ year: null, recurrence: 'annual', op: '=', value: 95, unit: '%' }]);
    expect(
      readTargetsFromClause(
        'Đến năm 2026 có 50 doanh nghiệp trở lên ký thỏa ước lao động tập thể',
        none,
        null,
      )[0]!.milestones,
    ).toEqual([{ year: 2026, op: '>=', value: 50, unit: 'doanh nghiệp' }]);
  });

  it('strips "Hằng năm," with its comma from the target text', () => {
    const [t] = readTargetsFromClause(
      'Hằng năm, mỗi công đoàn cơ sở tổ chức ít nhất một hoạt động chăm lo cho nữ đoàn viên nhân ngày 8/3',
      none,
      null,
    );
    expect(t).toEqual({
      text: 'mỗi công đoàn cơ sở tổ chức ít nhất một hoạt động chăm lo cho nữ đoàn viên nhân ngày 8/3',
      milestones: [{ year: null, recurrence: 'annual', op: '>=', value: 1, unit: 'hoạt động' }],
    });
  });

  it('gives nothing for objectives without numbers', () => {
    expect(readTargetsFromClause('Vận động mỗi gia đình sinh đủ hai con', none, null)).toEqual([]);
  });
});

describe('extractTargets', () => {
  it('takes the year from the heading', () => {
    const ts = extractTargets([
      { text: 'Chỉ tiêu đến năm 2026', isHeading: true, headingText: null },
      {
        text: '95% đoàn viên được tuyên truyền pháp luật.',
        isHeading: false,
        headingText: 'Chỉ tiêu đến năm 2026',
      },
    ]);
    expect(ts[0]!.milestones[0]!.year).toBe(2026);
  });
});

describe('readBreakdown', () => {
  it('makes one target per rated category', () => {
    expect(readBreakdown('- Hạnh kiểm: Tốt: 60%     khá: 35%    TB: 5%', 2021)).toEqual([
      { text: 'Hạnh kiểm: Tốt', milestones: [{ year: 2021, op: '=', value: 60, unit: '%' }] },
      { text: 'Hạnh kiểm: khá', milestones: [{ year: 2021, op: '=', value: 35, unit: '%' }] },
      { text: 'Hạnh kiểm: TB', milestones: [{ year: 2021, op: '=', value: 5, unit: '%' }] },
    ]);
    expect(
      readBreakdown('- Kiểm tra toàn diện : Tốt : 30% ; Khá : 50% ; TB : 20%.', null)?.map((t) => t.text),
    ).toEqual(['Kiểm tra toàn diện: Tốt', 'Kiểm tra toàn diện: Khá', 'Kiểm tra toàn diện: TB']);
  });
  it('leaves a sentence that is not only shares to the clause reader', () => {
    expect(readBreakdown('- HS lên lớp thẳng: 97% trở lên.', null)).toBeNull();
    expect(readBreakdown('Xếp loại giờ dạy : Giỏi : 30% ; Không có tiết dạy xếp loại yếu', null)).toBeNull();
    expect(readBreakdown('Năm 2025: đạt 90%; năm 2030: đạt 95%', null)).toBeNull();
  });
  it('is read inside a target section', () => {
    const targets = extractTargets([
      { text: 'III. CÁC CHỈ TIÊU PHẤN ĐẤU NĂM HỌC 2020 - 2021', isHeading: true, headingText: null },
      { text: '- Học lực: Giỏi: 12%  Khá: 42%  TB: 42%  Yếu: 4%', isHeading: false, headingText: null },
    ]);
    expect(targets.map((t) => [t.text, t.milestones[0]?.year])).toEqual([
      ['Học lực: Giỏi', 2021],
      ['Học lực: Khá', 2021],
      ['Học lực: TB', 2021],
      ['Học lực: Yếu', 2021],
    ]);
  });
});

describe('spanEndYear', () => {
  it('reaches a phase and a school year in their last year', () => {
    expect(spanEndYear('giai doan 2021-2025')).toBe(2025);
    expect(spanEndYear('nam hoc 2020 – 2021')).toBe(2021);
    expect(spanEndYear('nam 2025')).toBeNull();
  });
});

describe('a clause that ends on its year', () => {
  it('dates the values before each year (value, qualifier, year; value, year)', () => {
    const targets = readTargetsFromClause(
      'Lượng muối tiêu thụ trung bình giảm xuống dưới 8 gam/ngày vào năm 2025 và dưới 7 gam/ngày vào năm 2030.',
      { year: 2045, annual: false },
      null,
    );
    expect(targets.flatMap((t) => t.milestones.map((m) => [m.year, m.value]))).toEqual([
      [2025, 8],
      [2030, 7],
    ]);
  });

  it('dates two qualified values by the year after them, not by the heading', () => {
    const targets = readTargetsFromClause(
      'Tỷ lệ trường học tổ chức bữa ăn học đường đạt 60% ở khu vực thành thị và 40% ở khu vực nông thôn vào năm 2025 và đạt 90% và 80% vào năm 2030.',
      { year: 2045, annual: false },
      null,
    );
    expect(targets.flatMap((t) => t.milestones.map((m) => [m.year, m.value]))).toEqual([
      [2025, 60],
      [2025, 40],
      [2030, 90],
      [2030, 80],
    ]);
  });

  it('still dates forward when the clause opens on its year', () => {
    const [t] = readTargetsFromClause('Đến năm 2025 đạt 90% đoàn viên được tuyên truyền.', none, null);
    expect(t!.milestones).toEqual([{ year: 2025, op: '=', value: 90, unit: '%' }]);
  });
});
