import { describe, expect, it } from 'vitest';
import { SHORT_REASON, workNotice } from './work-notice.ts';

const subject = { scheduleName: 'Báo cáo quý', periodLabel: 'Quý 1/2026' };

describe('workNotice', () => {
  it('names the period and quotes a short reason of a return', () => {
    const n = workNotice('returned', { ...subject, reason: 'Thiếu số liệu đoàn viên' });
    expect(n.title).toBe('Báo cáo bị trả lại: Báo cáo quý — Quý 1/2026');
    expect(n.body).toContain('“Thiếu số liệu đoàn viên”');
  });

  it('leaves a long reason to the report page', () => {
    const n = workNotice('returned', { ...subject, reason: 'x'.repeat(SHORT_REASON + 1) });
    expect(n.body).not.toContain('xxx');
    expect(n.body).toContain('Xem ý kiến');
  });

  it('words approvals and reports sent up', () => {
    expect(workNotice('approved', subject).title).toBe('Báo cáo đã được duyệt: Báo cáo quý — Quý 1/2026');
    expect(workNotice('sent_up', subject).body).toContain('báo cáo tổng hợp Báo cáo quý — Quý 1/2026');
  });
});
