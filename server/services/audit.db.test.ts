import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditRepository } from '../repositories/audit.repository.ts';
import { routeTable } from '../routes/route-table.ts';
import { createTestApp, seedSmallOrg, type TestApp } from '../test/fixtures.ts';
import { openTestDatabase, type TestDatabase, testEngines } from '../test/test-database.ts';
import { SYSTEM_ACTOR } from './actor.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'migrations' ? [] : sourceFiles(path);
    return /\.(ts|mjs)$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('the audit trail cannot be changed by the application', () => {
  it('has a repository that only appends and reads', () => {
    const methods = Object.getOwnPropertyNames(AuditRepository.prototype).filter((m) => m !== 'constructor');
    expect(methods.sort()).toEqual(['append', 'list']);
  });

  it('has no statement that updates, deletes or truncates audit rows anywhere in the code', () => {
    const offending = [...sourceFiles(join(root, 'server')), ...sourceFiles(join(root, 'cli'))].filter(
      (file) => {
        const text = readFileSync(file, 'utf8');
        return (
          /\.(update|delete)\(\s*auditLog\s*\)/.test(text) ||
          /\b(UPDATE|DELETE\s+FROM|TRUNCATE(\s+TABLE)?)\s+"?audit_log"?/i.test(text)
        );
      },
    );
    expect(offending).toEqual([]);
  });

  it('has no HTTP route that writes to it', () => {
    const routes = routeTable({ sessionTtlHours: 1 }).filter((r) => r.url.startsWith('/api/audit'));
    expect(routes.map((r) => `${r.method} ${r.url}`).sort()).toEqual([
      'GET /api/audit',
      'GET /api/audit.xlsx',
    ]);
    expect(routes.every((r) => r.access === 'admin')).toBe(true);
  });
});

describe.each(testEngines())('audit browse and export on %s', (engine) => {
  let testDb: TestDatabase;
  let t: TestApp;
  let admin: Record<string, string>;
  let users: Record<string, number>;
  let unitId: number;

  beforeAll(async () => {
    testDb = await openTestDatabase(engine);
    t = await createTestApp(testDb.database);
    const org = await seedSmallOrg(t.services);
    users = org.users;
    unitId = org.communeA1.id;
    const manager = {
      userId: org.users.manager!,
      role: 'manager' as const,
      homeUnitId: org.provinceA.id,
      ip: '10.0.0.7',
    };
    const unit = await t.services.org.detail(manager, unitId);
    await t.services.orgChange.rename(manager, unitId, {
      name: 'Công đoàn phường Kỳ Bá mới',
      effectiveDate: '2025-01-01',
      version: unit.version,
    });
    await t.services.audit.record(SYSTEM_ACTOR, 'test.mark', 'thing', 7, { a: 1 }, { a: 2 });
    admin = await t.signIn('admin');
  }, 120_000);
  afterAll(async () => {
    await t.app.close();
    await testDb.dispose();
  });

  const get = async (query: string) => {
    const response = await t.app.inject({ method: 'GET', url: `/api/audit?${query}`, headers: admin });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as {
      entries: {
        id: number;
        action: string;
        username: string | null;
        objectId: string | null;
        before: unknown;
      }[];
      nextBeforeId: number | null;
    };
  };

  it('filters by object, by user, by action and by day, newest first, with the user named', async () => {
    const byObject = await get(`objectType=org_unit&objectId=${unitId}`);
    expect(byObject.entries.map((e) => e.action)).toContain('org.rename');
    expect(byObject.entries.every((e) => e.objectId === String(unitId))).toBe(true);

    const byUser = await get(`userId=${users.manager}`);
    expect(byUser.entries.length).toBeGreaterThan(0);
    expect(byUser.entries.every((e) => e.username === 'manager')).toBe(true);

    const byAction = await get('action=test.mark');
    expect(byAction.entries).toHaveLength(1);
    expect(byAction.entries[0]!.before).toEqual({ a: 1 });

    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    expect((await get(`action=test.mark&from=${today}&to=${today}`)).entries).toHaveLength(1);
    expect((await get('action=test.mark&from=2000-01-01&to=2000-12-31')).entries).toHaveLength(0);

    const bad = await t.app.inject({ method: 'GET', url: '/api/audit?from=2025-02-30', headers: admin });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('from');
  });

  it('is refused by the database itself when anyone tries to change or remove an entry', async () => {
    const db = testDb.database;
    const before = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
    for (const statement of [
      "UPDATE audit_log SET action = 'forged'",
      'DELETE FROM audit_log',
      'TRUNCATE audit_log',
    ]) {
      await expect(db.query(statement), statement).rejects.toThrow(/append-only/);
    }
    const after = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
    expect(after[0]!.n).toBe(before[0]!.n);
    expect(before[0]!.n).toBeGreaterThan(0);
  });

  it('pages with beforeId without gaps or repeats', async () => {
    const all = (await get('limit=500')).entries.map((e) => e.id);
    const seen: number[] = [];
    let query = 'limit=3';
    for (;;) {
      const page = await get(query);
      seen.push(...page.entries.map((e) => e.id));
      if (page.nextBeforeId === null) break;
      query = `limit=3&beforeId=${page.nextBeforeId}`;
    }
    expect(seen).toEqual(all);
    expect(all.length).toBeGreaterThan(3);
  });

  it('exports the filtered entries to XLSX with a readable diff', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/audit.xlsx?action=test.mark',
      headers: admin,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toMatch(/nhat-ky-.*\.xlsx/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Nhật ký')!;
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(1).getCell(9).text).toBe('Thay đổi');
    // an action the code does not record has no Vietnamese name: shown by its code
    expect(sheet.getRow(2).getCell(5).text).toBe('test.mark');
    expect(sheet.getRow(2).getCell(6).text).toBe('test.mark');
    expect(sheet.getRow(2).getCell(9).text).toBe('a: 1 → 2');
    // the time is a date cell (Vietnam's clock), not text
    expect(sheet.getRow(2).getCell(2).value).toBeInstanceOf(Date);
    expect(sheet.getRow(2).getCell(2).numFmt).toBe('dd/mm/yyyy hh:mm:ss');
    const logins = await t.app.inject({
      method: 'GET',
      url: '/api/audit.xlsx?action=auth.login',
      headers: admin,
    });
    const loginBook = new ExcelJS.Workbook();
    await loginBook.xlsx.load(logins.rawPayload as unknown as ArrayBuffer);
    const loginRow = loginBook.getWorksheet('Nhật ký')!.getRow(2);
    expect([loginRow.getCell(5).text, loginRow.getCell(6).text]).toEqual(['Đăng nhập', 'auth.login']);
  });
});
