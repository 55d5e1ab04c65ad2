import { integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './users.ts';

// Requests a device may send again (an offline queue replayed): one answer per key.

/**
 * An `Idempotency-Key` a user sent with a mutation, and the answer it got: the same key again
 * gets the same answer without the mutation running twice. `scope` names the route and its
 * target (`report.submit:42`), so a key reused for another request is refused, not replayed.
 * Rows older than a week are removed as the same user sends new keys.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    scope: text('scope').notNull(),
    status: integer('status'),
    response: jsonb('response'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);
