import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TREE_DEPTH_LIMIT } from '../../domain/access/unit-access.ts';
import type { Database } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { translate } from '../i18n/messages.ts';
import { createTestApp, seedSmallOrg, type TestApp } from '../test/fixtures.ts';
import { openTestDatabase, type TestDatabase, testEngines } from '../test/test-database.ts';
import { type Actor, SYSTEM_ACTOR } from './actor.ts';
import type { Services } from './services.ts';

/**
 * The organisation tree cannot be made cyclic (issue 18): by a merge into a descendant, by two
 * back-dated moves that each look fine on their own date, by a split or by an import; and a cycle
 * stored anyway (by hand, or before the rule) neither hangs a query nor resists the repair.
 */
describe.each(testEngines())('organisation cycles on %s', (engine) => {
  let testDb: TestDatabase;
  let database: Database;
  let app: TestApp;
  let services: Services;
  let org: Awaited<ReturnType<typeof seedSmallOrg>>;
  const admin = SYSTEM_ACTOR;

  beforeAll(async () => {
    testDb = await openTestDatabase(engine);
    database = testDb.database;
    app = await createTestApp(database);
    services = app.services;
    org = await seedSmallOrg(services);
  });
  afterAll(async () => {
    await app.app.close();
    await testDb.dispose();
  });

  const create = (code: string, name: string, parentId: number, effectiveDate = '2020-01-01') =>
    services.orgChange.create(admin, {
      code,
      name,
      shortName: null,
      type: 'commune',
      parentId,
      effectiveDate,
    });
  const version = async (id: number) => (await services.orgRepository.findUnit(id))!.version;
  const codesUp = async (id: number, date: string) =>
    (await services.org.detail(admin, id, date)).ancestors.map((a) => a.code);
  const refusal = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    return { ...appError, message: translate(appError.key, 'vi', appError.params) };
  };

  it('refuses a province manager merging the province into its own commune (409, both named)', async () => {
    const headers = await app.signIn('manager');
    const response = await app.app.inject({
      method: 'POST',
      url: '/api/org/merge',
      headers,
      payload: {
        sourceIds: [org.provinceA.id, org.communeA1.id],
        intoId: org.communeA1.id,
        effectiveDate: '2026-01-01',
        moveChildren: true,
      },
    });
    expect(response.statusCode).toBe(409);
    const { error } = response.json() as { error: { code: string; message: string; field: string } };
    expect(error.code).toBe('org_merge_into_descendant');
    expect(error.field).toBe('intoId');
    expect(error.message).toContain('Không thể sáp nhập "Liên đoàn Lao động tỉnh Thái Bình"');
    expect(error.message).toContain('vào "Công đoàn phường Kỳ Bá"');
    expect(error.message).toContain('01/01/2026');
    // Nothing changed: the province still stands, its commune under it, the national tree whole.
    expect((await services.orgRepository.findUnit(org.provinceA.id))!.validTo).toBeNull();
    expect(await codesUp(org.grassrootsA1a.id, '2026-06-01')).toEqual(['N', 'A', 'A1']);
    const tree = await services.org.tree(admin, '2026-06-01', org.national.id);
    expect(tree.units.map((u) => u.code).sort()).toEqual(['A', 'A1', 'A1a', 'B', 'N']);
  });

  it('refuses a merge into a new unit placed below one of the sources', async () => {
    const x = await create('MX', 'Công đoàn xã Mường Xe', org.provinceB.id);
    const y = await create('MY', 'Công đoàn xã Mường Tè', org.provinceB.id);
    const inner = await create('MX1', 'Công đoàn cụm Mường Xe', x.id);
    const { status, key, field, message } = await refusal(
      services.orgChange.merge(admin, {
        sourceIds: [x.id, y.id],
        into: { code: 'MZ', name: 'Công đoàn xã Mường Tè mới', type: 'commune', parentId: inner.id },
        effectiveDate: '2026-01-01',
        moveChildren: true,
      }),
    );
    expect([status, key, field]).toEqual([409, 'org_merge_into_descendant', 'into.parentId']);
    expect(message).toContain('Công đoàn cụm Mường Xe → Công đoàn xã Mường Xe');
    expect(await services.orgRepository.findUnitByCode('MZ')).toBeUndefined();
  });

  it('refuses the second of two back-dated moves that would close a cycle on a later date', async () => {
    const x = await create('BX', 'Công đoàn xã Bản Xèo', org.provinceB.id);
    const y = await create('BY', 'Công đoàn xã Bản Yên', org.provinceB.id);
    // X under Y from 2026: sound.
    await services.orgChange.move(admin, x.id, {
      parentId: y.id,
      effectiveDate: '2026-01-01',
      version: await version(x.id),
    });
    // Y under X from 2025: on 01/01/2025 X is not below Y — but from 2026 it is, and Y's new link
    // would hold on: Y → X → Y.
    const { status, key, field, message } = await refusal(
      services.orgChange.move(admin, y.id, {
        parentId: x.id,
        effectiveDate: '2025-01-01',
        version: await version(y.id),
      }),
    );
    expect([status, key, field]).toEqual([409, 'org_cycle', 'parentId']);
    expect(message).toBe(
      'Không thể đặt "Công đoàn xã Bản Yên" trực thuộc "Công đoàn xã Bản Xèo": từ ngày 01/01/2026, "Công đoàn xã Bản Xèo" là chính đơn vị này hoặc đơn vị cấp dưới của nó (chuỗi trực thuộc: Công đoàn xã Bản Xèo → Công đoàn xã Bản Yên), cơ cấu tổ chức sẽ thành vòng lặp.',
    );
    expect(await codesUp(y.id, '2026-06-01')).toEqual(['N', 'B']);
    // Once X leaves Y (2027), Y may go under X from then on: the check covers the link's own span.
    await services.orgChange.move(admin, x.id, {
      parentId: org.provinceB.id,
      effectiveDate: '2027-01-01',
      version: await version(x.id),
    });
    expect(await codesUp(x.id, '2026-06-01')).toEqual(['N', 'B', 'BY']);
    expect(await codesUp(x.id, '2027-06-01')).toEqual(['N', 'B']);
    await services.orgChange.move(admin, y.id, {
      parentId: x.id,
      effectiveDate: '2027-01-01',
      version: await version(y.id),
    });
    expect(await codesUp(y.id, '2027-06-01')).toEqual(['N', 'B', 'BX']);
  });

  it('refuses a move under itself and under a unit below it on the very date', async () => {
    const x = await create('SX', 'Công đoàn xã Sin Suối Hồ', org.provinceB.id);
    const child = await create('SX1', 'Công đoàn cơ sở Trường Sin Suối Hồ', x.id);
    for (const parentId of [x.id, child.id]) {
      const { status, key } = await refusal(
        services.orgChange.move(admin, x.id, {
          parentId,
          effectiveDate: '2025-01-01',
          version: await version(x.id),
        }),
      );
      expect([status, key]).toEqual([409, 'org_cycle']);
    }
  });

  it('lets only one of two crossing moves sent at once through', async () => {
    const x = await create('CX', 'Công đoàn xã Chăn Nưa', org.provinceB.id);
    const y = await create('CY', 'Công đoàn xã Chiềng Chăn', org.provinceB.id);
    const [vx, vy] = [await version(x.id), await version(y.id)];
    const results = await Promise.allSettled([
      services.orgChange.move(admin, x.id, { parentId: y.id, effectiveDate: '2026-01-01', version: vx }),
      services.orgChange.move(admin, y.id, { parentId: x.id, effectiveDate: '2026-01-01', version: vy }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(failed.reason).toMatchObject({ status: 409, key: 'org_cycle' });
    expect(await services.org.storedCycles(admin)).toEqual([]);
  });

  it('refuses a split whose successor would sit below the unit split', async () => {
    const source = await create('TS', 'Công đoàn xã Tà Tổng', org.provinceB.id);
    const inner = await create('TS1', 'Công đoàn cụm Tà Tổng', source.id);
    const { status, key, field, message } = await refusal(
      services.orgChange.split(admin, source.id, {
        effectiveDate: '2026-01-01',
        version: await version(source.id),
        successors: [
          {
            code: 'TS-A',
            name: 'Công đoàn xã Tà Tổng A',
            type: 'commune',
            parentId: inner.id,
            shortName: null,
          },
          {
            code: 'TS-B',
            name: 'Công đoàn xã Tà Tổng B',
            type: 'commune',
            parentId: org.provinceB.id,
            shortName: null,
          },
        ],
      }),
    );
    expect([status, key, field]).toEqual([409, 'org_split_under_source', 'successors.0.parentId']);
    expect(message).toContain('"Công đoàn xã Tà Tổng A"');
    expect(await services.orgRepository.findUnitByCode('TS-A')).toBeUndefined();
    expect((await services.orgRepository.findUnit(source.id))!.validTo).toBeNull();
  });

  it('refuses an import that puts a unit under its own grassroots union, naming the row', async () => {
    const manager: Actor = {
      userId: org.users.manager!,
      role: 'manager',
      homeUnitId: org.provinceA.id,
      ip: null,
    };
    const csv = [
      'code,name,type,parent_code,valid_from,valid_to',
      'A1-new,Công đoàn phường Trần Lãm,commune,A,2026-01-01,',
      'A1,Công đoàn phường Kỳ Bá,commune,A1a,2026-02-01,',
    ].join('\n');
    const result = await services.orgExchange.import(manager, Buffer.from(csv));
    expect(result.applied).toBe(false);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ row: 3, field: 'parent_code' });
    expect(result.errors[0]!.message).toContain(
      'Không thể đặt "Công đoàn phường Kỳ Bá" trực thuộc "Công đoàn cơ sở Trường Tiểu học Kỳ Bá"',
    );
    // All or nothing: the first row was rolled back too.
    expect(await services.orgRepository.findUnitByCode('A1-new')).toBeUndefined();
    expect(await codesUp(org.grassrootsA1a.id, '2026-06-01')).toEqual(['N', 'A', 'A1']);
  });

  it('ends every tree query over cycles stored by hand, reports them, and lets the administrator repair them', async () => {
    const k1 = await create('K1', 'Công đoàn xã Khun Há', org.provinceB.id);
    const k2 = await create('K2', 'Công đoàn cụm Khun Há', k1.id);
    const k3 = await create('K3', 'Công đoàn cơ sở Trường Khun Há', k2.id);
    const k4 = await create('K4', 'Công đoàn cụm Nậm Tăm', k1.id);
    const k5 = await create('K5', 'Công đoàn cơ sở Trường Nậm Tăm', k4.id);
    // By hand, as before the rule, from 2025: K1 under K2 (K1 → K2 → K1), K3 under itself, and a
    // second parent span for K4 (under K5 as well as K1: K4 → K5 → K4, a cycle below K1).
    await database.query(
      `UPDATE org_unit_parents SET valid_to = '2024-12-31' WHERE unit_id = ANY($1::int[]) AND valid_to IS NULL`,
      [[k1.id, k3.id]],
    );
    await database.query(
      `INSERT INTO org_unit_parents (unit_id, parent_id, valid_from)
       VALUES ($1, $2, '2025-01-01'), ($3, $3, '2025-01-01'), ($4, $5, '2025-01-01')`,
      [k1.id, k2.id, k3.id, k4.id, k5.id],
    );
    const started = Date.now();
    // Down from a unit on a cycle: the walk does not come back to it, and the cycle below it
    // (K4 ⇄ K5) stops at the depth bound.
    const tree = await services.org.tree(admin, '2025-06-01', k1.id);
    expect(new Set(tree.units.map((u) => u.code))).toEqual(new Set(['K1', 'K2', 'K4', 'K5']));
    expect(Math.max(...tree.units.map((u) => u.depth))).toBe(TREE_DEPTH_LIMIT);
    expect((await services.org.tree(admin, '2025-06-01', k3.id)).units.map((u) => u.code)).toEqual(['K3']);
    // Up, and the access rule, and a subtree query of another service.
    const upK2 = await services.orgRepository.ancestors(k2.id, '2025-06-01');
    expect(upK2.length).toBe(TREE_DEPTH_LIMIT);
    await services.org.detail(admin, k3.id, '2025-06-01');
    const officer: Actor = { userId: null, role: 'officer', homeUnitId: k4.id, ip: null };
    await expect(services.reviews.reviewQueue(officer)).resolves.toMatchObject({ total: 0 });
    const national = await services.org.tree(admin, '2025-06-01', org.national.id);
    expect(national.units.map((u) => u.code)).not.toContain('K1');
    expect(Date.now() - started).toBeLessThan(15_000);

    const cycles = await services.org.storedCycles(admin);
    expect(cycles.map((c) => [c.units.map((u) => u.code), c.from, c.to])).toEqual([
      [['K1', 'K2', 'K1'], '2025-01-01', null],
      [['K3', 'K3'], '2025-01-01', null],
      [['K4', 'K5', 'K4'], '2025-01-01', null],
    ]);

    // Every start names them in the log (server/main.ts), with the repair.
    const logged: string[] = [];
    expect(await services.org.logStoredCycles((line) => logged.push(line))).toBe(3);
    expect(logged[0]).toBe(
      `Vòng lặp 01/01/2025–nay: Công đoàn xã Khun Há [K1, id ${k1.id}] → Công đoàn cụm Khun Há [K2, id ${k2.id}] → Công đoàn xã Khun Há [K1, id ${k1.id}]`,
    );
    expect(logged[3]).toMatch(/^Có 3 vòng lặp\. Sửa: quản trị viên chuyển/);

    // The repair is the ordinary move, on the cyclic units themselves.
    await services.orgChange.move(admin, k1.id, {
      parentId: org.provinceB.id,
      effectiveDate: '2025-01-01',
      version: await version(k1.id),
    });
    await services.orgChange.move(admin, k3.id, {
      parentId: k2.id,
      effectiveDate: '2025-01-01',
      version: await version(k3.id),
    });
    // Two parent spans on one day (K4) are no cycle a move can write or mend: the check lists it.
    expect((await services.org.storedCycles(admin)).map((c) => c.units.map((u) => u.code))).toEqual([
      ['K4', 'K5', 'K4'],
    ]);
    expect(await codesUp(k3.id, '2025-06-01')).toEqual(['N', 'B', 'K1', 'K2']);
    const repaired = await services.org.tree(admin, '2025-06-01', org.national.id);
    expect(repaired.units.map((u) => u.code)).toEqual(expect.arrayContaining(['K1', 'K2', 'K3']));
  });
});
