import { describe, expect, it } from 'vitest';
import type { TPlanContent } from '../../contracts/plans.ts';
import { complianceState, implementationDeadline } from './compliance.ts';
import {
  deriveImplementingPlan,
  earlierDue,
  lowerTargetWarnings,
  type ParentPlan,
  preambleFor,
} from './derive-plan.ts';

const parent: ParentPlan = {
  title: 'Thực hiện Chỉ thị số 28-CT/TW ngày 25/12/2023 của Bộ Chính trị',
  kind: 'KH',
  yearFrom: 2024,
  yearTo: 2030,
  issuerName: 'Liên đoàn Lao động tỉnh Lai Châu',
  supervisingBody: 'Tổng Liên đoàn Lao động Việt Nam',
  place: 'Lai Châu',
  preamble: null,
  purposes: ['Nâng cao nhận thức'],
  funding: [],
  recipients: [],
  signer: null,
  implementDeadline: null,
  symbol: '72/KH-LĐLĐ',
  issuedOn: '2024-05-10',
  targetIds: [11],
  targets: [{ text: 'cán bộ được tập huấn', milestones: [{ year: 2025, op: '>', value: 90, unit: '%' }] }],
  tasks: [{ text: 'Tuyên truyền', deadline: '2024-12-31', cooperating: [], status: 'not_started' }],
  assignments: [],
  reporting: [
    { frequency: 'annual', due: '11-10', recipient: 'Tổng Liên đoàn' },
    { frequency: 'once', due: '2025-12-16', recipient: null },
    { frequency: 'on_request', due: null, recipient: null },
  ],
  events: [
    { name: 'Tháng hành động vì trẻ em', start: '06-01', end: '06-30', calendar: 'solar', recurring: true },
  ],
};

describe('deriveImplementingPlan', () => {
  const derived = deriveImplementingPlan(parent, {
    unitName: 'Công đoàn phường Tân Phong',
    unitShortName: 'CĐ phường Tân Phong',
    supervisingName: 'Liên đoàn Lao động tỉnh Lai Châu',
    place: 'Tân Phong',
    childTypes: ['grassroots', 'grassroots'],
    reportLeadDays: 10,
    implementDeadline: null,
  });

  it('cites the parent by number, date and issuer', () => {
    expect(derived.preamble).toBe(
      'Thực hiện Kế hoạch số 72/KH-LĐLĐ ngày 10/05/2024 của Liên đoàn Lao động tỉnh Lai Châu về thực hiện Chỉ thị số 28-CT/TW ngày 25/12/2023 của Bộ Chính trị, Công đoàn phường Tân Phong xây dựng kế hoạch thực hiện như sau:',
    );
  });
  it('inherits targets linked to their source, and assigns down once per unit type', () => {
    expect(derived.targets[0]).toMatchObject({ sourceTargetId: 11, milestones: [{ value: 90 }] });
    expect(derived.assignments.map((a) => a.unitText)).toEqual(['Các công đoàn cơ sở']);
    expect(derived.recipients.at(-1)).toBe('Lưu: VT, CĐ phường Tân Phong');
  });
  it('sets this level’s report dates earlier than the parent’s', () => {
    expect(derived.reporting.map((r) => r.due)).toEqual(['10-31', '2025-12-06', null]);
    expect(derived.reporting[0]!.recipient).toBe('Công đoàn phường Tân Phong');
  });
  it('shifts every notation of due dates', () => {
    expect(earlierDue('monthly', '05', 10)).toBe('01');
    expect(earlierDue('semiannual', '03-05', 10)).toBe('02-23');
  });
  it('writes a preamble without the parts it does not know', () => {
    expect(preambleFor({ ...parent, symbol: null, issuedOn: null, issuerName: null, title: '' }, 'X')).toBe(
      'Thực hiện Kế hoạch, X xây dựng kế hoạch thực hiện như sau:',
    );
  });
});

describe('lowerTargetWarnings', () => {
  const sources = new Map<number, TPlanContent['targets'][number]>([
    [11, { text: 't', milestones: [{ year: 2025, op: '>', value: 90, unit: '%' }] }],
    [12, { text: 'u', milestones: [{ year: 2025, op: '<=', value: 5, unit: '%' }] }],
  ]);
  it('allows a higher goal and warns on a lower one', () => {
    const higher = [
      { text: 't', milestones: [{ year: 2025, op: '>' as const, value: 95, unit: '%' }], sourceTargetId: 11 },
    ];
    const lower = [
      { text: 't', milestones: [{ year: 2025, op: '>' as const, value: 80, unit: '%' }], sourceTargetId: 11 },
    ];
    const looser = [
      { text: 'u', milestones: [{ year: 2025, op: '<=' as const, value: 8, unit: '%' }], sourceTargetId: 12 },
    ];
    expect(lowerTargetWarnings(higher, sources)).toEqual([]);
    expect(lowerTargetWarnings(lower, sources)[0]!.field).toBe('targets.0.milestones.0.value');
    expect(lowerTargetWarnings(looser, sources)).toHaveLength(1);
  });
});

describe('compliance', () => {
  it('defaults the deadline to 30 days after issue', () => {
    expect(implementationDeadline(null, '2024-05-10')).toBe('2024-06-09');
    expect(implementationDeadline('2024-06-01', '2024-05-10')).toBe('2024-06-01');
  });
  it('tells on time, late issue, pending and late', () => {
    const issued = (issuedOn: string) => ({
      unitId: 1,
      planId: 2,
      status: 'issued' as const,
      symbol: '1/KH',
      issuedOn,
    });
    expect(complianceState(issued('2024-06-01'), '2024-06-09', '2024-07-01')).toBe('issued_on_time');
    expect(complianceState(issued('2024-06-20'), '2024-06-09', '2024-07-01')).toBe('issued_late');
    expect(complianceState(undefined, '2024-06-09', '2024-06-01')).toBe('pending');
    expect(complianceState(undefined, '2024-06-09', '2024-06-10')).toBe('late');
  });
});
