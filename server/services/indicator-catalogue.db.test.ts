import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACTIVITY_COUNT,
  createTestApp,
  seedCountSchedule,
  seedSmallOrg,
  type TestApp,
} from '../test/fixtures.ts';
import { openTestDatabase, type TestDatabase, testEngines } from '../test/test-database.ts';
import type { Actor } from './actor.ts';

const RATIO = {
  code: null,
  name: 'Tỷ lệ gia đình công nhân được hỗ trợ',
  kind: 'ratio' as const,
  unit: 'gia đình',
  numeratorLabel: 'Số gia đình được hỗ trợ',
  denominatorLabel: 'Tổng số gia đình khó khăn',
  disaggregation: 'none' as const,
  aggregation: 'sum' as const,
  threshold: 1,
};

describe.each(testEngines())('the indicator catalogue on %s', (engine) => {
  let testDb: TestDatabase;
  let test: TestApp;
  let org: Awaited<ReturnType<typeof seedSmallOrg>>;
  let manager: Actor;
  let usedId: number;

  beforeAll(async () => {
    testDb = await openTestDatabase(engine);
    test = await createTestApp(testDb.database);
    org = await seedSmallOrg(test.services);
    manager = { userId: org.users.manager!, role: 'manager', homeUnitId: org.provinceA.id, ip: null };
    usedId = (
      await seedCountSchedule(test.services, org.provinceA.id, {
        name: 'Báo cáo năm',
        formName: 'Biểu năm',
        frequency: 'annual',
        dueRule: '11-10',
        fromYear: 2025,
        toYear: 2025,
      })
    ).indicatorId;
  });
  afterAll(async () => {
    await test.app.close();
    await testDb.dispose();
  });

  it('makes a code from the name when none is given, and shows a ratio in % whatever was typed', async () => {
    const made = await test.services.indicators.createIndicator(manager, RATIO);
    expect(made).toMatchObject({ code: 'CS-GDCNHT', unit: '%', retiredAt: null });
    const again = await test.services.indicators.createIndicator(manager, { ...RATIO, code: '' });
    expect(again.code).toBe('CS-GDCNHT-2');
    await expect(
      test.services.indicators.createIndicator(manager, { ...RATIO, code: ACTIVITY_COUNT.code }),
    ).rejects.toMatchObject({ status: 409, key: 'duplicate', field: 'code' });
  });

  it('finds indicators by words without diacritics, with what uses each', async () => {
    const { indicators } = await test.services.indicatorCatalogue.catalogue(manager, {
      q: 'so hoat dong',
      retired: 'exclude',
    });
    expect(indicators.map((i) => i.id)).toEqual([usedId]);
    expect(indicators[0]!.use).toEqual({ targets: 0, forms: 1, reports: 0 });
    const byCode = await test.services.indicatorCatalogue.catalogue(manager, {
      q: 'cs-gdcnht-2',
      retired: 'exclude',
    });
    expect(byCode.indicators).toHaveLength(1);
  });

  it('edits under the version read: a newer version is a conflict, every edit audited', async () => {
    const made = await test.services.indicators.createIndicator(manager, {
      ...RATIO,
      name: 'Tỷ lệ nữ cán bộ',
    });
    const edited = await test.services.indicatorCatalogue.update(manager, made.id, {
      ...RATIO,
      name: 'Tỷ lệ nữ cán bộ công đoàn',
      code: null,
      version: made.version,
    });
    expect(edited).toMatchObject({
      name: 'Tỷ lệ nữ cán bộ công đoàn',
      code: made.code,
      version: made.version + 1,
    });
    await expect(
      test.services.indicatorCatalogue.update(manager, made.id, {
        ...RATIO,
        code: null,
        version: made.version,
      }),
    ).rejects.toMatchObject({ status: 409, key: 'conflict_version' });
    // an unused indicator may still change its kind
    const counted = await test.services.indicatorCatalogue.update(manager, made.id, {
      ...ACTIVITY_COUNT,
      code: null,
      name: 'Số nữ cán bộ',
      version: edited.version,
    });
    expect(counted).toMatchObject({ kind: 'count', unit: 'hoạt động', numeratorLabel: null });
    const audit = await test.services.audit.list({
      objectType: 'indicator',
      objectId: String(made.id),
      limit: 50,
    });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['indicator.create', 'indicator.update']),
    );
  });

  it('keeps the kind of an indicator in use; its name may be corrected', async () => {
    const [used] = (
      await test.services.indicatorCatalogue.catalogue(manager, { q: 'so hoat dong', retired: 'exclude' })
    ).indicators;
    await expect(
      test.services.indicatorCatalogue.update(manager, usedId, {
        ...ACTIVITY_COUNT,
        kind: 'sum',
        version: used!.version,
      }),
    ).rejects.toMatchObject({ status: 409, key: 'indicator_in_use' });
    const renamed = await test.services.indicatorCatalogue.update(manager, usedId, {
      ...ACTIVITY_COUNT,
      name: 'Số hoạt động đã tổ chức',
      version: used!.version,
    });
    expect(renamed.name).toBe('Số hoạt động đã tổ chức');
  });

  it('retires an indicator: no longer found nor bound, found among the retired, restored', async () => {
    const made = await test.services.indicators.createIndicator(manager, { ...RATIO, name: 'Tỷ lệ tạm' });
    const retired = await test.services.indicatorCatalogue.setRetired(manager, made.id, true, made.version);
    expect(retired.retiredAt).not.toBeNull();
    const found = (q: 'exclude' | 'only') =>
      test.services.indicatorCatalogue
        .catalogue(manager, { q: 'ty le tam', retired: q })
        .then((c) => c.indicators.map((i) => i.id));
    expect(await found('exclude')).toEqual([]);
    expect(await found('only')).toEqual([made.id]);
    const restored = await test.services.indicatorCatalogue.setRetired(
      manager,
      made.id,
      false,
      retired.version,
    );
    expect(restored.retiredAt).toBeNull();
    expect(await found('exclude')).toEqual([made.id]);
  });

  it('over HTTP: a manager edits and retires, an officer may only look', async () => {
    const managerHeaders = await test.signIn('manager');
    const officerHeaders = await test.signIn('officer');
    const made = await test.services.indicators.createIndicator(manager, {
      ...RATIO,
      name: 'Tỷ lệ qua HTTP',
    });
    const list = await test.app.inject({
      method: 'GET',
      url: '/api/indicators/catalogue?q=qua%20http',
      headers: officerHeaders,
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().indicators).toHaveLength(1);
    const refused = await test.app.inject({
      method: 'POST',
      url: `/api/indicators/${made.id}/retire`,
      headers: officerHeaders,
      payload: { version: made.version },
    });
    expect(refused.statusCode).toBe(403);
    const put = await test.app.inject({
      method: 'PUT',
      url: `/api/indicators/${made.id}`,
      headers: managerHeaders,
      payload: { ...RATIO, name: 'Tỷ lệ qua HTTP, sửa', unit: 'người', version: made.version },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ unit: '%', version: made.version + 1 });
    const retire = await test.app.inject({
      method: 'POST',
      url: `/api/indicators/${made.id}/retire`,
      headers: managerHeaders,
      payload: { version: made.version + 1 },
    });
    expect(retire.statusCode).toBe(200);
    const menu = await test.app.inject({ method: 'GET', url: '/api/home/menu', headers: officerHeaders });
    expect(menu.json()).toMatchObject({ hasUnitsBelow: true });
  });
});
