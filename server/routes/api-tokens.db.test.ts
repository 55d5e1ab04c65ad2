import type { InjectOptions } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TApiTokenCreated } from '../../contracts/api-tokens.ts';
import { createTestApp, seedSmallOrg, type TestApp } from '../test/fixtures.ts';
import { openTestDatabase, type TestDatabase, testEngines } from '../test/test-database.ts';

/**
 * API tokens end to end over HTTP: made and listed by managers within their organisation, the
 * secret shown once and stored hashed, every use audited, the rate per token, revocation, expiry
 * and a creator who lost access. (Which routes a token opens, unit by unit: the permission matrix.)
 */
describe.each(testEngines())('API tokens on %s', (engine) => {
  let testDb: TestDatabase;
  let t: TestApp;
  let org: Awaited<ReturnType<typeof seedSmallOrg>>;
  let admin: Record<string, string>;
  let manager: Record<string, string>;
  let officer: Record<string, string>;
  let offsetMs = 0;

  beforeAll(async () => {
    testDb = await openTestDatabase(engine);
    t = await createTestApp(testDb.database, undefined, () => new Date(Date.now() + offsetMs));
    org = await seedSmallOrg(t.services);
    admin = await t.signIn('admin');
    manager = await t.signIn('manager');
    officer = await t.signIn('officer');
  }, 120_000);
  afterEach(() => {
    offsetMs = 0;
  });
  afterAll(async () => {
    await t.app.close();
    await testDb.dispose();
  });

  const create = async (headers: Record<string, string>, body: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/tokens', headers, payload: body });
  const made = async (body: Record<string, unknown> = {}, headers = admin): Promise<TApiTokenCreated> => {
    const response = await create(headers, {
      name: 'DHIS2 tỉnh Thái Bình',
      unitId: org.provinceA.id,
      scopes: ['figures:read'],
      ...body,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  };
  const call = (secret: string, request: InjectOptions = {}) =>
    t.app.inject({
      method: 'GET',
      url: `/api/units/${org.provinceA.id}/dashboard`,
      ...request,
      headers: { authorization: `Bearer ${secret}`, ...(request.headers ?? {}) },
    });
  const auditOf = (id: number) =>
    testDb.database.query<{ action: string; user_id: number | null; after: unknown }>(
      `SELECT action, user_id, after FROM audit_log WHERE object_type = 'api_token' AND object_id = $1 ORDER BY id`,
      [String(id)],
    );
  const afterOf = (value: unknown) =>
    (typeof value === 'string' ? JSON.parse(value) : value) as Record<string, unknown>;

  it('shows the secret once, keeps only its hash and prefix, lists it without the secret', async () => {
    const { token, secret } = await made({ expiresInDays: 30 });
    expect(secret).toMatch(/^tdk_[\w-]{43}$/);
    expect(token).toMatchObject({
      prefix: secret.slice(0, 12),
      unitId: org.provinceA.id,
      unitName: org.provinceA.name,
      scopes: ['figures:read'],
      createdBy: 'admin',
      state: 'active',
      ratePerMinute: 60,
      lastUsedAt: null,
    });
    expect(Date.parse(token.expiresAt) - Date.now()).toBeGreaterThan(29.9 * 86_400_000);
    const [stored] = await testDb.database.query<Record<string, unknown>>(
      'SELECT * FROM api_tokens WHERE id = $1',
      [token.id],
    );
    expect(JSON.stringify(stored)).not.toContain(secret.slice(12));
    expect(stored!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    const listed = await t.app.inject({ method: 'GET', url: '/api/tokens', headers: admin });
    expect(listed.statusCode).toBe(200);
    expect(listed.body).not.toContain(secret.slice(12));
    expect(listed.json().tokens.map((x: { id: number }) => x.id)).toContain(token.id);
    const [created] = await auditOf(token.id);
    expect(created!.action).toBe('api_token.create');
    expect(JSON.stringify(created!.after)).not.toContain(secret.slice(12));
  });

  it('acts with a bearer token, and audits every use with its route', async () => {
    const { token, secret } = await made();
    expect((await call(secret)).statusCode).toBe(200);
    expect((await call(secret, { url: `/api/org/tree?root=${org.provinceA.id}` })).statusCode).toBe(200);
    const uses = (await auditOf(token.id)).filter((row) => row.action === 'api_token.use');
    expect(uses.map((row) => afterOf(row.after).route)).toEqual([
      'GET /api/units/:id/dashboard',
      'GET /api/org/tree',
    ]);
    // The uses are the creator's (the national administrator), acting through the token.
    expect(uses.every((row) => row.user_id === org.users.admin)).toBe(true);
    const listed = (await t.app.inject({ method: 'GET', url: '/api/tokens', headers: admin })).json();
    const again = listed.tokens.find((x: { id: number }) => x.id === token.id);
    expect(again.lastUsedAt).not.toBeNull();
  });

  it('is made by a manager for their own organisation only, never by an officer', async () => {
    const outside = await create(manager, {
      name: 'Lai Châu',
      unitId: org.provinceB.id,
      scopes: ['figures:read'],
    });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error.code).toBe('forbidden_unit');
    const byOfficer = await create(officer, {
      name: 'x',
      unitId: org.communeA1.id,
      scopes: ['figures:read'],
    });
    expect(byOfficer.statusCode).toBe(403);
    const ok = await made({ name: 'Phường Kỳ Bá', unitId: org.communeA1.id }, manager);
    const national = await made({ name: 'Lai Châu', unitId: org.provinceB.id });
    const listed = (await t.app.inject({ method: 'GET', url: '/api/tokens', headers: manager })).json();
    const ids = listed.tokens.map((x: { id: number }) => x.id);
    expect(ids).toContain(ok.token.id);
    expect(ids).not.toContain(national.token.id);
    // The manager cannot revoke the other province's token either.
    const revoke = await t.app.inject({
      method: 'DELETE',
      url: `/api/tokens/${national.token.id}`,
      headers: manager,
    });
    expect(revoke.statusCode).toBe(403);
  });

  it('names the field of a bad request', async () => {
    const none = await create(admin, { name: 'x', unitId: org.provinceA.id, scopes: [] });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.field).toBe('scopes');
    const unknown = await create(admin, { name: 'x', unitId: org.provinceA.id, scopes: ['plans:write'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.field).toBe('scopes.0');
    const long = await create(admin, {
      name: 'x',
      unitId: org.provinceA.id,
      scopes: ['figures:read'],
      expiresInDays: 400,
    });
    expect(long.json().error.field).toBe('expiresInDays');
  });

  it('refuses a revoked token with 401 and says so, in both languages; revoking twice is a 409', async () => {
    const { token, secret } = await made();
    expect((await call(secret)).statusCode).toBe(200);
    const revoked = await t.app.inject({ method: 'DELETE', url: `/api/tokens/${token.id}`, headers: admin });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ id: token.id, state: 'revoked' });
    expect(revoked.json().revokedAt).not.toBeNull();
    const refused = await call(secret);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe('api_token_revoked');
    expect(refused.json().error.message).toContain(token.prefix);
    expect(refused.json().error.message).toContain('thu hồi');
    const english = await call(secret, { headers: { 'accept-language': 'en' } });
    expect(english.json().error.message).toMatch(/^The API token tdk_[\w-]+ was revoked at /);
    const twice = await t.app.inject({ method: 'DELETE', url: `/api/tokens/${token.id}`, headers: admin });
    expect(twice.statusCode).toBe(409);
    const actions = (await auditOf(token.id)).map((row) => row.action);
    expect(actions).toEqual([
      'api_token.create',
      'api_token.use',
      'api_token.revoke',
      'api_token.refused',
      'api_token.refused',
    ]);
  });

  it('refuses an expired token with 401 naming when it expired', async () => {
    const { token, secret } = await made({ expiresInDays: 1 });
    expect((await call(secret)).statusCode).toBe(200);
    offsetMs = 86_400_000 + 1000;
    const refused = await call(secret);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe('api_token_expired');
    expect(refused.json().error.message).toContain(token.expiresAt);
    const listed = (await t.app.inject({ method: 'GET', url: '/api/tokens', headers: admin })).json();
    expect(listed.tokens.find((x: { id: number }) => x.id === token.id).state).toBe('expired');
  });

  it('refuses an unknown token with 401, and never falls back to the cookie', async () => {
    const unknown = await call('tdk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', { headers: admin });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().error.code).toBe('api_token_invalid');
    expect((await call('not-a-token')).json().error.code).toBe('api_token_invalid');
  });

  it('stops when its creator is deactivated, and acts below a demoted creator’s role', async () => {
    const creator = await t.services.userRepository.insert({
      username: 'tao-ma',
      displayName: 'Người tạo mã',
      passwordHash: 'x',
      role: 'manager',
      homeUnitId: org.provinceA.id,
    });
    const manager2 = { userId: creator.id, role: 'manager' as const, homeUnitId: org.provinceA.id, ip: null };
    const { secret } = await t.services.apiTokens.create(manager2, {
      name: 'Báo cáo từ phần mềm tỉnh',
      unitId: org.provinceA.id,
      scopes: ['figures:read', 'reports:write'],
      expiresInDays: 30,
      ratePerMinute: 60,
    });
    const asViewer = await t.services.userRepository.update(creator.id, creator.version, { role: 'viewer' });
    expect(asViewer).toBeTruthy();
    // A viewer's token may read but not write: PUT asks an officer.
    expect((await call(secret)).statusCode).toBe(200);
    const write = await call(secret, {
      method: 'PUT',
      url: '/api/reports/1',
      payload: { values: [], narrative: {}, version: 0 },
    });
    expect(write.statusCode).toBe(403);
    expect(write.json().error.code).toBe('forbidden');
    const current = (await t.services.userRepository.findById(creator.id))!;
    await t.services.userRepository.update(creator.id, current.version, { active: false });
    const refused = await call(secret);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe('api_token_creator_lost_access');
  });

  it('is rate limited per token: 429 with Retry-After past its rate, another token unaffected', async () => {
    const limited = await made({ ratePerMinute: 3 });
    const other = await made({ ratePerMinute: 3 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(limited.secret)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await call(limited.secret);
    expect(refused.json().error.code).toBe('api_token_rate');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(20);
    expect((await call(other.secret)).statusCode).toBe(200);
    offsetMs = 20_000; // one request back every 20 s at 3 a minute
    expect((await call(limited.secret)).statusCode).toBe(200);
  });

  it('is shown in the OpenAPI document: the bearer scheme, and on the routes a token may call', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.components.securitySchemes.apiToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.info.description).toContain('Authorization: Bearer');
    expect(doc.paths['/api/units/{id}/dashboard'].get.security).toEqual([{ session: [] }, { apiToken: [] }]);
    expect(doc.paths['/api/reports/{id}'].put.security).toEqual([{ session: [] }, { apiToken: [] }]);
    expect(doc.paths['/api/users'].get.security).toEqual([{ session: [] }]);
    expect(doc.paths['/api/tokens'].post.responses['201']).toBeTruthy();
  });
});
