import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';
import { orgUnits } from './org.ts';
import { users } from './users.ts';

// API tokens: another system (DHIS2, the national reporting system) reads figures or writes reports.

/** A token for another system: a unit's subtree, its scopes, until it expires or is revoked. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    /** The token's first characters (`tdk_` and 8 more), kept in clear to recognise it. */
    prefix: text('prefix').notNull(),
    /** SHA-256 of the whole token; the token itself is never stored. */
    tokenHash: text('token_hash').notNull().unique(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    /** `figures:read`, `reports:write` (contracts/api-tokens.ts). */
    scopes: text('scopes').array().notNull(),
    /** Requests a minute, counted by each server instance. */
    ratePerMinute: integer('rate_per_minute').notNull().default(60),
    /** Acts never above this user's role and organisation today; stops when they are deactivated. */
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'string' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'string' }),
    revokedBy: integer('revoked_by').references(() => users.id),
  },
  (t) => [index('api_tokens_unit_idx').on(t.unitId)],
);
