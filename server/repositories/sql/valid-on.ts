import { sql } from 'drizzle-orm';

/** A span valid on date `d`: both ends inclusive, null end = open (as in `org.repository.ts`). */
export const validOn = (alias: string, d: string) =>
  sql`${sql.raw(alias)}.valid_from <= ${d}::date AND (${sql.raw(alias)}.valid_to IS NULL OR ${sql.raw(alias)}.valid_to >= ${d}::date)`;
