import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldText } from '../../domain/fold-text.ts';
import { createTestApp, seedSmallOrg, type TestApp } from '../test/fixtures.ts';
import { openTestDatabase, type TestDatabase, testEngines } from '../test/test-database.ts';

const seed = (name: string) =>
  readFileSync(new URL(`../../resources/seeds/${name}`, import.meta.url), 'utf8');
/** A plan typed without diacritics: the accented seed 000 with every mark removed. */
const bare = seed('000_67631e6a61cea5fb.txt')
  .normalize('NFD')
  .replace(/\p{M}+/gu, '')
  .replace(/đ/g, 'd')
  .replace(/Đ/g, 'D');

type TField = { key: string; original: string; restored: string };

describe.each(testEngines())('restored diacritics in the parse result on %s', (engine) => {
  let testDb: TestDatabase;
  let t: TestApp;

  beforeAll(async () => {
    testDb = await openTestDatabase(engine);
    t = await createTestApp(testDb.database);
    await seedSmallOrg(t.services);
  });
  afterAll(async () => {
    t.services.documentParse.close();
    await t.app.close();
    await testDb.dispose();
  });

  it('suggests the accented fields of pasted text without diacritics, and nothing for accented text', async () => {
    const headers = await t.signIn('officer');
    const parse = async (text: string) =>
      (
        await t.app.inject({ method: 'POST', url: '/api/documents/parse-text', headers, payload: { text } })
      ).json();
    const body = await parse(bare);
    expect(body.diacritics.suggested).toBe(true);
    const fields: TField[] = body.diacritics.documents[0].fields;
    const title = fields.find((f) => f.key === 'title');
    expect(title?.original).toBe(body.extract.documents[0].title);
    expect(title?.restored).toContain('phòng ngừa, giảm thiểu trẻ em lao động');
    expect(fields.some((f) => f.key.startsWith('tasks.'))).toBe(true);
    for (const f of fields) expect(foldText(f.restored)).toBe(foldText(f.original));
    expect(body.diacritics.sample).toContain('KẾ HOẠCH');
    expect((await parse(seed('000_67631e6a61cea5fb.txt'))).diacritics).toBeUndefined();
  });

  it('suggests them for an uploaded file read as a job too', async () => {
    const headers = await t.signIn('officer');
    const boundary = '----tiendo';
    const started = await t.app.inject({
      method: 'POST',
      url: '/api/documents/parse',
      headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="kh.txt"\r\nContent-Type: text/plain\r\n\r\n${bare}\r\n--${boundary}--\r\n`,
    });
    expect(started.statusCode).toBe(202);
    const actor = (await t.services.auth.authenticate(headers.cookie!.split('=')[1]!, null))!.actor;
    const done = await t.services.documentParse.wait(actor, started.json().id);
    expect(done.status).toBe('done');
    expect(done.result?.diacritics?.documents[0]?.fields.find((f) => f.key === 'title')?.restored).toContain(
      'giảm thiểu trẻ em lao động',
    );
  });
});
