import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedSmallOrg, type TestApp } from '../test/fixtures.ts';
import { openTestDatabase, type TestDatabase, testEngines } from '../test/test-database.ts';

/**
 * Bodies an attacker shapes (issue 18, break 13 and build item 4): JSON nested 900,000 levels
 * deep is refused before it is parsed (it overflowed the stack of the NUL check: a 500 and a stack
 * trace per request), and Fastify's own refusals answer a code and the caller's language, never
 * the framework's English text.
 */
describe.each(testEngines())('hostile request bodies on %s', (engine) => {
  let testDb: TestDatabase;
  let t: TestApp;
  let headers: Record<string, string>;
  const deep = `${'['.repeat(900_000)}${']'.repeat(900_000)}`;
  const deepObject = `{"name":${'{"a":'.repeat(200_000)}1${'}'.repeat(200_000)}}`;

  beforeAll(async () => {
    testDb = await openTestDatabase(engine);
    t = await createTestApp(testDb.database);
    await seedSmallOrg(t.services);
    headers = await t.signIn('manager');
  });
  afterAll(async () => {
    await t.app.close();
    await testDb.dispose();
  });

  it('refuses JSON nested 900,000 deep with 400 json_too_deep, signed in or not', async () => {
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: deep,
    });
    expect(anonymous.statusCode).toBe(400);
    expect(anonymous.json().error).toEqual({
      code: 'json_too_deep',
      message: 'Nội dung gửi lên lồng nhau quá 64 tầng nên không được nhận.',
      field: 'body',
    });
    const signedIn = await t.app.inject({
      method: 'POST',
      url: '/api/org/units',
      headers: { ...headers, 'content-type': 'application/json', 'accept-language': 'en' },
      payload: deepObject,
    });
    expect(signedIn.statusCode).toBe(400);
    expect(signedIn.json().error.code).toBe('json_too_deep');
    expect(signedIn.json().error.message).toMatch(/^The request body nests more than 64 levels/);
    // The server still answers as before.
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers })).statusCode).toBe(200);
  });

  it('still takes ordinary nesting, and still refuses prototype poisoning', async () => {
    const nested = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'nobody', password: 'x'.repeat(12), extra: [[[[{ a: [1] }]]]] }),
    });
    expect(nested.statusCode).toBe(401);
    const poisoned = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":"x","password":"y","__proto__":{"role":"admin"}}',
    });
    expect(poisoned.statusCode).toBe(400);
    expect(poisoned.json().error.message).not.toMatch(/proto/i);
  });

  it('answers Fastify’s own refusals with a code and a translated message', async () => {
    const media = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/x-evil' },
      payload: 'username=admin',
    });
    expect(media.statusCode).toBe(415);
    expect(media.json().error).toEqual({
      code: 'unsupported_media_type',
      message: 'Kiểu nội dung gửi lên không được hỗ trợ.',
      field: null,
    });
    const empty = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json', 'accept-language': 'en' },
      payload: '',
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).not.toMatch(/FST_|Body cannot be empty/);
  });
});
