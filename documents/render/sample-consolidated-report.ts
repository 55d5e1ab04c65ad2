import type { TConsolidatedReport } from '../../contracts/dashboard.ts';

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
