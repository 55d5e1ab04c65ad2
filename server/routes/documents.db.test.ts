import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedSmallOrg, type TestApp } from '../test/fixtures.ts';
import { openTestDatabase, type TestDatabase, testEngines } from '../test/test-database.ts';

const seed002 = readFileSync(
  new URL('../../resources/seeds/002_ecf9da9cd69f7705.txt', import.meta.url),
  'utf8',
);

describe.each(testEngines())('document reading API on %s', (engine) => {
  let testDb: TestDatabase;
  let t: TestApp;

  beforeAll(async () => {
    testDb = await openTestDatabase(engine);
    t = await createTestApp(testDb.database);
    await seedSmallOrg(t.services);
  });
  afterAll(async () => {
    await t.app.close();
    await testDb.dispose();
  });

  it('reads pasted text (an OCR’d plan without diacritics) into plan-extract/v1', async () => {
    const headers = await t.signIn('officer');
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/documents/parse-text',
      headers,
      payload: { text: seed002, source: '002.txt' },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.extract.format).toBe('plan-extract/v1');
    expect(body.extract.documents[0].symbol).toMatch(/^72\/KH-L/);
    expect(body.extract.documents[0].targets.length).toBeGreaterThan(0);
  });

  it('reads an uploaded file as a job, and keeps the job to its owner', async () => {
    const headers = await t.signIn('officer');
    const boundary = '----tiendo';
    const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="../../etc/72.txt"\r\nContent-Type: text/plain\r\n\r\n${seed002}\r\n--${boundary}--\r\n`;
    const started = await t.app.inject({
      method: 'POST',
      url: '/api/documents/parse',
      headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    expect(started.statusCode).toBe(202);
    const job = started.json();
    expect(job.source).toBe('72.txt');
    let current = job;
    for (let i = 0; i < 100 && current.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      current = (
        await t.app.inject({ method: 'GET', url: `/api/documents/parse/${job.id}`, headers })
      ).json();
    }
    expect(current.status).toBe('done');
    expect(current.result.extract.documents[0].symbol).toMatch(/^72\/KH-L/);
    const other = await t.signIn('manager');
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/documents/parse/${job.id}`, headers: other }))
        .statusCode,
    ).toBe(404);
  });

  it('refuses binary junk with a clear reason', async () => {
    const headers = await t.signIn('officer');
    const boundary = '----tiendo';
    const junk = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      Buffer.from([0, 1, 2, 3, 255, 254, 0, 0, 7, 8, 9, 0, 0, 0, 1]),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const started = await t.app.inject({
      method: 'POST',
      url: '/api/documents/parse',
      headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: junk,
    });
    const done = await t.services.documentParse.wait(
      (await t.services.auth.authenticate(headers.cookie!.split('=')[1]!, null))!.actor,
      started.json().id,
    );
    expect(done.status).toBe('failed');
    expect(done.errorCode).toBe('parse_unreadable');
    expect(done.error).toMatch(/không phải văn bản/);
  });

  it('answers a job from another instance, and shows a job whose instance died as failed', async () => {
    // A second server on the same database: the job started here is polled there.
    const other = await createTestApp(testDb.database);
    try {
      const headers = await t.signIn('officer');
      const actor = (await t.services.auth.authenticate(headers.cookie!.split('=')[1]!, null))!.actor;
      const job = await t.services.documentParse.startFile(actor, '72.txt', Buffer.from(seed002));
      const seen = await other.services.documentParse.wait(actor, job.id);
      expect(seen.status).toBe('done');
      expect(seen.result?.extract.documents[0]?.symbol).toMatch(/^72\/KH-L/);
      const polled = await other.app.inject({
        method: 'GET',
        url: `/api/documents/parse/${job.id}`,
        headers,
      });
      expect(polled.statusCode).toBe(200);
      expect(polled.json().status).toBe('done');

      // An instance killed mid-reading leaves a running job that no longer beats.
      const orphan = await t.services.documentParse.startFile(actor, 'b.txt', Buffer.from(seed002));
      await t.services.documentParse.wait(actor, orphan.id);
      await testDb.database.query(
        `UPDATE parse_jobs SET status = 'running', heartbeat_at = now() - interval '10 minutes' WHERE id = $1`,
        [orphan.id],
      );
      const dead = await other.services.documentParse.get(actor, orphan.id);
      expect(dead.status).toBe('failed');
      expect(dead.error).toMatch(/tải tệp lên lại/);
    } finally {
      await other.app.close();
    }
  });
});
