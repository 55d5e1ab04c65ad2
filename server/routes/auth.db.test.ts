import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCOUNT_POLICY,
  ADDRESS_POLICY,
  FORGET_THROTTLE_MS,
  lockLadder,
} from '../../domain/login-throttle.ts';
import { hashPassword } from '../services/password.ts';
import { createTestApp, seedSmallOrg, TEST_PASSWORD, type TestApp } from '../test/fixtures.ts';
import { openTestDatabase, type TestDatabase, testEngines } from '../test/test-database.ts';

/**
 * Sign-in under attack and the password's life: the attacks of issue 18 (a parallel spray, an
 * office address, a forged X-Forwarded-For, a fellow manager) kept as tests.
 */
describe.each(testEngines())('sign-in limits and passwords on %s', (engine) => {
  let testDb: TestDatabase;
  let t: TestApp;
  let app: FastifyInstance;
  let org: Awaited<ReturnType<typeof seedSmallOrg>>;
  let passwordHash: string;
  // Stopped while a test needs a lock to outlast slow password checks, moved on to end a lock.
  let frozenAt: Date | null = null;

  beforeAll(async () => {
    testDb = await openTestDatabase(engine);
    t = await createTestApp(testDb.database, undefined, () => frozenAt ?? new Date());
    app = t.app;
    org = await seedSmallOrg(t.services);
    passwordHash = await hashPassword(TEST_PASSWORD);
  });
  afterEach(() => {
    frozenAt = null;
  });
  afterAll(async () => {
    await app.close();
    await testDb.dispose();
  });

  let serial = 0;
  const addUser = async (
    role: 'viewer' | 'officer' | 'manager' = 'viewer',
    homeUnitId = org.provinceA.id,
  ) => {
    const username = `u${++serial}-${role}`;
    const user = await t.services.userRepository.insert({
      username,
      displayName: username,
      passwordHash,
      role,
      homeUnitId,
    });
    return { ...user, username };
  };
  const login = (username: string, password: string, remoteAddress: string, cookie?: string) =>
    app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress,
      payload: { username, password },
      ...(cookie ? { headers: { cookie } } : {}),
    });
  const cookieOf = (response: LightMyRequestResponse, name: string) => {
    const found = response.cookies.find((c) => c.name === name);
    return found ? `${name}=${found.value}` : '';
  };
  const sessionHeaders = (response: LightMyRequestResponse) => ({
    cookie: cookieOf(response, 'tiendo_session'),
    'x-csrf-token': (response.json() as { csrfToken: string }).csrfToken,
  });
  const countAudit = async (action: string, objectId: number) => {
    const [row] = await testDb.database.prepared<{ n: number }>(
      'SELECT count(*)::int AS n FROM audit_log WHERE action = $1 AND object_id = $2',
      [action, String(objectId)],
    );
    return row!.n;
  };
  const statuses = (responses: LightMyRequestResponse[]) => {
    const counts: Record<number, number> = {};
    for (const r of responses) counts[r.statusCode] = (counts[r.statusCode] ?? 0) + 1;
    return counts;
  };

  it('checks exactly five of 60 parallel wrong guesses and refuses the right password after them', async () => {
    frozenAt = new Date();
    const victim = await addUser();
    const spray = await Promise.all(
      Array.from({ length: 60 }, (_, i) => login(victim.username, `sai-mat-khau-${i}`, '203.0.113.10')),
    );
    expect(statuses(spray)).toEqual({
      401: ACCOUNT_POLICY.maxAttempts,
      429: 60 - ACCOUNT_POLICY.maxAttempts,
    });
    // Every attempt counted, only the admitted ones checked (one audit row per checked guess).
    expect((await t.services.sessions.attempts('address:203.0.113.10'))?.failures).toBe(60);
    expect((await t.services.sessions.attempts(`account:${victim.username}`))?.failures).toBe(60);
    expect(await countAudit('auth.login_failed', victim.id)).toBe(ACCOUNT_POLICY.maxAttempts);
    const refused = spray.find((r) => r.statusCode === 429)!;
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.json().error.code).toBe('too_many_attempts');

    const right = await login(victim.username, TEST_PASSWORD, '203.0.113.10');
    expect(right.statusCode).toBe(429);
    // From another address too: the lock is the account's.
    expect((await login(victim.username, TEST_PASSWORD, '198.51.100.20')).statusCode).toBe(429);
    // The lock ends: the right password is never shut out for good.
    frozenAt = new Date(frozenAt!.getTime() + lockLadder(ACCOUNT_POLICY)[0]! + 1000);
    expect((await login(victim.username, TEST_PASSWORD, '203.0.113.10')).statusCode).toBe(200);
  });

  it('locks longer each time in a row, and a success starts again', async () => {
    frozenAt = new Date();
    const victim = await addUser();
    const waits: number[] = [];
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < ACCOUNT_POLICY.maxAttempts; i++)
        expect((await login(victim.username, `sai-${round}-${i}-x`, '203.0.113.16')).statusCode).toBe(401);
      const refused = await login(victim.username, TEST_PASSWORD, '203.0.113.16');
      expect(refused.statusCode).toBe(429);
      waits.push(Number(refused.headers['retry-after']));
      frozenAt = new Date(frozenAt.getTime() + waits.at(-1)! * 1000);
    }
    expect(waits).toEqual(
      lockLadder(ACCOUNT_POLICY)
        .slice(0, 3)
        .map((ms) => ms / 1000),
    );
    expect((await login(victim.username, TEST_PASSWORD, '203.0.113.16')).statusCode).toBe(200);
    expect(await t.services.sessions.attempts(`account:${victim.username}`)).toBeUndefined();
  });

  it('lets at most five of 61 parallel attempts be checked when the right one is among them', async () => {
    const victim = await addUser();
    const attempts = await Promise.all(
      Array.from({ length: 61 }, (_, i) =>
        login(victim.username, i === 30 ? TEST_PASSWORD : `sai-${i}-mat-khau`, '203.0.113.11'),
      ),
    );
    const counts = statuses(attempts);
    expect((counts[401] ?? 0) + (counts[200] ?? 0)).toBe(ACCOUNT_POLICY.maxAttempts);
    expect(counts[429]).toBe(61 - ACCOUNT_POLICY.maxAttempts);
  });

  it('locks an account without locking its colleagues behind the same address', async () => {
    const victim = await addUser();
    const colleague = await addUser('manager');
    for (let i = 0; i <= ACCOUNT_POLICY.maxAttempts; i++)
      await login(victim.username, `sai-mat-khau-${i}`, '203.0.113.12');
    expect((await login(victim.username, TEST_PASSWORD, '203.0.113.12')).statusCode).toBe(429);
    expect((await login(colleague.username, TEST_PASSWORD, '203.0.113.12')).statusCode).toBe(200);
    expect((await login('admin', TEST_PASSWORD, '203.0.113.12')).statusCode).toBe(200);
  });

  it('limits one address across accounts, higher than one account, and only that address', async () => {
    frozenAt = new Date();
    const address = '203.0.113.13';
    const spray = await Promise.all(
      Array.from({ length: ADDRESS_POLICY.maxAttempts + 10 }, (_, i) =>
        login(`khong-co-${i}`, 'sai-mat-khau-1', address),
      ),
    );
    expect(statuses(spray)).toEqual({ 401: ADDRESS_POLICY.maxAttempts, 429: 10 });
    const someone = await addUser();
    expect((await login(someone.username, TEST_PASSWORD, address)).statusCode).toBe(429);
    expect((await login(someone.username, TEST_PASSWORD, '203.0.113.14')).statusCode).toBe(200);
  }, 300_000); // a hundred password checks on a shared machine

  it('gives a shared address its attempt back on each success', async () => {
    const address = '203.0.113.15';
    const someone = await addUser();
    for (let i = 0; i < 3; i++)
      expect((await login(someone.username, TEST_PASSWORD, address)).statusCode).toBe(200);
    await login(someone.username, 'sai-mat-khau-1', address);
    expect((await t.services.sessions.attempts(`address:${address}`))?.failures).toBe(1);
  });

  it('lets the owner in from a known device while strangers have locked the account', async () => {
    const owner = await addUser();
    const first = await login(owner.username, TEST_PASSWORD, '192.0.2.1');
    expect(first.statusCode).toBe(200);
    const device = cookieOf(first, 'tiendo_device');
    expect(device).not.toBe('');
    // Strangers lock the account (and the owner's office address) out.
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => login(owner.username, `doan-${i}-sai`, '192.0.2.1')),
    );
    expect((await login(owner.username, TEST_PASSWORD, '192.0.2.1')).statusCode).toBe(429);
    // The owner's browser still signs in, from the same address.
    expect((await login(owner.username, TEST_PASSWORD, '192.0.2.1', device)).statusCode).toBe(200);
    // A made-up or altered device cookie is a stranger's.
    const forged = `${device.slice(0, -3)}${device.endsWith('AAA') ? 'BBB' : 'AAA'}`;
    expect((await login(owner.username, TEST_PASSWORD, '192.0.2.1', forged)).statusCode).toBe(429);
    // Another account's device cookie is a stranger's too.
    const other = await addUser();
    const otherDevice = cookieOf(await login(other.username, TEST_PASSWORD, '192.0.2.2'), 'tiendo_device');
    expect((await login(owner.username, TEST_PASSWORD, '192.0.2.1', otherDevice)).statusCode).toBe(429);
    // A stolen device cookie buys five guesses, then its own lock.
    const guesses = await Promise.all(
      Array.from({ length: 10 }, (_, i) => login(owner.username, `doan-${i}-sai`, '192.0.2.9', device)),
    );
    expect(statuses(guesses)).toEqual({ 401: 5, 429: 5 });
    expect((await login(owner.username, TEST_PASSWORD, '192.0.2.9', device)).statusCode).toBe(429);
  });

  it('takes the address from the configured proxy hop, not from a forged X-Forwarded-For', async () => {
    const proxied = await createTestApp(testDb.database, { trustProxy: true, trustProxyHops: 1 });
    try {
      const victim = await addUser();
      const responses = [];
      for (let i = 0; i < ACCOUNT_POLICY.maxAttempts + 3; i++) {
        responses.push(
          await proxied.app.inject({
            method: 'POST',
            url: '/api/auth/login',
            remoteAddress: '10.0.0.2', // the proxy
            // The client writes any address it likes; the proxy appends the one it saw.
            headers: { 'x-forwarded-for': `100.64.${i}.1, 198.51.100.77` },
            payload: { username: i % 2 ? victim.username : `xff-${i}`, password: 'sai-mat-khau-1' },
          }),
        );
      }
      const [row] = await testDb.database.prepared<{ ips: string[] }>(
        `SELECT array_agg(DISTINCT ip) AS ips FROM audit_log WHERE action = 'auth.login_failed'
            AND after->>'username' IN ($1, 'xff-0', 'xff-2')`,
        [victim.username],
      );
      expect(row!.ips).toEqual(['198.51.100.77']);
      const address = await t.services.sessions.attempts('address:198.51.100.77');
      expect(address?.failures).toBe(ACCOUNT_POLICY.maxAttempts + 3);
      expect(await t.services.sessions.attempts('address:100.64.0.1')).toBeUndefined();
      // Without TRUST_PROXY the header is ignored altogether.
      await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '192.0.2.55',
        headers: { 'x-forwarded-for': '100.64.9.9' },
        payload: { username: 'khong-co-ai', password: 'sai-mat-khau-1' },
      });
      expect((await t.services.sessions.attempts('address:192.0.2.55'))?.failures).toBe(1);
      expect(await t.services.sessions.attempts('address:100.64.9.9')).toBeUndefined();
    } finally {
      await proxied.app.close();
    }
  });

  it('changes one’s own password, checked and audited, and ends the other sessions', async () => {
    const user = await addUser('officer');
    const here = sessionHeaders(await login(user.username, TEST_PASSWORD, '192.0.2.30'));
    const elsewhere = sessionHeaders(await login(user.username, TEST_PASSWORD, '192.0.2.31'));
    const change = (body: object, headers = here) =>
      app.inject({ method: 'POST', url: '/api/auth/password', headers, payload: body });

    const wrong = await change({ currentPassword: 'khong-dung-1', newPassword: 'mat-khau-moi-2026' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatchObject({ code: 'current_password_wrong', field: 'currentPassword' });
    const weak = await change({ currentPassword: TEST_PASSWORD, newPassword: 'ngan1' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.field).toBe('newPassword');
    const same = await change({ currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD });
    expect(same.json().error).toMatchObject({ code: 'password_unchanged', field: 'newPassword' });
    const noCsrf = await app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie: here.cookie },
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'mat-khau-moi-2026' },
    });
    expect(noCsrf.statusCode).toBe(403);

    const ok = await change({ currentPassword: TEST_PASSWORD, newPassword: 'mat-khau-moi-2026' });
    expect(ok.statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: here })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: elsewhere })).statusCode).toBe(
      401,
    );
    expect((await login(user.username, TEST_PASSWORD, '192.0.2.32')).statusCode).toBe(401);
    expect((await login(user.username, 'mat-khau-moi-2026', '192.0.2.32')).statusCode).toBe(200);
    expect(await countAudit('user.password_change', user.id)).toBe(1);
    expect(await countAudit('user.password_change_failed', user.id)).toBe(1);
  });

  it('limits guesses of the current password through a signed-in session', async () => {
    const user = await addUser();
    const headers = sessionHeaders(await login(user.username, TEST_PASSWORD, '192.0.2.40'));
    const guesses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        app.inject({
          method: 'POST',
          url: '/api/auth/password',
          headers,
          payload: { currentPassword: `doan-${i}-sai`, newPassword: 'mat-khau-moi-2026' },
        }),
      ),
    );
    expect(statuses(guesses)).toEqual({ 400: 5, 429: 7 });
    expect(guesses.find((g) => g.statusCode === 429)!.json().error.code).toBe('too_many_password_attempts');
  });

  it('sweeps counts whose window is a day old and whose lock is over, and only those', async () => {
    const now = new Date();
    const dayAgo = new Date(now.getTime() - FORGET_THROTTLE_MS - 60_000);
    const ladder = lockLadder(ACCOUNT_POLICY);
    for (let i = 0; i <= ACCOUNT_POLICY.maxAttempts; i++)
      await t.services.sessions.countAttempt('account:sweep-old', dayAgo, ACCOUNT_POLICY, ladder);
    await t.services.sessions.countAttempt('account:sweep-new', now, ACCOUNT_POLICY, ladder);
    expect((await t.services.sessions.attempts('account:sweep-old'))?.lockedUntil).not.toBeNull();
    expect(
      await t.services.sessions.deleteStaleThrottles(new Date(now.getTime() - FORGET_THROTTLE_MS), now),
    ).toBe(1);
    expect(await t.services.sessions.attempts('account:sweep-old')).toBeUndefined();
    expect((await t.services.sessions.attempts('account:sweep-new'))?.failures).toBe(1);
  });

  it('leaves a fellow manager’s account to the level above', async () => {
    const fellow = await addUser('manager');
    const below = await addUser('manager', org.communeA1.id);
    const officer = await addUser('officer');
    const manager = await t.signIn('manager');
    const admin = await t.signIn('admin');
    const reset = async (headers: Record<string, string>, id: number) => {
      const current = await t.services.userRepository.findById(id);
      return app.inject({
        method: 'PATCH',
        url: `/api/users/${id}`,
        headers,
        payload: { password: 'mat-khau-dat-lai-2026', version: current!.version },
      });
    };
    const refused = await reset(manager, fellow.id);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('manager_of_same_level');
    // Nor deactivated: the same rule covers every change to the account.
    const deactivate = await app.inject({
      method: 'PATCH',
      url: `/api/users/${fellow.id}`,
      headers: manager,
      payload: { active: false, version: fellow.version },
    });
    expect(deactivate.json().error.code).toBe('manager_of_same_level');
    expect((await login(fellow.username, TEST_PASSWORD, '192.0.2.50')).statusCode).toBe(200);

    expect((await reset(manager, below.id)).statusCode).toBe(200);
    expect((await reset(manager, officer.id)).statusCode).toBe(200);
    expect((await reset(admin, fellow.id)).statusCode).toBe(200);
    expect((await login(fellow.username, 'mat-khau-dat-lai-2026', '192.0.2.50')).statusCode).toBe(200);
  });
});
