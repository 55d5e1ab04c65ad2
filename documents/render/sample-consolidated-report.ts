import type { TConsolidatedReport } from '../../contracts/dashboard.ts';
import { groupNarratives } from '../../domain/reporting/group-narratives.ts';

const indicator = {
  id: 1,
  code: 'CB',
  name: 'Cán bộ chủ chốt được tập huấn',
  kind: 'count' as const,
  aggregation: 'sum' as const,
  unit: 'người',
};

/** Công đoàn phường Tân Phong's 2025 report: a target measured by a count against a % milestone. */
export const sampleConsolidatedReport: TConsolidatedReport = {
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
  plan: {
    id: 1,
    title: 'Kế hoạch tập huấn cán bộ',
    symbol: '3/KH-CĐ',
    issuedOn: '2025-08-15',
    issuerName: 'Công đoàn phường Tân Phong',
  },
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
      verdictPhrase: {
        kind: 'cannot_compare',
        valueIsPercent: false,
        milestone: { op: '>=', value: 90, unit: '%' },
      },
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

/**
 * A province's report on its 100 commune unions: a ratio and a count, texts of which most repeat,
 * units missing — several pages, for the PDF test to look at pages after the first.
 */
export function sampleProvinceReport(): TConsolidatedReport {
  const communes = Array.from({ length: 100 }, (_, k) => ({
    unitId: 100 + k,
    unitName: `Công đoàn xã số ${k + 1}`,
  }));
  const ratio = {
    ...indicator,
    id: 2,
    code: 'TL',
    name: 'Tỷ lệ đoàn viên được tuyên truyền',
    kind: 'ratio' as const,
    unit: '%',
  };
  const texts = (k: number) =>
    k % 3 === 0
      ? 'Đã tổ chức tập huấn cho cán bộ chủ chốt công đoàn cơ sở.'
      : `Tổ chức ${1 + (k % 5)} buổi sinh hoạt chuyên đề về pháp luật lao động cho đoàn viên, người lao động tại các doanh nghiệp trên địa bàn xã số ${k + 1}.`;
  return {
    ...sampleConsolidatedReport,
    unit: { unitId: 1, unitName: 'Liên đoàn Lao động tỉnh Lai Châu', unitType: 'province' },
    parent: { unitId: 0, unitName: 'Tổng Liên đoàn Lao động Việt Nam', unitType: 'national' },
    plan: {
      id: 7,
      title: 'Kế hoạch thực hiện Chỉ thị số 28-CT/TW',
      symbol: '72/KH-LĐLĐ',
      issuedOn: '2025-03-20',
      issuerName: 'Liên đoàn Lao động tỉnh Lai Châu',
    },
    values: [
      {
        indicator: ratio,
        total: {
          indicatorId: 2,
          value: 86.5,
          numerator: 2595,
          denominator: 3000,
          reportingUnits: 96,
          meetingUnits: 0,
          expectedUnits: 100,
        },
        own: null,
        units: [],
      },
      sampleConsolidatedReport.values[0]!,
    ],
    sections: [
      {
        key: 'results',
        title: 'Kết quả thực hiện',
        // as the service writes it: identical texts once, with every unit that wrote them
        text: groupNarratives(communes.map((c, k) => ({ unitName: c.unitName, text: texts(k) })))
          .map((g) => `- ${g.unitNames.join(', ')}: ${g.text}`)
          .join('\n'),
        sources: [],
      },
      { key: 'difficulties', title: 'Khó khăn, vướng mắc', text: '', sources: [] },
    ],
    targets: [
      {
        ...sampleConsolidatedReport.targets[0]!,
        indicator: ratio,
        value: 86.5,
        status: 'off_track',
        colour: 'red',
        verdict: 'Đã hết năm 2025 mà chưa đạt chỉ tiêu từ 90% trở lên.',
        verdictPhrase: { kind: 'missed', milestone: { op: '>=', value: 90, unit: '%' }, year: 2025 },
      },
    ],
    completeness: {
      expected: 100,
      submitted: 98,
      onTime: 90,
      approved: 96,
      late: 8,
      completeness: 96,
      timeliness: 90,
    },
    notReported: [
      { unitId: 199, unitName: 'Công đoàn xã số 100', unitType: 'commune', status: 'not_started' },
      { unitId: 110, unitName: 'Công đoàn xã số 11', unitType: 'commune', status: 'submitted' },
      { unitId: 101, unitName: 'Công đoàn xã số 2', unitType: 'commune', status: 'submitted' },
      { unitId: 108, unitName: 'Công đoàn xã số 9', unitType: 'commune', status: 'returned' },
    ],
  };
}
