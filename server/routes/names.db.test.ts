import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedSmallOrg, type TestApp } from '../test/fixtures.ts';
import { openTestDatabase, type TestDatabase, testEngines } from '../test/test-database.ts';

const INVISIBLE = '\u200B\u200C\u200D\u2060';
const OVERRIDE = 'Công đoàn \u202Eexe.txt';

/** Names people read (issue 18, break 13): invisible-only and bidi-override names refused by every route taking one. */
describe.each(testEngines())('names refused on %s', (engine) => {
  let testDb: TestDatabase;
  let t: TestApp;
  let org: Awaited<ReturnType<typeof seedSmallOrg>>;
  let headers: Record<string, string>;

  beforeAll(async () => {
    testDb = await openTestDatabase(engine);
    t = await createTestApp(testDb.database);
    org = await seedSmallOrg(t.services);
    headers = await t.signIn('admin');
  });
  afterAll(async () => {
    await t.app.close();
    await testDb.dispose();
  });

  const post = (url: string, payload: unknown, method: 'POST' | 'PATCH' = 'POST') =>
    t.app.inject({ method, url, headers, payload: payload as Record<string, unknown> });

  it('refuses a unit named only by zero-width characters, or with a bidi override', async () => {
    for (const name of [INVISIBLE, OVERRIDE, ' \u200B ']) {
      const made = await post('/api/org/units', {
        code: `Z${name.length}`,
        name,
        shortName: null,
        type: 'commune',
        parentId: org.provinceA.id,
        effectiveDate: '2025-01-01',
      });
      expect(made.statusCode).toBe(400);
      expect(made.json().error.field).toBe('name');
    }
    const shortName = await post('/api/org/units', {
      code: 'Z9',
      name: 'Công đoàn phường Mới',
      shortName: '\u2067CĐ\u2069',
      type: 'commune',
      parentId: org.provinceA.id,
      effectiveDate: '2025-01-01',
    });
    expect(shortName.statusCode).toBe(400);
    const plain = await post('/api/org/units', {
      code: 'Z10',
      name: 'Công đoàn phường Mới',
      shortName: '',
      type: 'commune',
      parentId: org.provinceA.id,
      effectiveDate: '2025-01-01',
    });
    expect(plain.statusCode).toBe(201);
    expect(await t.services.orgRepository.findUnitByCode('Z4')).toBeUndefined();
  });

  it('refuses such user names when adding or renaming a user, and in the organisation file', async () => {
    for (const displayName of [INVISIBLE, OVERRIDE]) {
      const made = await post('/api/users', {
        username: 'nguoi-moi',
        displayName,
        password: 'mat-khau-moi-2025',
        role: 'viewer',
        homeUnitId: org.provinceA.id,
      });
      expect(made.statusCode).toBe(400);
      expect(made.json().error.field).toBe('displayName');
    }
    const viewer = (await t.services.userRepository.findByUsername('viewer'))!;
    const renamed = await post(
      `/api/users/${viewer.id}`,
      { displayName: '\uFEFF\u200B', version: viewer.version },
      'PATCH',
    );
    expect(renamed.statusCode).toBe(400);
    const boundary = '----names';
    const csv = `code,name,type,parent_code,valid_from,valid_to\nG7,${INVISIBLE},grassroots,A1,2025-07-01,\n`;
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/org/import',
      headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="units.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`,
    });
    expect(imported.json()).toMatchObject({ applied: false });
    expect(imported.json().errors.map((e: { field: string }) => e.field)).toEqual(['name']);
  });
});
