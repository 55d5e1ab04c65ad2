import { describe, expect, it } from 'vitest';
import { addDays, formatDateVi, isWithin, parseUserDate, todayInVietnam } from './dates.ts';

describe('dates', () => {
  it('adds days across months and leap years', () => {
    expect(addDays('2025-07-01', -1)).toBe('2025-06-30');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
  });
  it('knows the Vietnamese day at 23:30 UTC', () => {
    expect(todayInVietnam(new Date('2025-06-30T23:30:00Z'))).toBe('2025-07-01');
  });
  it('formats and parses dd/mm/yyyy', () => {
    expect(formatDateVi('2025-07-01')).toBe('01/07/2025');
    expect(parseUserDate('1/7/2025')).toBe('2025-07-01');
    expect(parseUserDate('31/02/2025')).toBeNull();
    expect(parseUserDate('2025-07-01')).toBe('2025-07-01');
  });
  it('treats both ends of a span as inclusive', () => {
    expect(isWithin('2025-06-30', '2008-08-01', '2025-06-30')).toBe(true);
    expect(isWithin('2025-07-01', '2008-08-01', '2025-06-30')).toBe(false);
    expect(isWithin('2030-01-01', '2025-07-01', null)).toBe(true);
  });
});
