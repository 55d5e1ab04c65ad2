import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../contracts/auth.ts';
import { createTestApp, seedSmallOrg, type TestApp } from '../test/fixtures.ts';
import { fillPath } from '../test/route-paths.ts';
import { openTestDatabase, type TestDatabase, testEngines } from '../test/test-database.ts';
import { routeTable } from './route-table.ts';

describe.each(testEngines())('HTTP API on %s', (engine) => {
  let testDb: TestDatabase;
  let t: TestApp;
  let app: FastifyInstance;
  let org: Awaited<ReturnType<typeof seedSmallOrg>>;

  beforeAll(async () => {
    testDb = await openTestDatabase(engine);
    t = await createTestApp(testDb.database);
    app = t.app;
    org = await seedSmallOrg(t.services);
  });
  afterAll(async () => {
    await app.close();
    await testDb.dispose();
  });

  it('declares an allowed role and a scope for every route', () => {
    for (const route of routeTable({ sessionTtlHours: 1 })) {
      expect(['public', ...ROLES], `${route.method} ${route.url}`).toContain(route.access);
      expect(['none', 'own', 'unit'], `${route.method} ${route.url}`).toContain(route.scope);
    }
  });

  it('answers 401 to an anonymous caller on every non-public route', async () => {
    const routes = routeTable({ sessionTtlHours: 1 }).filter((r) => r.access !== 'public');
    expect(routes.length).toBeGreaterThan(10);
    for (const route of routes) {
      const response = await app.inject({
        method: route.method,
        url: fillPath(route.url, org.provinceB.id),
        payload: route.method === 'GET' ? undefined : {},
      });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
      expect(response.json().error.code).toBe('unauthenticated');
    }
  });

  it('signs in, tells who is signed in, signs out', async () => {
    const headers = await t.signIn('officer');
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers });
    expect(me.json().user).toMatchObject({
      username: 'officer',
      role: 'officer',
      homeUnitId: org.provinceA.id,
    });
    const out = await app.inject({ method: 'POST', url: '/api/auth/logout', headers, payload: {} });
    expect(out.statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers })).statusCode).toBe(401);
  });

  it('refuses wrong passwords with the same message as unknown users, in Vietnamese by default', async () => {
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'viewer', password: 'sai-mat-khau-1' },
    });
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody', password: 'sai-mat-khau-1' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    expect(wrong.json().error.message).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
  });

  it('keeps a unit outside the caller’s subtree out of reach (403), inside within reach', async () => {
    const headers = await t.signIn('officer');
    const outside = await app.inject({ method: 'GET', url: `/api/org/units/${org.provinceB.id}`, headers });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error.code).toBe('forbidden_unit');
    const inside = await app.inject({
      method: 'GET',
      url: `/api/org/units/${org.grassrootsA1a.id}`,
      headers,
    });
    expect(inside.statusCode).toBe(200);
    const tree = await app.inject({ method: 'GET', url: `/api/org/tree?root=${org.provinceB.id}`, headers });
    expect(tree.statusCode).toBe(403);
  });

  it('lets a manager change units only inside the subtree, and officers not at all', async () => {
    const manager = await t.signIn('manager');
    const officer = await t.signIn('officer');
    const body = { name: 'Công đoàn mới', effectiveDate: '2026-01-01', version: 0 };
    const byOfficer = await app.inject({
      method: 'POST',
      url: `/api/org/units/${org.communeA1.id}/rename`,
      headers: officer,
      payload: body,
    });
    expect(byOfficer.statusCode).toBe(403);
    const outside = await app.inject({
      method: 'POST',
      url: `/api/org/units/${org.provinceB.id}/rename`,
      headers: manager,
      payload: body,
    });
    expect(outside.statusCode).toBe(403);
    const inside = await app.inject({
      method: 'POST',
      url: `/api/org/units/${org.communeA1.id}/rename`,
      headers: manager,
      payload: body,
    });
    expect(inside.statusCode).toBe(200);
    const stale = await app.inject({
      method: 'POST',
      url: `/api/org/units/${org.communeA1.id}/rename`,
      headers: manager,
      payload: { ...body, name: 'Lần hai' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'conflict_version', field: 'version' });
  });

  it('demands the CSRF token on cookie-authenticated changes', async () => {
    const { cookie } = await t.signIn('manager');
    const response = await app.inject({
      method: 'POST',
      url: `/api/org/units/${org.communeA1.id}/rename`,
      headers: { cookie },
      payload: { name: 'X', effectiveDate: '2026-02-01', version: 1 },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('csrf');
  });

  it('answers malformed JSON with 400 and bad fields with their names, in the caller’s language', async () => {
    const malformed = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('malformed_json');
    const headers = await t.signIn('manager');
    const bad = await app.inject({
      method: 'POST',
      url: '/api/org/units',
      headers: { ...headers, 'accept-language': 'en' },
      payload: {
        code: 'X',
        name: 'X',
        type: 'planet',
        parentId: org.provinceA.id,
        effectiveDate: '2026-01-01',
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('type');
    expect(bad.json().error.message).toMatch(/^Invalid value in type/);
    const badDate = await app.inject({
      method: 'POST',
      url: '/api/org/units',
      headers,
      payload: {
        code: 'X',
        name: 'X',
        type: 'commune',
        parentId: org.provinceA.id,
        effectiveDate: '31/02/2026',
      },
    });
    expect(badDate.json().error).toMatchObject({ field: 'effectiveDate' });
    expect(badDate.json().error.message).toMatch(/^Giá trị không hợp lệ ở trường effectiveDate/);
  });

  it('meets 20 wrong passwords in a row with 429 and Retry-After, then locks longer', async () => {
    await t.services.userRepository.insert({
      username: 'lockme',
      displayName: 'x',
      passwordHash: 'scrypt$1$1$1$AA==$AA==',
      role: 'viewer',
      homeUnitId: org.provinceA.id,
    });
    const statuses: number[] = [];
    let retryAfter = '';
    for (let i = 0; i < 20; i++) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '203.0.113.7',
        payload: { username: 'lockme', password: `sai-mat-khau-${i}` },
      });
      statuses.push(response.statusCode);
      if (response.statusCode === 429) retryAfter = String(response.headers['retry-after']);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5).every((s) => s === 429)).toBe(true);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // Even the right password waits out the lock.
    const right = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '203.0.113.7',
      payload: { username: 'lockme', password: 'bat-ky-mat-khau-1' },
    });
    expect(right.statusCode).toBe(429);
  });

  it('gives a new session id on every sign-in and forgets the old one on sign-out', async () => {
    const first = await t.signIn('officer');
    const second = await t.signIn('officer');
    expect(first.cookie).not.toBe(second.cookie);
    await app.inject({ method: 'POST', url: '/api/auth/logout', headers: first, payload: {} });
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: first })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: second })).statusCode).toBe(200);
  });

  it('names missing things in the caller’s language', async () => {
    const headers = await t.signIn('admin');
    const en = await app.inject({
      method: 'GET',
      url: '/api/org/units/999999',
      headers: { ...headers, 'accept-language': 'en' },
    });
    expect(en.statusCode).toBe(404);
    expect(en.json().error.message).toBe('No such unit.');
    const vi = await app.inject({ method: 'GET', url: '/api/org/units/999999', headers });
    expect(vi.json().error.message).toBe('Không tìm thấy đơn vị.');
  });

  it('imports CSV all or nothing, naming every bad cell', async () => {
    const headers = await t.signIn('manager');
    const upload = (csv: string) => {
      const boundary = '----tiendo';
      const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="units.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`;
      return app.inject({
        method: 'POST',
        url: '/api/org/import',
        headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload,
      });
    };
    const bad = await upload(
      'code,name,type,parent_code,valid_from,valid_to\nG1,CĐCS Công ty May 10,grassroots,A1,01/07/2025,\nG2,,grassroots,A1,2025-07-01,\nG3,CĐCS X,grassroots,ZZZ,2025-07-01,\n',
    );
    expect(bad.statusCode).toBe(200);
    expect(bad.json().applied).toBe(false);
    expect(bad.json().errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`)).toEqual([
      '3:name',
      '4:parent_code',
    ]);
    expect(await t.services.orgRepository.findUnitByCode('G1')).toBeUndefined();
    const good = await upload(
      'code,name,type,parent_code,valid_from,valid_to\nG1,CĐCS Công ty May 10,grassroots,A1,01/07/2025,\nG2,CĐCS Bệnh viện,grassroots,A1,2025-07-01,\n',
    );
    expect(good.json()).toMatchObject({ applied: true, created: 2, errors: [] });
    const exported = await app.inject({ method: 'GET', url: '/api/org/export?format=csv', headers });
    expect(exported.headers['content-type']).toContain('text/csv');
    expect(exported.body).toContain('G1,CĐCS Công ty May 10,grassroots,A1,2025-07-01,');
    expect(exported.body).not.toContain('Lai Châu');
  });

  it('serves health, OpenAPI and the security headers', async () => {
    const health = await app.inject({ method: 'GET', url: '/api/health' });
    expect(health.json()).toMatchObject({ status: 'ok', database: 'reachable', engine });
    expect(health.headers['x-content-type-options']).toBe('nosniff');
    expect(String(health.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    const openapi = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(Object.keys(openapi.json().paths)).toContain('/api/org/tree');
  });
});
