/**
 * The readable difference between an audit entry's `before` and `after`: one line per changed
 * leaf, addressed by its path (`values.0.numerator`, `narrative.results`). Values are shown as
 * short JSON; unchanged fields are left out.
 */
export interface AuditChange {
  path: string;
  before: string | null;
  after: string | null;
}

const MAX_TEXT = 300;

function show(value: unknown): string | null {
  if (value === undefined) return null;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function walk(before: unknown, after: unknown, path: string, out: AuditChange[]) {
  // A created or removed object is shown field by field, like a changed one.
  if (before === undefined && isRecord(after)) before = Array.isArray(after) ? [] : {};
  if (after === undefined && isRecord(before)) after = Array.isArray(before) ? [] : {};
  if (isRecord(before) && isRecord(after) && Array.isArray(before) === Array.isArray(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    for (const key of keys) walk(before[key], after[key], path ? `${path}.${key}` : key, out);
    return;
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return;
  out.push({ path: path || '(toàn bộ)', before: show(before ?? undefined), after: show(after ?? undefined) });
}

export function auditChanges(before: unknown, after: unknown): AuditChange[] {
  const out: AuditChange[] = [];
  walk(before ?? undefined, after ?? undefined, '', out);
  return out;
}

/** The changes as one text, a line each: `path: before → after` (for the XLSX export). */
export function auditChangesText(before: unknown, after: unknown): string {
  return auditChanges(before, after)
    .map((c) => `${c.path}: ${c.before ?? '∅'} → ${c.after ?? '∅'}`)
    .join('\n');
}
