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

  async function signIn(username: string, password: string) {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password },
    });
    expect(login.statusCode).toBe(200);
    return {
      cookie: `tiendo_session=${login.cookies.find((c) => c.name === 'tiendo_session')!.value}`,
      'x-csrf-token': login.json().csrfToken as string,
    };
  }

  async function invite(session: Record<string, string>, role: string, homeUnitId: number) {
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/invitations',
      headers: session,
      payload: { role, homeUnitId, expiresInDays: 7 },
    });
    expect(made.statusCode).toBe(201);
    return (made.json().url as string).split('/').pop()!;
  }

  async function listed(session: Record<string, string>) {
    const response = await t.app.inject({ method: 'GET', url: '/api/invitations', headers: session });
    expect(response.statusCode).toBe(200);
    return response.json().invitations as { id: number; state: string; homeUnitId: number; role: string }[];
  }

  const accept = (token: string, username: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/invitations/${token}/accept`,
      payload: { username, displayName: 'Người được mời', password: 'mat-khau-moi-2025' },
    });

  async function auditOf(id: number) {
    return testDb.database.query<{ action: string; after: Record<string, unknown> }>(
      `SELECT action, after FROM audit_log WHERE object_type = 'invitation' AND object_id = $1::text ORDER BY id`,
      [id],
    );
  }

  it('lists invitations to the managers of their units and lets them revoke one (audited)', async () => {
    const adminSession = await signIn(admin.username, admin.password);
    const manager = await signIn('laichau-moi', 'mat-khau-moi-2025');
    const laiChau = (await t.services.orgRepository.findUnitByCode('LDLD-12'))!;
    const other = (await t.services.orgRepository.findUnitByCode('LDLD-01'))!;
    const mine = await invite(manager, 'officer', laiChau.id);
    await invite(adminSession, 'manager', other.id);

    const seen = await listed(manager);
    expect(seen.every((i) => i.homeUnitId === laiChau.id)).toBe(true);
    const open = seen.find((i) => i.state === 'open' && i.role === 'officer')!;
    expect(open).toBeDefined();
    expect(JSON.stringify(seen)).not.toContain(mine);
    const everything = await listed(adminSession);
    const othersInvitation = everything.find((i) => i.homeUnitId === other.id)!;
    expect(everything.length).toBeGreaterThan(seen.length);

    // Another province's invitation is out of this manager's reach.
    const foreign = await t.app.inject({
      method: 'DELETE',
      url: `/api/invitations/${othersInvitation.id}`,
      headers: manager,
    });
    expect(foreign.statusCode).toBe(403);
    const revoked = await t.app.inject({
      method: 'DELETE',
      url: `/api/invitations/${open.id}`,
      headers: manager,
    });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ id: open.id, state: 'revoked' });
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/invitations/${open.id}`, headers: manager }))
        .statusCode,
    ).toBe(409);
    expect((await t.app.inject({ method: 'GET', url: `/api/invitations/${mine}` })).statusCode).toBe(404);
    expect((await accept(mine, 'sau-thu-hoi')).statusCode).toBe(404);
    expect((await auditOf(open.id)).map((a) => a.action)).toEqual(['invitation.create', 'invitation.revoke']);
    // The administrator's own invitation (a manager's role in another province) stays open.
    expect((await listed(adminSession)).find((i) => i.id === othersInvitation.id)!.state).toBe('open');
  });

  it('revokes the open invitations of an inviter who is deactivated, and refuses their links anyway', async () => {
    const adminSession = await signIn(admin.username, admin.password);
    const manager = await signIn('laichau-moi', 'mat-khau-moi-2025');
    const laiChau = (await t.services.orgRepository.findUnitByCode('LDLD-12'))!;
    const token = await invite(manager, 'manager', laiChau.id);
    const before = (await listed(adminSession)).find(
      (i) => i.state === 'open' && i.homeUnitId === laiChau.id,
    )!;
    const inviter = (await t.services.userRepository.findByUsername('laichau-moi'))!;

    const deactivated = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${inviter.id}`,
      headers: adminSession,
      payload: { active: false, version: inviter.version },
    });
    expect(deactivated.statusCode).toBe(200);
    const after = (await listed(adminSession)).find((i) => i.id === before.id)!;
    expect(after.state).toBe('revoked');
    const trail = await auditOf(before.id);
    expect(trail.at(-1)).toMatchObject({ action: 'invitation.revoke' });
    expect(trail.at(-1)!.after).toMatchObject({ reason: 'inviter_deactivated', inviterId: inviter.id });
    expect((await accept(token, 'quan-ly-moi')).statusCode).toBe(404);
    expect(await t.services.userRepository.findByUsername('quan-ly-moi')).toBeUndefined();
  });

  it('refuses a link whose inviter was deactivated outside the application (not yet revoked)', async () => {
    const adminSession = await signIn(admin.username, admin.password);
    const laiChau = (await t.services.orgRepository.findUnitByCode('LDLD-12'))!;
    // A second administrator invites, then is switched off straight in the database.
    const second = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: adminSession,
      payload: {
        username: 'quantri-2',
        displayName: 'Quản trị 2',
        password: 'mat-khau-quan-tri-2',
        role: 'admin',
        homeUnitId: (await t.services.orgRepository.findUnitByCode('TLD'))!.id,
      },
    });
    expect(second.statusCode).toBe(201);
    const token = await invite(await signIn('quantri-2', 'mat-khau-quan-tri-2'), 'manager', laiChau.id);
    await testDb.database.query(`UPDATE users SET active = FALSE WHERE username = 'quantri-2'`);
    expect((await t.app.inject({ method: 'GET', url: `/api/invitations/${token}` })).statusCode).toBe(404);
    expect((await accept(token, 'qua-nguoi-da-khoa')).statusCode).toBe(404);
    expect(await t.services.userRepository.findByUsername('qua-nguoi-da-khoa')).toBeUndefined();
    const shown = await listed(adminSession);
    expect(
      shown.find((i) => i.state === 'revoked' && i.role === 'manager' && i.homeUnitId === laiChau.id),
    ).toBeDefined();
  });
});
