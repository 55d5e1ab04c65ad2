import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

// Workspace settings.

/** Workspace facts: organisation name, whether demo data is loaded, first-run state. */
export const appSettings = pgTable('app_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});
