// The audit row written by the same statement as the change it records.

/** An audit row as the parameters of a statement: ids and texts, before and after as JSON text. */
export interface AuditRowParams {
  userId: number | null;
  ip: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  before: string | null;
  after: string | null;
}

/** All seven audit parameters, in the order the statements using `auditInsertFrom` number them. */
export function auditParamList(audit: AuditRowParams): (string | number | null)[] {
  return [audit.userId, audit.ip, audit.action, audit.objectType, audit.objectId, audit.before, audit.after];
}

/**
 * For a statement that writes a change and its audit row together (so the row exists exactly when
 * the change does, in the same transaction): the INSERT of one audit row per row of `source`, a
 * CTE of that statement. Each column is SQL of the statement: a parameter such as `$5`, or an
 * expression over `source` (the object's id, a "before" the statement read).
 */
export function auditInsertFrom(source: string, columns: Record<keyof AuditRowParams, string>): string {
  return `INSERT INTO audit_log (user_id, ip, action, object_type, object_id, before, after)
          SELECT (${columns.userId})::int, (${columns.ip})::text, (${columns.action})::text,
                 (${columns.objectType})::text, (${columns.objectId})::text, (${columns.before})::jsonb,
                 (${columns.after})::jsonb
            FROM ${source}`;
}
