import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';
import { orgUnits } from './org.ts';

// Accounts, sessions, sign-in throttling and invitations.

export const users = pgTable(
  'users',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role').notNull(),
    homeUnitId: integer('home_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    locale: text('locale').notNull().default('vi'),
    /** For reminders by e-mail; optional. */
    email: text('email'),
    active: boolean('active').notNull().default(true),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'string' }),
    version: integer('version').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_username_key').on(t.username)],
);

/** Sessions live in the database so that several server instances share them. */
export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie token; the token itself is never stored. */
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

/** Failed sign-ins per account and per address, shared by all instances, for rate limits. */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStart: timestamp('window_start', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'string' }),
  lockouts: integer('lockouts').notNull().default(0),
});

/** Invitations to join: a link with a secret token, a role and a unit, valid until it expires. */
export const invitations = pgTable('invitations', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  /** SHA-256 of the token in the link; the token itself is not stored. */
  tokenHash: text('token_hash').notNull().unique(),
  role: text('role').notNull(),
  homeUnitId: integer('home_unit_id')
    .notNull()
    .references(() => orgUnits.id),
  createdBy: integer('created_by'),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
  acceptedBy: integer('accepted_by'),
  acceptedAt: timestamp('accepted_at', { withTimezone: true, mode: 'string' }),
  /** Revoked by a manager, or when its inviter was deactivated: the link no longer opens. */
  revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'string' }),
  revokedBy: integer('revoked_by'),
  createdAt: createdAt(),
});
