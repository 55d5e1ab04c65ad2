import { createHash, randomBytes } from 'node:crypto';
import { toIsoTimestamp } from '../../domain/dates.ts';
import { buildCalendar, type CalendarEvent } from '../../domain/reporting/ics.ts';
import { notFound } from '../errors.ts';
import type { NotificationRepository } from '../repositories/notification.repository.ts';
import type { UserRepository } from '../repositories/user.repository.ts';
import type { AccessService } from './access.service.ts';
import type { Actor } from './actor.ts';
import type { AuthService } from './auth.service.ts';
import type { PlanService } from './plan.service.ts';
import type { ReportScheduleService } from './report-schedule.service.ts';

/** In-app notifications and the personal calendar feed (ICS) of due dates. */
export class NotificationService {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly users: UserRepository,
    private readonly schedules: ReportScheduleService,
    private readonly plans: PlanService,
    private readonly auth: AuthService,
    private readonly access: AccessService,
  ) {}

  async list(actor: Actor) {
    const items = await this.notifications.listFor(actor.userId!, 50);
    return {
      unread: await this.notifications.unreadCount(actor.userId!),
      items: items.map((n) => ({
        id: n.id,
        kind: n.kind,
        title: n.title,
        body: n.body,
        link: n.link,
        createdAt: toIsoTimestamp(n.createdAt),
        readAt: n.readAt ? toIsoTimestamp(n.readAt) : null,
      })),
    };
  }

  async markRead(actor: Actor, id: number) {
    if (!(await this.notifications.markRead(id, actor.userId!))) throw notFound('notification');
    return { ok: true as const };
  }

  /** The caller's secret feed address (made on first request). */
  async calendarLink(actor: Actor): Promise<{ url: string }> {
    let token = await this.notifications.calendarToken(actor.userId!);
    if (!token) {
      token = randomBytes(24).toString('base64url');
      await this.notifications.insertCalendarToken(actor.userId!, token);
    }
    return { url: `/api/calendar/${token}.ics` };
  }

  /** The feed behind a token: the user's report due dates and campaign events. Null for an unknown token. */
  async calendar(token: string): Promise<string | null> {
    const userId = await this.notifications.userOfCalendarToken(token);
    if (userId === undefined) return null;
    const user = await this.users.findById(userId);
    if (!user?.active) return null;
    const actor = this.auth.actorOf(user, null);
    const due = await this.schedules.myDue(actor, { horizonDays: 400 });
    const events: CalendarEvent[] = due.map((item) => ({
      uid: `report-${item.periodId}-${item.unitId}@tiendo`,
      date: item.dueOn,
      title: `Hạn gửi: ${item.scheduleName} — ${item.periodLabel}`,
      description: `${item.planTitle}\n${item.unitName}`,
    }));
    // Campaigns of the plans above the user, this year and next: one event per occurrence, as a
    // lunar date falls on another solar day every year.
    const year = Number(this.access.today().slice(0, 4));
    for (const c of await this.plans.campaignEvents(actor, [year, year + 1])) {
      events.push({
        uid: `campaign-${c.planId}-${c.start}-${createHash('sha1').update(c.name).digest('hex').slice(0, 10)}@tiendo`,
        date: c.start,
        ...(c.end && c.end >= c.start ? { endDate: c.end } : {}),
        title: c.name,
        description: c.planSymbol ? `${c.planSymbol} — ${c.planTitle}` : c.planTitle,
      });
    }
    return buildCalendar(`Tiến Độ — ${user.displayName}`, events, this.access.now());
  }
}
