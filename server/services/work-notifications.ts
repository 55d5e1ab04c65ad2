import { periodLabelOfKey } from '../../domain/reporting/period-label.ts';
import { workNotice } from '../../domain/reporting/work-notice.ts';
import type { WorkNotificationRepository } from '../repositories/work-notification.repository.ts';

/** The web app's report page (where a report is also reviewed). */
export const reportLink = (reportId: number): string => `/bao-cao/${reportId}`;

/**
 * In-app notifications that follow the work, written inside the transaction of the change (the
 * repository joins it): a report returned or approved tells its unit's people. The one-statement
 * submission and approval write theirs in the statement itself (`sql/work-notice-insert.ts`:
 * approved; a consolidated report sent up tells the managers of the unit that reviews it).
 * Users cannot mute a kind yet (there is no such setting).
 */
export class WorkNotifications {
  constructor(private readonly repository: WorkNotificationRepository) {}

  async returned(reportId: number, reason: string | null): Promise<number> {
    return this.tell(reportId, 'returned', reason);
  }

  async approved(reportId: number): Promise<number> {
    return this.tell(reportId, 'approved', null);
  }

  private async tell(
    reportId: number,
    kind: 'returned' | 'approved',
    reason: string | null,
  ): Promise<number> {
    const subject = await this.repository.subject(reportId);
    if (!subject) return 0;
    const text = workNotice(kind, {
      scheduleName: subject.scheduleName,
      periodLabel: periodLabelOfKey(subject.periodKey, subject.periodLabel, 'vi'),
      reason,
    });
    return this.repository.insertForUnit(subject.unitId, { kind, ...text, link: reportLink(reportId) });
  }
}
