import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.ts';
import { loadProvinceReference } from '../seed/reference-provinces.ts';
import { openTestDatabase, type TestDatabase, testEngines } from '../test/test-database.ts';
import { SYSTEM_ACTOR } from './actor.ts';
import { createServices, type Services } from './services.ts';

describe.each(testEngines())('organisation with history on %s', (engine) => {
  let testDb: TestDatabase;
  let database: Database;
  let services: Services;
  const actor = SYSTEM_ACTOR;

  beforeAll(async () => {
    testDb = await openTestDatabase(engine);
    database = testDb.database;
    services = createServices(database, { sessionTtlHours: 1 });
    await services.database.transaction(() =>
      loadProvinceReference(services.orgChange, services.orgRepository, actor),
    );
  });
  afterAll(() => testDb.dispose());

  const byCode = async (code: string) => (await services.orgRepository.findUnitByCode(code))!;

  it('shows 34 provinces today and 63 on 30/06/2025 (Resolution 202/2025/QH15)', async () => {
    const national = await byCode('TLD');
    const today = await services.org.tree(actor, '2026-01-01', national.id, 1);
    const before = await services.org.tree(actor, '2025-06-30', national.id, 1);
    expect(today.units.filter((u) => u.type === 'province')).toHaveLength(34);
    expect(before.units.filter((u) => u.type === 'province')).toHaveLength(63);
  });

  it('keeps lineage: Thái Bình and Hưng Yên became the new Hưng Yên on 01/07/2025', async () => {
    const thaiBinh = await byCode('LDLD-34');
    const detail = await services.org.detail(actor, thaiBinh.id);
    expect(detail.validTo).toBe('2025-06-30');
    expect(detail.successors).toHaveLength(1);
    const successor = await services.org.detail(actor, detail.successors[0]!.unitId);
    expect(successor.name).toBe('Liên đoàn Lao động tỉnh Hưng Yên');
    expect(successor.predecessors.map((p) => p.name).sort()).toEqual([
      'Liên đoàn Lao động tỉnh Hưng Yên',
      'Liên đoàn Lao động tỉnh Thái Bình',
    ]);
    expect(successor.validFrom).toBe('2025-07-01');
  });

  it('renames, moves and closes with effective dates, keeping the past true', async () => {
    const laiChau = await byCode('LDLD-12');
    const a = await services.orgChange.create(actor, {
      code: 'T-1',
      name: 'Công đoàn ngành Giáo dục',
      type: 'sector',
      parentId: laiChau.id,
      effectiveDate: '2020-01-01',
    });
    const renamed = await services.orgChange.rename(actor, a.id, {
      name: 'Công đoàn Giáo dục tỉnh',
      effectiveDate: '2023-01-01',
      version: a.version,
    });
    expect(renamed.names.map((n) => [n.name, n.validFrom, n.validTo])).toEqual([
      ['Công đoàn ngành Giáo dục', '2020-01-01', '2022-12-31'],
      ['Công đoàn Giáo dục tỉnh', '2023-01-01', null],
    ]);
    expect((await services.org.detail(actor, a.id, '2022-06-01')).name).toBe('Công đoàn ngành Giáo dục');

    const child = await services.orgChange.create(actor, {
      code: 'T-1-1',
      name: 'CĐCS Trường THPT Lai Châu',
      type: 'grassroots',
      parentId: a.id,
      effectiveDate: '2021-01-01',
    });
    const commune = await services.orgChange.create(actor, {
      code: 'T-X',
      name: 'Công đoàn phường Tân Phong',
      type: 'commune',
      parentId: laiChau.id,
      effectiveDate: '2025-07-01',
    });
    await services.orgChange.move(actor, child.id, {
      parentId: commune.id,
      effectiveDate: '2025-07-01',
      version: child.version,
    });
    expect((await services.org.detail(actor, child.id, '2025-06-30')).ancestors.map((x) => x.code)).toEqual([
      'TLD',
      'LDLD-12',
      'T-1',
    ]);
    expect((await services.org.detail(actor, child.id, '2025-07-01')).ancestors.map((x) => x.code)).toEqual([
      'TLD',
      'LDLD-12',
      'T-X',
    ]);
    const current = await services.orgRepository.findUnit(a.id);
    const closed = await services.orgChange.close(actor, a.id, {
      effectiveDate: '2025-07-01',
      version: current!.version,
    });
    expect(closed.validTo).toBe('2025-06-30');
    const tree = await services.org.tree(actor, '2025-07-01', laiChau.id);
    expect(tree.units.map((u) => u.code)).not.toContain('T-1');
    expect((await services.org.tree(actor, '2024-01-01', laiChau.id)).units.map((u) => u.code)).toContain(
      'T-1',
    );
  });

  it('refuses a stale version with 409 and changes nothing', async () => {
    const unit = await services.orgChange.create(actor, {
      code: 'V-1',
      name: 'Đơn vị A',
      type: 'commune',
      parentId: (await byCode('LDLD-12')).id,
      effectiveDate: '2025-07-01',
    });
    await services.orgChange.rename(actor, unit.id, {
      name: 'Đơn vị B',
      effectiveDate: '2025-08-01',
      version: unit.version,
    });
    await expect(
      services.orgChange.rename(actor, unit.id, {
        name: 'Đơn vị C',
        effectiveDate: '2025-09-01',
        version: unit.version,
      }),
    ).rejects.toMatchObject({ status: 409 });
    expect((await services.org.detail(actor, unit.id)).names.map((n) => n.name)).toEqual([
      'Đơn vị A',
      'Đơn vị B',
    ]);
  });

  it('splits one unit into two with lineage, its units going to the first successor', async () => {
    const laiChau = await byCode('LDLD-12');
    const source = await services.orgChange.create(actor, {
      code: 'S-0',
      name: 'Công đoàn xã Bình Lư',
      type: 'commune',
      parentId: laiChau.id,
      effectiveDate: '2025-07-01',
    });
    const member = await services.orgChange.create(actor, {
      code: 'S-0-1',
      name: 'CĐCS Trường Mầm non Bình Lư',
      type: 'grassroots',
      parentId: source.id,
      effectiveDate: '2025-07-01',
    });
    const successors = await services.orgChange.split(actor, source.id, {
      effectiveDate: '2026-01-01',
      version: source.version,
      successors: [
        { code: 'S-1', name: 'Công đoàn xã Bình Lư 1', type: 'commune', parentId: laiChau.id },
        { code: 'S-2', name: 'Công đoàn xã Bình Lư 2', type: 'commune', parentId: laiChau.id },
      ],
    });
    expect(successors.map((s) => s.predecessors[0]?.code)).toEqual(['S-0', 'S-0']);
    expect((await services.org.detail(actor, member.id, '2026-01-01')).ancestors.at(-1)?.code).toBe('S-1');
    expect((await services.org.detail(actor, source.id)).successors.map((s) => s.code)).toEqual([
      'S-1',
      'S-2',
    ]);
  });

  it('finds units without diacritics', async () => {
    const found = await services.org.search(actor, 'thai binh', '2025-01-01', 10);
    expect(found.map((u) => u.code)).toContain('LDLD-34');
    expect(await services.org.search(actor, "x' OR 1=1 --%_", undefined, 10)).toEqual([]);
  });

  it('writes an audit record for every change', async () => {
    const entries = await services.audit.list({ objectType: 'org_unit', limit: 500 });
    const actions = new Set(entries.map((e) => e.action));
    for (const action of ['org.create', 'org.rename', 'org.move', 'org.close', 'org.merge', 'org.split']) {
      expect(actions).toContain(action);
    }
    const rename = entries.find((e) => e.action === 'org.rename')!;
    expect(rename.before).toBeTruthy();
    expect(rename.after).toMatchObject({ name: expect.any(String) });
  });
});
