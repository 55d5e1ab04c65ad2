import { describe, expect, it } from 'vitest';
import type { TFigure } from '../../contracts/dashboard.ts';
import type { IndicatorRow } from '../repositories/reporting.repository.ts';
import { type PlanFigures, targetProgress } from './plan-target-progress.ts';

const indicator = {
  id: 7,
  code: 'CD01',
  name: 'Số đoàn viên mới',
  kind: 'count',
  aggregation: 'sum',
  disaggregation: 'none',
  threshold: 0,
  unit: 'người',
} as IndicatorRow;
const figure = (value: number | null): TFigure[] => [
  {
    indicatorId: 7,
    value,
    numerator: value ?? 0,
    denominator: 0,
    reportingUnits: value === null ? 0 : 1,
    meetingUnits: 0,
    expectedUnits: 1,
  },
];
const figures: PlanFigures = {
  periods: [],
  seriesOf: new Map(),
  shown: [
    { id: 1, name: 'Công đoàn A', type: 'district', parent_id: 0, has_children: true },
    { id: 2, name: 'Công đoàn B', type: 'district', parent_id: 0, has_children: true },
    { id: 3, name: 'Công đoàn C', type: 'district', parent_id: 0, has_children: true },
  ],
  unitFigures: new Map([
    [1, figure(10)],
    [2, figure(null)],
    [3, figure(3)],
  ]),
  parts: null,
  today: '2026-12-07',
};
const target = (op: '>=' | '<=') => ({
  id: 1,
  text: 'Chỉ tiêu',
  milestones: [{ year: 2030, op, value: 5, unit: null }],
});
const ranks = (op: '>=' | '<=') =>
  targetProgress(target(op), indicator, figures).units.map((u) => [u.unitName, u.rank]);

describe('targetProgress', () => {
  it('ranks the shown units best first by what the milestone aims at, units without a value last', () => {
    expect(ranks('>=')).toEqual([
      ['Công đoàn A', 1],
      ['Công đoàn C', 2],
      ['Công đoàn B', null],
    ]);
    expect(ranks('<=')).toEqual([
      ['Công đoàn C', 1],
      ['Công đoàn A', 2],
      ['Công đoàn B', null],
    ]);
  });

  it('has no series, units or breakdown for a target without an indicator', () => {
    const progress = targetProgress(target('>='), null, figures);
    expect(progress).toMatchObject({
      indicator: null,
      series: [],
      units: [],
      breakdown: null,
      status: 'no_data',
    });
  });
});
