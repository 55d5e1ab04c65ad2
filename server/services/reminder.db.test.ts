import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SECTIONS } from '../../contracts/reporting.ts';
import { emptyPlanContent } from '../../domain/plans/empty-plan.ts';
import { seedSmallOrg } from '../test/fixtures.ts';
import { openTestDatabase, type TestDatabase, testEngines } from '../test/test-database.ts';
import { SYSTEM_ACTOR } from './actor.ts';
import { SmtpMailer } from './mailer.ts';
import { createServices, type Services } from './services.ts';

/** The Subject header, unfolded, with its RFC 2047 encoded words decoded. */
function decodeSubject(message: string): string {
  const header = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(message)?.[1] ?? '';
  return header
    .replace(/\r?\n[ \t]/g, ' ')
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_, kind: string, text: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) =>
                String.fromCharCode(Number.parseInt(hex, 16)),
              ),
            'latin1',
          ).toString('utf8'),
    );
}

/**
 * Two server instances (two service graphs on one database), a real local SMTP server and a
 * controlled clock: each due-in-3-days reminder arrives exactly once.
 */
describe.each(testEngines())('reminders on %s', (engine) => {
  let testDb: TestDatabase;
  let smtp: SMTPServer;
  let port = 0;
  const received: { to: string; subject: string }[] = [];
  let a: Services;
  let b: Services;
  let clock = new Date('2025-11-02T01:00:00Z');

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let text = '';
        stream.on('data', (chunk: Buffer) => {
          text += chunk.toString('utf8');
        });
        stream.on('end', () => {
          const subject = decodeSubject(text);
          for (const to of session.envelope.rcptTo) received.push({ to: to.address, subject });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
    port = (smtp.server.address() as { port: number }).port;

    testDb = await openTestDatabase(engine);
    const mailer = new SmtpMailer(`smtp://127.0.0.1:${port}`, 'Tiến Độ <nhac-han@tiendo.local>');
    a = createServices(testDb.database, { sessionTtlHours: 1 }, () => clock, {
      mailer,
      log: () => undefined,
    });
    b = createServices(testDb.database, { sessionTtlHours: 1 }, () => clock, {
      mailer,
      log: () => undefined,
    });
    const org = await seedSmallOrg(a);
    await a.users.update(SYSTEM_ACTOR, org.users.chair!, { email: 'chutich@cdcs.example', version: 0 });
    const plan = await a.plans.create(SYSTEM_ACTOR, org.provinceA.id, emptyPlanContent('Kế hoạch năm', 2025));
    await a.schedules.createSchedule(SYSTEM_ACTOR, {
      planId: plan.id,
      dutyIndex: null,
      name: 'Báo cáo năm',
      frequency: 'annual',
      dueRule: '11-10',
      fromYear: 2025,
      toYear: 2025,
      leadDays: 5,
      unitTypes: ['grassroots'],
      form: { name: 'Biểu', indicators: [], sections: [...DEFAULT_SECTIONS], allowAttachments: true },
    });
  }, 60_000);
  afterAll(async () => {
    await testDb.dispose();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  it('sends the due-in-3-days reminder exactly once with two instances racing', async () => {
    // The grassroots union is two levels below the plan's unit: its date is 10/11 − 5 = 05/11.
    await Promise.all([a.reminders.plan(clock), b.reminders.plan(clock), a.reminders.plan(clock)]);
    const sent = await Promise.all([
      a.reminders.runDue(clock, 'a'),
      b.reminders.runDue(clock, 'b'),
      a.reminders.runDue(clock, 'a2'),
    ]);
    expect(sent.reduce((x, y) => x + y, 0)).toBe(1);
    expect(received).toEqual([
      { to: 'chutich@cdcs.example', subject: expect.stringContaining('Sắp đến hạn') },
    ]);
    // Planning again the same day adds nothing; the next day has no reminder (policy: 3 days, on the day, after).
    await Promise.all([a.reminders.plan(clock), b.reminders.plan(clock)]);
    expect(await a.reminders.runDue(clock, 'a')).toBe(0);
    clock = new Date('2025-11-03T01:00:00Z');
    await a.reminders.plan(clock);
    expect(await b.reminders.runDue(clock, 'b')).toBe(0);
    expect(received).toHaveLength(1);
  });

  it('reminds on the day, then the late unit and the manager’s digest', async () => {
    clock = new Date('2025-11-05T01:00:00Z');
    await Promise.all([a.reminders.plan(clock), b.reminders.plan(clock)]);
    await Promise.all([a.reminders.runDue(clock, 'a'), b.reminders.runDue(clock, 'b')]);
    expect(received.at(-1)!.subject).toContain('Hôm nay là hạn gửi');
    clock = new Date('2025-11-06T01:00:00Z');
    await Promise.all([a.reminders.plan(clock), b.reminders.plan(clock)]);
    await Promise.all([a.reminders.runDue(clock, 'a'), b.reminders.runDue(clock, 'b')]);
    expect(received.at(-1)!.subject).toContain('Quá hạn');
    expect(received).toHaveLength(3);
    const chair = (await a.userRepository.findByUsername('chair'))!;
    const inbox = await a.notifications.list({
      userId: chair.id,
      role: 'officer',
      homeUnitId: chair.homeUnitId,
      ip: null,
    });
    expect(inbox.unread).toBe(3);
    const manager = (await a.userRepository.findByUsername('manager'))!;
    const digest = await a.notifications.list({
      userId: manager.id,
      role: 'manager',
      homeUnitId: manager.homeUnitId,
      ip: null,
    });
    expect(digest.items.map((n) => n.kind)).toContain('digest');
  });

  it('serves the due dates as an ICS feed behind a secret address', async () => {
    const chair = (await a.userRepository.findByUsername('chair'))!;
    const { url } = await a.notifications.calendarLink({
      userId: chair.id,
      role: 'officer',
      homeUnitId: chair.homeUnitId,
      ip: null,
    });
    const ics = await a.notifications.calendar(url.split('/').pop()!.replace('.ics', ''));
    expect(ics).toContain('DTSTART;VALUE=DATE:20251105');
    expect(await a.notifications.calendar('khong-co-token-nay-1234567890')).toBeNull();
  });
});
