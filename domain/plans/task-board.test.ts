import { describe, expect, it } from 'vitest';
import {
  assignmentStatus,
  compareBoardItems,
  daysLate,
  effectiveTaskStatus,
  filterBoard,
} from './task-board.ts';

const item = (over: Partial<Parameters<typeof filterBoard>[0][number]> = {}) => ({
  unitId: 1,
  planId: 10,
  status: 'not_started' as const,
  text: 'Tổ chức Tháng Công nhân',
  planTitle: 'Kế hoạch thực hiện Chỉ thị 28',
  planSymbol: '72/KH-LĐLĐ',
  unitName: 'Công đoàn phường Kỳ Bá',
  ...over,
});

describe('task board', () => {
  it('marks a task overdue only past its deadline and while not done', () => {
    expect(effectiveTaskStatus('in_progress', '2024-06-30', '2024-07-01')).toBe('overdue');
    expect(effectiveTaskStatus('in_progress', '2024-07-01', '2024-07-01')).toBe('in_progress');
    expect(effectiveTaskStatus('done', '2024-06-30', '2024-07-01')).toBe('done');
    expect(effectiveTaskStatus('not_started', null, '2024-07-01')).toBe('not_started');
  });

  it('counts an assignment done when the unit has issued its implementing plan', () => {
    expect(assignmentStatus('issued', '2024-06-01', '2024-07-01')).toBe('done');
    expect(assignmentStatus('draft', '2024-08-01', '2024-07-01')).toBe('in_progress');
    expect(assignmentStatus('draft', '2024-06-01', '2024-07-01')).toBe('overdue');
    expect(assignmentStatus(null, null, '2024-07-01')).toBe('not_started');
  });

  it('counts days late', () => {
    expect(daysLate('2024-06-21', '2024-07-01')).toBe(10);
    expect(daysLate('2024-07-01', '2024-07-01')).toBe(0);
    expect(daysLate('2024-06-21', '2024-07-01', true)).toBe(0);
    expect(daysLate(null, '2024-07-01')).toBe(0);
  });

  it('filters by unit, overdue, status, plan and words without diacritics', () => {
    const items = [
      item(),
      item({ unitId: 2, status: 'overdue', text: 'Phát triển đoàn viên' }),
      item({ planId: 11, status: 'done', planSymbol: '59/KH-TLĐ' }),
    ];
    expect(filterBoard(items, { onlyUnitId: 2 })).toHaveLength(1);
    expect(filterBoard(items, { overdue: true }).map((i) => i.text)).toEqual(['Phát triển đoàn viên']);
    expect(filterBoard(items, { status: 'done' })).toHaveLength(1);
    expect(filterBoard(items, { planId: 10 })).toHaveLength(2);
    expect(filterBoard(items, { q: 'phat trien doan vien' })).toHaveLength(1);
    expect(filterBoard(items, { q: '59/kh-tld' })).toHaveLength(1);
    expect(filterBoard(items, { q: 'ky ba thang cong nhan' })).toHaveLength(2);
    expect(filterBoard(items, { q: 'không có' })).toHaveLength(0);
  });

  it('puts overdue first, then the nearest deadline, undated last', () => {
    const rows = [
      { status: 'not_started' as const, deadline: null, planId: 1, order: 0 },
      { status: 'in_progress' as const, deadline: '2024-09-01', planId: 1, order: 1 },
      { status: 'overdue' as const, deadline: '2024-05-01', planId: 2, order: 0 },
      { status: 'not_started' as const, deadline: '2024-08-01', planId: 1, order: 2 },
    ];
    expect(rows.sort(compareBoardItems).map((r) => r.deadline)).toEqual([
      '2024-05-01',
      '2024-08-01',
      '2024-09-01',
      null,
    ]);
  });
});
