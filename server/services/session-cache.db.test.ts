import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInVietnam } from '../../domain/dates.ts';
import { seedSmallOrg, TEST_PASSWORD } from '../test/fixtures.ts';
import { openTestDatabase, type TestDatabase, testEngines } from '../test/test-database.ts';
import { SYSTEM_ACTOR } from './actor.ts';
import { createServices, type Services } from './services.ts';

const until = async (check: () => Promise<boolean>, what: string) => {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`not within 2 s: ${what}`);
};

/**
 * Sessions served from memory (`SessionCache`) while the server listens on `tiendo_auth`: a
 * change made by this server counts at once, a change made anywhere else (another server, the
 * CLI, SQL by hand) as soon as the database's message arrives, and nothing is served while the
 * server cannot hear of changes.
 */
describe.each(testEngines())('sessions served from memory on %s', (engine) => {
  let testDb: TestDatabase;
  let services: Services;
  let users: Record<string, number>;
  let provinceA: { id: number; version: number };
  let stop: () => Promise<void>;

  beforeAll(async () => {
    testDb = await openTestDatabase(engine);
    services = createServices(testDb.database, { sessionTtlHours: 1 });
    ({ users, provinceA } = await seedSmallOrg(services));
    stop = await services.auth.startSessionCache();
  });

  afterAll(async () => {
    await stop?.();
    await testDb?.dispose();
  });

  const signIn = (username: string) => services.auth.login(username, TEST_PASSWORD, '127.0.0.1', null);
  const check = (token: string) => services.auth.authenticate(token, '127.0.0.1');
  const hits = () => services.sessionCache.stats().hits;

  it('reads a session once, then serves it from memory', async () => {
    const { token } = await signIn('viewer');
    const first = await check(token);
    const before = hits();
    const again = await check(token);
    expect(hits()).toBe(before + 1);
    expect(again).toEqual(first);
    expect(again?.user).toMatchObject({
      username: 'viewer',
      homeUnitName: 'Liên đoàn Lao động tỉnh Thái Bình',
    });
  });

  it('ends a signed-out session at once on this server', async () => {
    const { token } = await signIn('officer');
    const auth = (await check(token))!;
    expect(await check(token)).not.toBeNull();
    await services.auth.logout(auth);
    expect(await check(token)).toBeNull();
  });

  it("ends a deactivated user's sessions at once, and serves a changed role at once", async () => {
    const { token } = await signIn('chair');
    expect((await check(token))?.user.role).toBe('officer');
    const chair = await services.users.get(users.chair!);
    const promoted = await services.users.update(SYSTEM_ACTOR, chair.id, {
      role: 'manager',
      version: chair.version,
    });
    expect((await check(token))?.user.role).toBe('manager');
    await services.users.update(SYSTEM_ACTOR, chair.id, { active: false, version: promoted.version });
    expect(await check(token)).toBeNull();
    await services.users.update(SYSTEM_ACTOR, chair.id, { active: true, version: promoted.version + 1 });
  });

  it('hears of changes made elsewhere: a session deleted and a user deactivated by SQL', async () => {
    const viewer = await signIn('viewer');
    const manager = await signIn('manager');
    expect(await check(viewer.token)).not.toBeNull();
    expect(await check(manager.token)).not.toBeNull();
    // As another server or an administrator in psql would, bypassing this server's services.
    await testDb.database.query(`DELETE FROM sessions WHERE user_id = $1`, [users.viewer]);
    await until(async () => (await check(viewer.token)) === null, 'deleted session refused');
    expect(await check(manager.token)).not.toBeNull();
    await testDb.database.query(`UPDATE users SET active = false WHERE id = $1`, [users.manager]);
    await until(async () => (await check(manager.token)) === null, 'deactivated user refused');
    await testDb.database.query(`UPDATE users SET active = true WHERE id = $1`, [users.manager]);
  });

  it("shows a renamed unit's new name in the signed-in user's session", async () => {
    const { token } = await signIn('admin');
    const officer = await signIn('officer');
    expect((await check(officer.token))?.user.homeUnitName).toBe('Liên đoàn Lao động tỉnh Thái Bình');
    await services.orgChange.rename(SYSTEM_ACTOR, provinceA.id, {
      name: 'Liên đoàn Lao động tỉnh Hưng Yên',
      effectiveDate: todayInVietnam(new Date()),
      version: provinceA.version,
    });
    await until(
      async () => (await check(officer.token))?.user.homeUnitName === 'Liên đoàn Lao động tỉnh Hưng Yên',
      'new unit name',
    );
    expect(await check(token)).not.toBeNull();
  });

  it.runIf(engine === 'postgres')(
    'serves nothing from memory while it cannot hear of changes, and again once it listens again',
    async () => {
      const { token } = await signIn('officer');
      await check(token);
      expect(services.sessionCache.stats().listening).toBe(true);
      // The listening connection is lost (a restart, a network fault).
      await testDb.database.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = current_database() AND query ILIKE 'LISTEN%'`,
      );
      await until(async () => !services.sessionCache.stats().listening, 'listening lost');
      const before = hits();
      expect(await check(token)).not.toBeNull();
      expect(await check(token)).not.toBeNull();
      expect(hits()).toBe(before);
      // Listened again within seconds, and serving from memory again.
      await until(async () => services.sessionCache.stats().listening, 'listening again');
      await check(token);
      await check(token);
      expect(hits()).toBe(before + 1);
    },
  );
});
