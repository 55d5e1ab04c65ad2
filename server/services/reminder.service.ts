import { addDays, formatDateVi, todayInVietnam } from '../../domain/dates.ts';
import { isSent } from '../../domain/reporting/report-states.ts';
import { roleAtLeast } from '../../domain/roles.ts';
import type { Database } from '../db/client.ts';
import type { NotificationRepository, ReminderJobRow } from '../repositories/notification.repository.ts';
import type { ReportingRepository } from '../repositories/reporting.repository.ts';
import type { SettingsRepository } from '../repositories/settings.repository.ts';
import type { UserRepository } from '../repositories/user.repository.ts';
import type { Mailer } from './mailer.ts';
import type { ReportScheduleService } from './report-schedule.service.ts';

export interface ReminderPolicy {
  /** Days before the due date to remind. */
  before: number[];
  /** Remind on the due date itself. */
  onDue: boolean;
  /** Days after the due date to remind a late unit. */
  after: number[];
  /** Send managers a daily digest of late units. */
  digest: boolean;
}

export const DEFAULT_POLICY: ReminderPolicy = { before: [3], onDue: true, after: [1, 7], digest: true };

const dayDiff = (a: string, b: string) =>
  Math.round((Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000);

/**
 * Reminders: `plan` turns due dates into jobs (each exists once, by its key), `runDue` claims
 * and sends them. Both are safe to run on every instance at the same time.
 */
export class ReminderService {
  constructor(
    private readonly database: Database,
    private readonly notifications: NotificationRepository,
    private readonly reporting: ReportingRepository,
    private readonly users: UserRepository,
    private readonly settings: SettingsRepository,
    private readonly schedules: ReportScheduleService,
    private readonly mailer: Mailer,
  ) {}

  async policy(): Promise<ReminderPolicy> {
    return { ...DEFAULT_POLICY, ...((await this.settings.get<Partial<ReminderPolicy>>('reminders')) ?? {}) };
  }

  /** Creates the jobs due today: before, on and after each unit's due date, and digests. */
  async plan(now: Date): Promise<number> {
    const policy = await this.policy();
    const today = todayInVietnam(now);
    const maxBefore = Math.max(0, ...policy.before);
    const maxAfter = Math.max(0, ...policy.after);
    // A unit's date can be earlier than the period's by lead days per level: look a little wider.
    const periods = await this.reporting.periodsDueBetween(
      addDays(today, -maxAfter - 30),
      addDays(today, maxBefore + 60),
    );
    let created = 0;
    const lateByPlanUnit = new Map<number, { unitName: string; periodLabel: string; dueOn: string }[]>();
    for (const p of periods) {
      const period = (await this.reporting.period(p.periodId))!;
      const schedule = (await this.reporting.schedule(p.scheduleId))!;
      const scope = await this.schedules.unitsInScope(schedule, period, p.planUnitId);
      const reports = new Map((await this.reporting.reportsOfPeriod(period.id)).map((r) => [r.unitId, r]));
      const people = await this.users.activeOfUnits(scope.map((u) => u.id));
      for (const unit of scope) {
        const report = reports.get(unit.id);
        if (report && isSent(report.status)) continue;
        const due = report?.dueOn ?? this.schedules.dueFor(period, schedule, unit.depth);
        const offset = dayDiff(due, today);
        const kind =
          offset > 0 && policy.before.includes(offset)
            ? 'before'
            : offset === 0 && policy.onDue
              ? 'due'
              : offset < 0 && policy.after.includes(-offset)
                ? 'late'
                : null;
        if (offset < 0) {
          const list = lateByPlanUnit.get(p.planUnitId) ?? [];
          list.push({ unitName: unit.name, periodLabel: p.label, dueOn: due });
          lateByPlanUnit.set(p.planUnitId, list);
        }
        if (!kind) continue;
        for (const person of people.filter(
          (u) => u.homeUnitId === unit.id && roleAtLeast(u.role as 'viewer', 'officer'),
        )) {
          const ok = await this.notifications.enqueue({
            dedupeKey: `${kind}:${period.id}:${unit.id}:${person.id}:${offset}`,
            kind,
            userId: person.id,
            periodId: period.id,
            unitId: unit.id,
            runAt: now.toISOString(),
          });
          if (ok) created++;
        }
      }
    }
    if (policy.digest) {
      for (const [planUnitId, late] of lateByPlanUnit) {
        if (late.length === 0) continue;
        for (const manager of (await this.users.activeOfUnits([planUnitId])).filter((u) =>
          roleAtLeast(u.role as 'viewer', 'manager'),
        )) {
          const ok = await this.notifications.enqueue({
            dedupeKey: `digest:${manager.id}:${today}`,
            kind: 'digest',
            userId: manager.id,
            unitId: planUnitId,
            runAt: now.toISOString(),
          });
          if (ok) created++;
        }
      }
    }
    return created;
  }

  /** Claims and sends due jobs; returns how many were sent by this instance. */
  async runDue(now: Date, instance: string, limit = 50): Promise<number> {
    const jobs = await this.database.transaction(() =>
      this.notifications.claim(now.toISOString(), instance, limit),
    );
    let sent = 0;
    for (const job of jobs) {
      try {
        await this.deliver(job, now);
        await this.notifications.finish(job.id, null);
        sent++;
      } catch (error) {
        await this.notifications.finish(job.id, error instanceof Error ? error.message : String(error));
      }
    }
    return sent;
  }

  private async deliver(job: ReminderJobRow, now: Date): Promise<void> {
    const user = await this.users.findById(job.userId);
    if (!user?.active) return;
    const { title, body, link } = await this.compose(job, now);
    await this.notifications.insert({ userId: user.id, kind: job.kind, title, body, link });
    if (user.email)
      await this.mailer.send({
        to: user.email,
        subject: `[Tiến Độ] ${title}`,
        text: `${body}\n\n${link ?? ''}`,
      });
  }

  private async compose(
    job: ReminderJobRow,
    now: Date,
  ): Promise<{ title: string; body: string; link: string | null }> {
    if (job.kind === 'digest') {
      const today = todayInVietnam(now);
      return {
        title: `Tổng hợp đơn vị chậm báo cáo ngày ${formatDateVi(today)}`,
        body: 'Một số đơn vị trực thuộc chưa gửi báo cáo đã đến hạn. Xem danh sách và nhắc các đơn vị trong mục Báo cáo.',
        link: '/bao-cao/duyet',
      };
    }
    const period = job.periodId ? await this.reporting.period(job.periodId) : undefined;
    const report = period && job.unitId ? await this.reporting.reportOf(period.id, job.unitId) : undefined;
    const schedule = period ? await this.reporting.schedule(period.scheduleId) : undefined;
    const due = report?.dueOn ?? period?.dueOn ?? '';
    const what = `${schedule?.name ?? 'Báo cáo'} — ${period?.label ?? ''}`;
    const titles: Record<string, string> = {
      before: `Sắp đến hạn: ${what} (hạn ${formatDateVi(due)})`,
      due: `Hôm nay là hạn gửi: ${what}`,
      late: `Quá hạn: ${what} (hạn ${formatDateVi(due)})`,
    };
    return {
      title: titles[job.kind] ?? what,
      body: `Đơn vị của bạn cần gửi ${what} trước ngày ${formatDateVi(due)}. Mở Tiến Độ, mục "Báo cáo của tôi", để nhập số liệu và gửi.`,
      link: '/bao-cao',
    };
  }

  /** Every minute on every instance: plan, then send. Returns a stop function. */
  start(clock: () => Date, instance: string, log: (line: string) => void, everyMs = 60_000): () => void {
    let running = false;
    const tick = async () => {
      if (running) return;
      running = true;
      try {
        const now = clock();
        await this.plan(now);
        await this.runDue(now, instance);
      } catch (error) {
        log(`nhắc hạn báo cáo lỗi: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        running = false;
      }
    };
    const timer = setInterval(() => void tick(), everyMs);
    timer.unref();
    return () => clearInterval(timer);
  }
}
