import { timestamp } from 'drizzle-orm/pg-core';

/** `created_at`: when the row was made, set by the database. */
export const createdAt = () =>
  timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow();
