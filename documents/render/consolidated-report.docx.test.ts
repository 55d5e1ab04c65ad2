import { describe, expect, it } from 'vitest';
import {
  missingLines,
  narrativesCutLine,
  openingSentence,
  renderConsolidatedDocx,
  reportSubject,
} from './consolidated-report.docx.ts';
import { docxParagraphs, unzip } from './docx-xml.ts';
import { sampleConsolidatedReport as report } from './sample-consolidated-report.ts';

describe('renderConsolidatedDocx: the paper an office sends', () => {
  it("dates it at the issuing unit's place, numbers it for its issuer and prints no instruction of the app", async () => {
    const docx = await renderConsolidatedDocx(report, {
      place: 'Tân Phong',
      date: '2025-11-10',
      symbolSuffix: 'BC-CĐ',
    });
    const text = docxParagraphs(docx).map((p) => p.replace(/\u00a0/g, ' '));
    expect(text).toContain('Tân Phong, ngày 10 tháng 11 năm 2025');
    expect(text).toContain('Số:        /BC-CĐ');
    const all = text.join('\n');
    expect(all).not.toMatch(/hãy chọn lại/);
    expect(all).toContain('chưa so sánh được.');
    expect(all).toContain('- CĐCS số 7, CĐCS số 39: Đã tập huấn.');
  });

  it('numbers pages from page 2 and says "thực hiện" once in the subject', async () => {
    const files = unzip(
      await renderConsolidatedDocx(report, { place: null, date: '2025-11-10', symbolSuffix: 'BC-CĐ' }),
    );
    expect(files.get('word/document.xml')!.toString('utf8')).toContain('<w:titlePg/>');
    const headers = [...files.keys()].filter((name) => /^word\/header\d+\.xml$/.test(name));
    expect(headers.filter((name) => /PAGE/.test(files.get(name)!.toString('utf8')))).toHaveLength(1);
    expect(reportSubject('Thực hiện Chỉ thị số 28-CT/TW', 'Năm 2025')).toBe(
      'Kết quả thực hiện Chỉ thị số 28-CT/TW năm 2025',
    );
    expect(reportSubject('Kế hoạch thực hiện Chương trình 48-CTr/TU.', 'Quý III/2025')).toBe(
      'Kết quả thực hiện Chương trình 48-CTr/TU quý III/2025',
    );
    expect(reportSubject('Kế hoạch tập huấn cán bộ', 'Năm 2025')).toBe(
      'Kết quả thực hiện Kế hoạch tập huấn cán bộ năm 2025',
    );
    expect(reportSubject('Tập huấn cán bộ chủ chốt', '6 tháng đầu năm 2025')).toBe(
      'Kết quả thực hiện tập huấn cán bộ chủ chốt 6 tháng đầu năm 2025',
    );
  });

  it("cites the plan, the period's dates, data never past the paper's date and the plan's deadline", () => {
    expect(openingSentence(report, '2025-11-10')).toBe(
      'Thực hiện Kế hoạch số 3/KH-CĐ ngày 15/8/2025, Công đoàn phường Tân Phong báo cáo kết quả năm 2025 ' +
        '(kỳ báo cáo từ ngày 01/01/2025 đến ngày 31/12/2025; số liệu từ ngày 15/12/2024 đến ngày 10/11/2025; ' +
        'thời hạn báo cáo theo kế hoạch: ngày 10/11/2025) như sau:',
    );
    // a commune reporting on its province's plan names the province; the schedule's name is not printed
    const provincePlan = {
      ...report,
      plan: { ...report.plan, symbol: '72/KH-LĐLĐ', issuerName: 'Liên đoàn Lao động tỉnh Lai Châu' },
    };
    const text = openingSentence(provincePlan, '2026-01-15');
    expect(text).toMatch(
      /^Thực hiện Kế hoạch số 72\/KH-LĐLĐ ngày 15\/8\/2025 của Liên đoàn Lao động tỉnh Lai Châu, /,
    );
    expect(text).toContain('số liệu từ ngày 15/12/2024 đến ngày 14/12/2025');
    expect(text).not.toContain('Báo cáo năm');
  });

  it('signs as the unit signs, or names its leading body; lists every target and what is missing', async () => {
    const missing = {
      ...report,
      completeness: { ...report.completeness, expected: 40, approved: 36 },
      notReported: [
        {
          unitId: 9,
          unitName: 'CĐCS số 39',
          unitType: 'grassroots' as const,
          status: 'not_started' as const,
        },
        { unitId: 8, unitName: 'CĐCS số 7', unitType: 'grassroots' as const, status: 'draft' as const },
        { unitId: 7, unitName: 'CĐCS số 12', unitType: 'grassroots' as const, status: 'submitted' as const },
      ],
      targets: [
        ...report.targets,
        { ...report.targets[0]!, targetId: 2, text: 'Mỗi năm kết nạp 100 đoàn viên.', indicator: null },
      ],
    };
    expect(missingLines(missing)).toEqual([
      'Còn 4/40 đơn vị chưa có báo cáo được duyệt.',
      '- Chưa gửi báo cáo: CĐCS số 7; CĐCS số 39.',
      '- Đã gửi, chưa được duyệt: CĐCS số 12.',
      '- Và 1 đơn vị khác.',
    ]);
    expect(missingLines(report)).toEqual([]);
    const unsigned = docxParagraphs(
      await renderConsolidatedDocx(missing, {
        place: 'Tân Phong',
        date: '2025-11-10',
        symbolSuffix: 'BC-CĐ',
      }),
    );
    expect(unsigned).toContain('TM. BAN CHẤP HÀNH');
    expect(unsigned).toContain('- Mỗi năm kết nạp 100 đoàn viên: chưa có số liệu để đánh giá.');
    // a count with its unit; no empty column of numerators for counts
    expect(unsigned).toContain('12 người');
    expect(unsigned).not.toContain('Số liệu');
    const signed = docxParagraphs(
      await renderConsolidatedDocx(missing, {
        place: 'Tân Phong',
        date: '2025-11-10',
        symbolSuffix: 'BC-CĐ',
        signer: { authority: 'TM.', on_behalf_of: 'Ban Chấp hành', title: 'Chủ tịch', name: 'Lò Văn Minh' },
      }),
    );
    expect(signed).toContain('Lò Văn Minh');
    // narratives gathered from fewer units than wrote: said once, above them
    const cut = docxParagraphs(
      await renderConsolidatedDocx(
        { ...report, narrativeUnits: { gathered: 300, more: true } },
        { place: 'Tân Phong', date: '2025-11-10', symbolSuffix: 'BC-CĐ' },
      ),
    );
    expect(cut.filter((p) => p === narrativesCutLine(300))).toHaveLength(1);
    expect(unsigned).not.toContain(narrativesCutLine(300));
    expect(signed).toContain('CHỦ TỊCH');
  });
});
