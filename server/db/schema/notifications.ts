import { index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';
import { orgUnits } from './org.ts';
import { reportPeriods } from './reporting.ts';
import { users } from './users.ts';

// In-app notifications, reminder jobs and calendar feed tokens.

export const notifications = pgTable(
  'notifications',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    link: text('link'),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.createdAt)],
);

/**
 * Reminders to send. The unique key makes each reminder exist once; instances claim due rows
 * with FOR UPDATE SKIP LOCKED, so two servers never send the same one twice.
 */
export const reminderJobs = pgTable(
  'reminder_jobs',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    dedupeKey: text('dedupe_key').notNull(),
    kind: text('kind').notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    periodId: integer('period_id').references(() => reportPeriods.id),
    unitId: integer('unit_id').references(() => orgUnits.id),
    runAt: timestamp('run_at', { withTimezone: true, mode: 'string' }).notNull(),
    claimedAt: timestamp('claimed_at', { withTimezone: true, mode: 'string' }),
    claimedBy: text('claimed_by'),
    doneAt: timestamp('done_at', { withTimezone: true, mode: 'string' }),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
  },
  (t) => [
    uniqueIndex('reminder_jobs_dedupe_key').on(t.dedupeKey),
    index('reminder_jobs_run_idx').on(t.doneAt, t.runAt),
  ],
);

/** Secret token of a user's calendar feed (ICS), revocable. */
export const calendarTokens = pgTable('calendar_tokens', {
  token: text('token').primaryKey(),
  userId: integer('user_id')
    .notNull()
    .references(() => users.id),
  createdAt: createdAt(),
});
