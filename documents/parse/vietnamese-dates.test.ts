import { describe, expect, it } from 'vitest';
import { foldChars } from '../../domain/fold-text.ts';
import { findDeadline, isoDate, readDateAtStart } from './vietnamese-dates.ts';

const deadline = (text: string): string | null => findDeadline(foldChars(text));

describe('deadlines', () => {
  it('reads a day, a month, a quarter and a year as their last day', () => {
    expect(deadline('gửi về Bộ (qua Cục Trẻ em) trước ngày 15/9/2021 để tổng hợp')).toBe('2021-09-15');
    expect(deadline('tổ chức triển khai thực hiện (hoàn thành trong tháng 8/2021).')).toBe('2021-08-31');
    expect(deadline('hoàn thành trong Quý IV/2025')).toBe('2025-12-31');
    expect(deadline('hoàn thành trong tháng 2 năm 2024')).toBe('2024-02-29');
    expect(deadline('chậm nhất ngày 30 tháng 6 năm 2025')).toBe('2025-06-30');
    expect(deadline('hoàn thành trong năm 2026')).toBe('2026-12-31');
    expect(deadline('hoan thanh trude ngay 30/6/2024')).toBe('2024-06-30');
  });
  it('gives null without a year or a cue', () => {
    expect(deadline('báo cáo hằng năm gửi trước ngày 25 tháng 11')).toBeNull();
    expect(deadline('Tăng cường công tác phối hợp liên ngành')).toBeNull();
  });
});

describe('dates', () => {
  it('rejects impossible dates', () => {
    expect(isoDate(2021, 2, 30)).toBeNull();
    expect(isoDate(2024, 2, 29)).toBe('2024-02-29');
  });
  it('reads "ngày 12 tháng 7 năm 2021" and OCR "ngay 10 thang 5 nim 2024"', () => {
    expect(readDateAtStart(foldChars(' ngày 12 tháng 7 năm 2021 của Bộ'))).toBe('2021-07-12');
    expect(readDateAtStart('ngay 10 thang 5 nim 2024')).toBe('2024-05-10');
    expect(readDateAtStart(', ngay 23/8/2021')).toBe('2021-08-23');
  });
});

describe('findDeadline of a year a sentence opens on or a task ends by', () => {
  it('reads "Đến năm 2020, …", "đến hết năm 2019" and "Năm 2018, hoàn thành …" as the year’s end', () => {
    expect(deadline('Đến năm 2020, 100% người có công được lập hồ sơ theo dõi sức khỏe')).toBe('2020-12-31');
    expect(deadline('Hoàn thành việc hỗ trợ nhà ở giai đoạn 2 đến hết năm 2019.')).toBe('2019-12-31');
    expect(deadline('Ưu tiên hỗ trợ theo Nghị quyết. Năm 2018, hoàn thành việc hỗ trợ nhà ở')).toBe(
      '2018-12-31',
    );
    expect(deadline('Đẩy nhanh tiến độ với mục tiêu: Đến năm 2020, giải quyết căn bản hồ sơ')).toBe(
      '2020-12-31',
    );
  });
  it('leaves a horizon inside a sentence alone', () => {
    expect(
      deadline('thực hiện Chương trình giai đoạn 2021 - 2025, định hướng đến năm 2030 trong CNVCLĐ'),
    ).toBeNull();
    expect(deadline('Nâng cao chất lượng đào tạo đến năm 2030, tầm nhìn 2045')).toBeNull();
  });
});

describe('findDeadline of a labelled line ("Thời gian hoàn thành: …")', () => {
  it('reads quarters, spans and months as a table time cell (the latest end)', () => {
    expect(deadline('- Thời gian hoàn thành: Quý IV/2025 và Quý I/2026;')).toBe('2026-03-31');
    expect(deadline('- Thời gian thực hiện: Từ tháng 12/2025 đến quý I/2026.')).toBe('2026-03-31');
    expect(deadline('- Thời gian thực hiện: Từ tháng 11/2025 đến tháng 4/2026.')).toBe('2026-04-30');
    expect(deadline('- Thời gian hoàn thành: Dự kiến tháng 11/2025 (sau khi tỉnh ban hành Hướng dẫn).')).toBe(
      '2025-11-30',
    );
  });
  it('gives none for "thường xuyên" or a start alone', () => {
    expect(deadline('Thời gian thực hiện: thường xuyên.')).toBeNull();
    expect(deadline('Thời gian: từ năm 2026')).toBeNull();
  });
});
