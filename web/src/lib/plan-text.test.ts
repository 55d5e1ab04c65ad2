import { describe, expect, it } from 'vitest';
import { dueFits, formatMonthDay, parseMonthDay, valueWithUnit } from './plan-text.ts';

describe('plan text helpers', () => {
  it('writes values with their unit', () => {
    expect(valueWithUnit(90, '%')).toBe('90%');
    expect(valueWithUnit(10, 'mô hình')).toBe('10 mô hình');
    expect(valueWithUnit(1500, null)).toBe('1.500');
  });

  it('turns MM-DD into dd/mm and back', () => {
    expect(formatMonthDay('11-10')).toBe('10/11');
    expect(parseMonthDay('10/11')).toBe('11-10');
    expect(parseMonthDay('5/6')).toBe('06-05');
    expect(parseMonthDay('31/02')).toBeNull();
    expect(parseMonthDay('hôm nay')).toBeNull();
  });

  it('checks the due date against the frequency', () => {
    expect(dueFits('annual', '11-10')).toBe(true);
    expect(dueFits('monthly', '10')).toBe(true);
    expect(dueFits('monthly', '11-10')).toBe(false);
    expect(dueFits('on_request', null)).toBe(true);
    expect(dueFits('periodic', '10')).toBe(false);
  });
});
