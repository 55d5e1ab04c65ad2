import { describe, expect, it } from 'vitest';
import { buildCalendar } from './ics.ts';

describe('buildCalendar', () => {
  const ics = buildCalendar(
    'Hạn báo cáo',
    [
      { uid: 'due-1@tiendo', date: '2025-11-05', title: 'Hạn gửi: Báo cáo năm, Năm 2025; Lai Châu' },
      {
        uid: 'event-1@tiendo',
        date: '2025-06-01',
        endDate: '2025-06-30',
        title: 'Tháng hành động vì trẻ em',
        yearly: true,
      },
    ],
    new Date('2025-11-01T03:00:00Z'),
  );
  it('writes all-day events with escaped text and CRLF lines', () => {
    expect(ics).toContain('DTSTART;VALUE=DATE:20251105\r\nDTEND;VALUE=DATE:20251106');
    expect(ics).toContain('SUMMARY:Hạn gửi: Báo cáo năm\\, Năm 2025\\; Lai Châu');
    expect(ics).toContain(
      'DTEND;VALUE=DATE:20250701\r\nSUMMARY:Tháng hành động vì trẻ em\r\nRRULE:FREQ=YEARLY',
    );
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  });
  it('folds long lines at 75 octets without splitting a character', () => {
    const long = buildCalendar('x', [{ uid: 'u', date: '2025-01-01', title: 'Đ'.repeat(80) }], new Date(0));
    for (const line of long.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  });
});
