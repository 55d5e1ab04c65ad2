import { describe, expect, it } from 'vitest';
import { auditChanges, auditChangesText } from './audit-diff.ts';

describe('audit diff', () => {
  it('lists only changed leaves, by path', () => {
    const before = {
      status: 'submitted',
      values: [{ numerator: 3, denominator: 10 }],
      narrative: { a: 'x' },
    };
    const after = {
      status: 'approved',
      values: [{ numerator: 4, denominator: 10 }],
      narrative: { a: 'x', b: 'y' },
    };
    expect(auditChanges(before, after)).toEqual([
      { path: 'status', before: 'submitted', after: 'approved' },
      { path: 'values.0.numerator', before: '3', after: '4' },
      { path: 'narrative.b', before: null, after: 'y' },
    ]);
  });

  it('shows a creation and a deletion whole, and nothing when equal', () => {
    expect(auditChanges(null, { rows: 5 })).toEqual([{ path: 'rows', before: null, after: '5' }]);
    expect(auditChanges({ name: 'A' }, null)).toEqual([{ path: 'name', before: 'A', after: null }]);
    expect(auditChanges({ a: [1, 2] }, { a: [1, 2] })).toEqual([]);
    expect(auditChanges('x', 'y')).toEqual([{ path: '(toàn bộ)', before: 'x', after: 'y' }]);
  });

  it('writes one line per change for the export', () => {
    expect(auditChangesText({ status: 'draft' }, { status: 'submitted', late: true })).toBe(
      'status: draft → submitted\nlate: ∅ → true',
    );
  });
});
