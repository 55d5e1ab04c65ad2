import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_NAMES, auditActionName } from './audit-actions.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Every action code the code records: `audit.record(actor, 'x.y'…`, `audit: 'x.y'` and `action: 'x.y'`. */
function recordedActions(): Set<string> {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts') && !name.includes('.test.')) {
        const text = readFileSync(path, 'utf8');
        for (const m of text.matchAll(/\.record\(\s*[\w.]+,\s*'([a-z_]+\.[a-z_.]+)'/g)) found.add(m[1]!);
        for (const m of text.matchAll(/\b(?:audit|action):\s*'([a-z_]+\.[a-z_.]+)'/g)) found.add(m[1]!);
      }
    }
  };
  for (const dir of ['server', 'cli', 'domain']) walk(join(ROOT, dir));
  return found;
}

describe('audit action names', () => {
  it('names in Vietnamese every action the code records', () => {
    const actions = recordedActions();
    expect(actions.size).toBeGreaterThan(40);
    expect([...actions].filter((a) => !(a in AUDIT_ACTION_NAMES))).toEqual([]);
  });

  it('shows an unknown action by its code', () => {
    expect(auditActionName('plan.issue')).toBe('Ban hành kế hoạch');
    expect(auditActionName('future.thing')).toBe('future.thing');
  });
});
