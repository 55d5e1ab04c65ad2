/** The kinds of notification written with the change they tell of (the reminders have their own). */
export type WorkNoticeKind = 'returned' | 'approved' | 'sent_up';

export interface WorkNoticeSubject {
  scheduleName: string;
  periodLabel: string;
  /** The reviewer's reason for a return. */
  reason?: string | null;
}

/** A return reason longer than this is left to the report page. */
export const SHORT_REASON = 200;

/** Title and body (Vietnamese, as the reminders) of a notification about a report. */
export function workNotice(
  kind: WorkNoticeKind,
  subject: WorkNoticeSubject,
): { title: string; body: string } {
  const what = `${subject.scheduleName} — ${subject.periodLabel}`;
  switch (kind) {
    case 'returned': {
      const reason = subject.reason?.trim() ?? '';
      const said =
        reason === ''
          ? ''
          : reason.length <= SHORT_REASON
            ? ` Ý kiến của cấp trên: “${reason}”.`
            : ' Xem ý kiến của cấp trên trong báo cáo.';
      return {
        title: `Báo cáo bị trả lại: ${what}`,
        body: `Cấp trên đã trả lại báo cáo ${what} để đơn vị sửa và gửi lại.${said}`,
      };
    }
    case 'approved':
      return {
        title: `Báo cáo đã được duyệt: ${what}`,
        body: `Cấp trên đã duyệt báo cáo ${what} của đơn vị.`,
      };
    case 'sent_up':
      return {
        title: `Báo cáo tổng hợp gửi lên: ${what}`,
        body: `Đơn vị cấp dưới đã gửi báo cáo tổng hợp ${what}. Mở báo cáo để xem và duyệt hoặc trả lại.`,
      };
  }
}
