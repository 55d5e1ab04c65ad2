import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/fixtures.ts';
import { openTestDatabase, type TestDatabase, testEngines } from '../test/test-database.ts';

describe.each(testEngines())('first run and invitations on %s', (engine) => {
  let testDb: TestDatabase;
  let t: TestApp;
  const admin = { username: 'quantri', displayName: 'Quản trị', password: 'mat-khau-quan-tri-1' };

  beforeAll(async () => {
    testDb = await openTestDatabase(engine);
    t = await createTestApp(testDb.database);
  });
  afterAll(async () => {
    await t.app.close();
    await testDb.dispose();
  });

  it('creates the first administrator on the 34-province reference, once', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/setup' })).json()).toEqual({
      needsSetup: true,
      demo: false,
    });
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { organisationName: 'LĐLĐ', start: 'reference', admin: { ...admin, password: 'ngan' } },
    });
    expect(bad.json().error.field).toBe('admin.password');
    const done = await t.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { organisationName: 'Tổng Liên đoàn Lao động Việt Nam', start: 'reference', admin },
    });
    expect(done.statusCode).toBe(200);
    expect(done.json().user).toMatchObject({ username: 'quantri', role: 'admin' });
    const cookie = done.cookies.find((c) => c.name === 'tiendo_session')!;
    const tree = await t.app.inject({
      method: 'GET',
      url: '/api/org/tree?maxDepth=1&date=2026-01-01',
      headers: { cookie: `tiendo_session=${cookie.value}` },
    });
    expect(tree.json().units.filter((u: { type: string }) => u.type === 'province')).toHaveLength(34);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { organisationName: 'Tổ chức khác', start: 'empty', admin: { ...admin, username: 'khac' } },
    });
    expect(again.statusCode).toBe(409);
  });

  it('invites a person by a link that works once and expires', async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: admin.username, password: admin.password },
    });
    const session = {
      cookie: `tiendo_session=${login.cookies.find((c) => c.name === 'tiendo_session')!.value}`,
      'x-csrf-token': login.json().csrfToken as string,
    };
    const laiChau = (await t.services.orgRepository.findUnitByCode('LDLD-12'))!;
    const invite = await t.app.inject({
      method: 'POST',
      url: '/api/invitations',
      headers: session,
      payload: { role: 'manager', homeUnitId: laiChau.id, expiresInDays: 7 },
    });
    expect(invite.statusCode).toBe(201);
    const token = (invite.json().url as string).split('/').pop()!;
    const offer = await t.app.inject({ method: 'GET', url: `/api/invitations/${token}` });
    expect(offer.json()).toMatchObject({
      role: 'manager',
      unitName: 'Liên đoàn Lao động tỉnh Lai Châu',
      invitedBy: admin.displayName,
    });
    const accepted = await t.app.inject({
      method: 'POST',
      url: `/api/invitations/${token}/accept`,
      payload: { username: 'laichau-moi', displayName: 'Cán bộ Lai Châu', password: 'mat-khau-moi-2025' },
    });
    expect(accepted.json().user).toMatchObject({
      username: 'laichau-moi',
      role: 'manager',
      homeUnitId: laiChau.id,
    });
    const reused = await t.app.inject({
      method: 'POST',
      url: `/api/invitations/${token}/accept`,
      payload: { username: 'nguoi-khac', displayName: 'X', password: 'mat-khau-moi-2025' },
    });
    expect(reused.statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/invitations/khongcotokennaykhongcotoken' })).statusCode,
    ).toBe(404);
  });
});
