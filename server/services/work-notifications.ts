import { periodLabelOfKey } from '../../domain/reporting/period-label.ts';
import { type WorkNoticeKind, workNotice } from '../../domain/reporting/work-notice.ts';
import type { Database } from '../db/client.ts';
import type { WorkNotificationRepository } from '../repositories/work-notification.repository.ts';

/** The web app's report page (where a report is also reviewed). */
export const reportLink = (reportId: number): string => `/bao-cao/${reportId}`;

/**
 * In-app notifications that follow the work, written inside the transaction of the change
 * (the repository joins it): a report returned or approved tells its unit's people; a
 * consolidated report sent up tells the managers of the unit that reviews it.
 * Users cannot mute a kind yet (there is no such setting).
 */
export class WorkNotifications {
  constructor(
    private readonly database: Database,
    private readonly repository: WorkNotificationRepository,
  ) {}

  /**
   * `write` (a report's change) and, when it wrote a row, `tell` in one transaction (joined when
   * one is already open): the notification exists exactly when the change does.
   */
  async with<T extends { id: number } | undefined>(
    write: () => Promise<T>,
    tell: (reportId: number) => Promise<number>,
  ): Promise<T> {
    return this.database.transaction(async () => {
      const row = await write();
      if (row) await tell(row.id);
      return row;
    });
  }

  async returned(reportId: number, reason: string | null): Promise<number> {
    return this.tell(reportId, 'returned', reason);
  }

  async approved(reportId: number): Promise<number> {
    return this.tell(reportId, 'approved', null);
  }

  /** After a submission: only a consolidated report is news to the level above. */
  async submitted(reportId: number): Promise<number> {
    return this.tell(reportId, 'sent_up', null);
  }

  private async tell(reportId: number, kind: WorkNoticeKind, reason: string | null): Promise<number> {
    const subject = await this.repository.subject(reportId);
    if (!subject) return 0;
    if (kind === 'sent_up' && (!subject.consolidated || subject.reviewerUnitId === subject.unitId)) return 0;
    const text = workNotice(kind, {
      scheduleName: subject.scheduleName,
      periodLabel: periodLabelOfKey(subject.periodKey, subject.periodLabel, 'vi'),
      reason,
    });
    const values = { kind, ...text, link: reportLink(reportId) };
    return kind === 'sent_up'
      ? this.repository.insertForUnit(subject.reviewerUnitId, 'manager', values)
      : this.repository.insertForUnit(subject.unitId, null, values);
  }
}
