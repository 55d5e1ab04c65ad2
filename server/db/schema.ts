/**
 * The database schema, one file per area under `schema/`; drizzle-kit reads this file
 * (`drizzle.config.ts`) and every repository imports its tables from here.
 */
/*
 * Conventions
 * - Validity spans: `valid_from` inclusive, `valid_to` inclusive (null = still valid). An operation
 *   effective on day E ends the old span on E − 1 and starts the new one on E.
 * - Every editable row has `version` (optimistic locking: a stale save gets 409).
 * - `*_folded` columns hold lower-case text without diacritics for diacritic-insensitive search.
 */

export * from './schema/api-tokens.ts';
export * from './schema/audit.ts';
export * from './schema/documents.ts';
export * from './schema/exchange.ts';
export * from './schema/idempotency.ts';
export * from './schema/notifications.ts';
export * from './schema/org.ts';
export * from './schema/plans.ts';
export * from './schema/reporting.ts';
export * from './schema/rollups.ts';
export * from './schema/rosters.ts';
export * from './schema/settings.ts';
export * from './schema/users.ts';
