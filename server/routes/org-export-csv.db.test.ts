import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOrgFile } from '../../documents/sheets/read-org-file.ts';
import { SYSTEM_ACTOR } from '../services/actor.ts';
import { createTestApp, seedSmallOrg, type TestApp } from '../test/fixtures.ts';
import { openTestDatabase, type TestDatabase, testEngines } from '../test/test-database.ts';

const ATTACK = "=cmd|' /C calc'!A0";

/** The organisation's CSV export opened in Excel (issue 18, break 6): no formula runs, Vietnamese read as UTF-8. */
describe.each(testEngines())('organisation CSV export on %s', (engine) => {
  let testDb: TestDatabase;
  let t: TestApp;
  let org: Awaited<ReturnType<typeof seedSmallOrg>>;

  beforeAll(async () => {
    testDb = await openTestDatabase(engine);
    t = await createTestApp(testDb.database);
    org = await seedSmallOrg(t.services);
    await t.services.orgChange.create(SYSTEM_ACTOR, {
      code: 'F1',
      name: ATTACK,
      shortName: null,
      type: 'commune',
      parentId: org.provinceA.id,
      effectiveDate: '2020-01-01',
    });
  });
  afterAll(async () => {
    await t.app.close();
    await testDb.dispose();
  });

  it('writes a BOM and neutralises formula cells, and reads its own file back unchanged', async () => {
    const exported = await t.app.inject({
      method: 'GET',
      url: '/api/org/export?format=csv',
      headers: await t.signIn('manager'),
    });
    expect(exported.statusCode).toBe(200);
    const bytes = exported.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('Liên đoàn Lao động tỉnh Thái Bình');
    const line = text.split('\n').find((l) => l.startsWith('F1,'))!;
    expect(line).toContain(`'=cmd|`);
    expect(line).not.toMatch(/,"?[=+\-@]/);
    const back = await readOrgFile(bytes);
    expect(back.find((r) => r.code === 'F1')).toMatchObject({ name: ATTACK });
  });
});
