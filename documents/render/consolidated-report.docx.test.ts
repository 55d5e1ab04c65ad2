import { describe, expect, it } from 'vitest';
import type { TConsolidatedReport } from '../../contracts/dashboard.ts';
import { docxParagraphs, unzip } from '../../documents/render/docx-xml.ts';
import { renderConsolidatedDocx, reportSubject } from './consolidated-report.service.ts';

const indicator = {
  id: 1,
  code: 'CB',
  name: 'Cán bộ chủ chốt được tập huấn',
  kind: 'count' as const,
  aggregation: 'sum' as const,
  unit: 'người',
};

/** Công đoàn phường Tân Phong's 2025 report: a target measured by a count against a % milestone. */
const report: TConsolidatedReport = {
  period: {
    id: 1,
    scheduleId: 1,
    key: '2025',
    label: 'Năm 2025',
    startsOn: '2025-01-01',
    endsOn: '2025-12-31',
    cutoffFrom: '2024-12-15',
    cutoffTo: '2025-12-14',
    dueOn: '2025-11-10',
  },
  scheduleName: 'Báo cáo năm',
  plan: { id: 1, title: 'Kế hoạch tập huấn cán bộ', symbol: '3/KH-CĐ' },
  unit: { unitId: 2, unitName: 'Công đoàn phường Tân Phong', unitType: 'commune' },
  parent: { unitId: 1, unitName: 'Liên đoàn Lao động tỉnh Lai Châu', unitType: 'province' },
  values: [
    {
      indicator,
      total: {
        indicatorId: 1,
        value: 12,
        numerator: 12,
        denominator: 0,
        reportingUnits: 2,
        meetingUnits: 0,
        expectedUnits: 2,
      },
      own: null,
      units: [],
    },
  ],
  sections: [
    {
      key: 'results',
      title: 'Kết quả thực hiện',
      text: '- CĐCS số 7, CĐCS số 39: Đã tập huấn.',
      sources: [],
    },
  ],
  targets: [
    {
      targetId: 1,
      text: 'Đến năm 2025, 90% cán bộ chủ chốt được tập huấn',
      indicator,
      milestone: { year: 2025, op: '>=', value: 90, unit: '%' },
      value: 12,
      status: 'no_data',
      colour: 'grey',
      verdict:
        'Chỉ số đo số lượng nhưng mốc từ 90% trở lên tính bằng %: chưa so sánh được — hãy chọn lại chỉ số đo chỉ tiêu này.',
    },
  ],
  completeness: {
    expected: 2,
    submitted: 2,
    onTime: 2,
    approved: 2,
    late: 0,
    completeness: 100,
    timeliness: 100,
  },
  notReported: [],
  upward: null,
};

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
