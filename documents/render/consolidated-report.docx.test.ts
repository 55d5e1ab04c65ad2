import { describe, expect, it } from 'vitest';
import { renderConsolidatedDocx, reportSubject } from './consolidated-report.docx.ts';
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
      'Kết quả thực hiện Chỉ thị số 28-CT/TW — Năm 2025',
    );
    expect(reportSubject('Kế hoạch thực hiện Chương trình 48-CTr/TU.', 'Năm 2025')).toBe(
      'Kết quả kế hoạch thực hiện Chương trình 48-CTr/TU — Năm 2025',
    );
    expect(reportSubject('Tập huấn cán bộ chủ chốt', '6 tháng đầu năm 2025')).toBe(
      'Kết quả thực hiện Tập huấn cán bộ chủ chốt — 6 tháng đầu năm 2025',
    );
  });
});
