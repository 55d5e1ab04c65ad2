import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase, testEngines } from '../test/test-database.ts';
import { type Actor, SYSTEM_ACTOR } from './actor.ts';
import { createServices, type Services } from './services.ts';

/**
 * The access rule, now read by one SQL statement (`OrgRepository.unitAccess`, and the same common
 * table expressions inside the report statements): the home unit and what lies below it today; a
 * closed unit as of its last day, or through the units that succeeded it.
 */
describe.each(testEngines())('access to units on %s', (engine) => {
  let testDb: TestDatabase;
  let services: Services;
  const ids: Record<string, number> = {};
  const manager = (home: string): Actor => ({
    userId: null,
    role: 'manager',
    homeUnitId: ids[home]!,
    ip: null,
  });

  beforeAll(async () => {
    testDb = await openTestDatabase(engine);
    services = createServices(testDb.database, { sessionTtlHours: 1 });
    const create = async (
      code: string,
      type: 'province' | 'commune' | 'grassroots',
      parent: string | null,
    ) => {
      const unit = await services.orgChange.create(SYSTEM_ACTOR, {
        code,
        name: `Công đoàn ${code}`,
        type,
        parentId: parent === null ? null : ids[parent]!,
        effectiveDate: '2015-01-01',
      });
      ids[code] = unit.id;
      return unit;
    };
    await create('P', 'province', null);
    await create('A', 'commune', 'P');
    await create('B', 'commune', 'P');
    await create('G1', 'grassroots', 'A');
    const moved = await create('G2', 'grassroots', 'A');
    const closed = await create('G3', 'grassroots', 'A');
    await create('G4', 'grassroots', 'A');
    await create('G5', 'grassroots', 'B');
    // G2 went from A to B in 2024; G3 closed in 2024 while under A; G4 (A) and G5 (B) merged in
    // 2025 into a new unit under B.
    await services.orgChange.move(SYSTEM_ACTOR, moved.id, {
      parentId: ids.B!,
      effectiveDate: '2024-01-01',
      version: moved.version,
    });
    await services.orgChange.close(SYSTEM_ACTOR, closed.id, {
      effectiveDate: '2024-07-01',
      version: closed.version,
    });
    const merged = await services.orgChange.merge(SYSTEM_ACTOR, {
      sourceIds: [ids.G4!, ids.G5!],
      into: { code: 'G45', name: 'Công đoàn G45', shortName: null, type: 'grassroots', parentId: ids.B! },
      effectiveDate: '2025-01-01',
      moveChildren: true,
    });
    ids.G45 = merged.id;
  });
  afterAll(() => testDb.dispose());

  const allowed = async (home: string, unit: string) => {
    const actor = manager(home);
    const can = await services.access.canAccessUnit(actor, ids[unit]!);
    const asserted = await services.access.assertUnitAccess(actor, ids[unit]!).then(
      () => true,
      (error: { status?: number }) => {
        expect(error.status).toBe(403);
        return false;
      },
    );
    expect(asserted).toBe(can);
    return can;
  };

  it('lets a unit act on itself and below, never above or beside', async () => {
    expect(await allowed('A', 'A')).toBe(true);
    expect(await allowed('A', 'G1')).toBe(true);
    expect(await allowed('P', 'G1')).toBe(true);
    expect(await allowed('A', 'P')).toBe(false);
    expect(await allowed('A', 'B')).toBe(false);
    expect(await allowed('B', 'G1')).toBe(false);
  });

  it('follows a move: the unit belongs to where it is today', async () => {
    expect(await allowed('B', 'G2')).toBe(true);
    expect(await allowed('A', 'G2')).toBe(false);
    expect(await allowed('P', 'G2')).toBe(true);
  });

  it('gives a closed unit to whoever held it on its last day', async () => {
    expect(await allowed('A', 'G3')).toBe(true);
    expect(await allowed('B', 'G3')).toBe(false);
    expect(await allowed('P', 'G3')).toBe(true);
  });

  it('gives a merged unit also to whoever holds its successor', async () => {
    expect(await allowed('A', 'G4')).toBe(true); // held it on its last day
    expect(await allowed('B', 'G4')).toBe(true); // holds its successor G45
    expect(await allowed('B', 'G5')).toBe(true);
    expect(await allowed('A', 'G5')).toBe(false);
    expect(await allowed('A', 'G45')).toBe(false);
  });

  it('answers 404 for a unit that does not exist, whoever asks', async () => {
    for (const actor of [manager('P'), SYSTEM_ACTOR]) {
      await expect(services.access.assertUnitAccess(actor, 999_999)).rejects.toMatchObject({ status: 404 });
    }
    expect(await services.access.canAccessUnit(manager('P'), 999_999)).toBe(false);
    await expect(services.access.assertUnitAccess(SYSTEM_ACTOR, ids.G3!)).resolves.toBeUndefined();
  });
});
