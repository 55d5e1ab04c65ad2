import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { auditLog } from '../db/schema.ts';

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
  beforeId?: number | undefined;
  limit: number;
}

/** Append-only: this repository has no update and no delete. */
export class AuditRepository {
  constructor(private readonly database: Database) {}

  async append(entry: AuditEntry): Promise<void> {
    await this.database
      .db()
      .insert(auditLog)
      .values({
        userId: entry.userId,
        ip: entry.ip,
        action: entry.action,
        objectType: entry.objectType,
        objectId: entry.objectId === null ? null : String(entry.objectId),
        before: entry.before ?? null,
        after: entry.after ?? null,
      });
  }

  async list(filter: AuditFilter) {
    const conditions: SQL[] = [];
    if (filter.objectType) conditions.push(eq(auditLog.objectType, filter.objectType));
    if (filter.objectId) conditions.push(eq(auditLog.objectId, filter.objectId));
    if (filter.userId) conditions.push(eq(auditLog.userId, filter.userId));
    if (filter.beforeId) conditions.push(lt(auditLog.id, filter.beforeId));
    return this.database
      .db()
      .select()
      .from(auditLog)
      .where(conditions.length ? and(...conditions) : undefined)
      .orderBy(desc(auditLog.id))
      .limit(filter.limit);
  }
}
