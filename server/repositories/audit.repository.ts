import { and, desc, eq, lt, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { auditLog, users } from '../db/schema.ts';
import type { AuditRowParams } from './sql/audit-insert.ts';

// The statement pieces of audit rows live in `./sql/audit-insert.ts`; re-exported for their callers.
export { type AuditRowParams, auditInsertFrom, auditParamList } from './sql/audit-insert.ts';

export interface AuditEntry {
  userId: number | null;
  ip: string | null;
  action: string;
  objectType: string;
  objectId: string | number | null;
  before: unknown;
  after: unknown;
}

export interface AuditFilter {
  objectType?: string | undefined;
  objectId?: string | undefined;
  userId?: number | undefined;
  action?: string | undefined;
  /** First and last day (inclusive, Vietnam's calendar), YYYY-MM-DD. */
  from?: string | undefined;
  to?: string | undefined;
  beforeId?: number | undefined;
  limit: number;
}

/** The audit row's parameters of an entry (JSON written as `append` writes it). */
export function auditRowParams(entry: AuditEntry): AuditRowParams {
  const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
  return {
    userId: entry.userId,
    ip: entry.ip,
    action: entry.action,
    objectType: entry.objectType,
    objectId: entry.objectId === null ? null : String(entry.objectId),
    before: json(entry.before),
    after: json(entry.after),
  };
}

/** Append-only: this repository has no update and no delete. */
export class AuditRepository {
  constructor(private readonly database: Database) {}

  /** One prepared statement (every mutation makes one). */
  async append(entry: AuditEntry): Promise<void> {
    const row = auditRowParams(entry);
    await this.database.prepared(
      `INSERT INTO audit_log (user_id, ip, action, object_type, object_id, before, after)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb)`,
      [row.userId, row.ip, row.action, row.objectType, row.objectId, row.before, row.after],
    );
  }

  /** Newest first, with the user's names; filters combine (and). */
  async list(filter: AuditFilter) {
    const conditions: SQL[] = [];
    if (filter.objectType) conditions.push(eq(auditLog.objectType, filter.objectType));
    if (filter.objectId) conditions.push(eq(auditLog.objectId, filter.objectId));
    if (filter.userId) conditions.push(eq(auditLog.userId, filter.userId));
    if (filter.action) conditions.push(eq(auditLog.action, filter.action));
    // Vietnam has one offset all year (+07:00): a day there starts at 17:00 UTC the day before.
    if (filter.from)
      conditions.push(sql`${auditLog.at} >= (${`${filter.from}T00:00:00+07:00`})::timestamptz`);
    if (filter.to)
      conditions.push(
        sql`${auditLog.at} < (${`${filter.to}T00:00:00+07:00`})::timestamptz + interval '1 day'`,
      );
    if (filter.beforeId) conditions.push(lt(auditLog.id, filter.beforeId));
    return this.database
      .db()
      .select({
        id: auditLog.id,
        at: auditLog.at,
        userId: auditLog.userId,
        username: users.username,
        displayName: users.displayName,
        ip: auditLog.ip,
        action: auditLog.action,
        objectType: auditLog.objectType,
        objectId: auditLog.objectId,
        before: auditLog.before,
        after: auditLog.after,
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.userId))
      .where(conditions.length ? and(...conditions) : undefined)
      .orderBy(desc(auditLog.id))
      .limit(filter.limit);
  }
}
