import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { seedCountSchedule, seedSmallOrg, TEST_PASSWORD } from '../test/fixtures.ts';
import { openTestDatabase, type TestDatabase, testEngines } from '../test/test-database.ts';
import { SYSTEM_ACTOR } from './actor.ts';
import { createServices, type Services } from './services.ts';

/** A 1×1 PNG. */
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4d20000000049454e44ae426082',
  'hex',
);

function multipart(name: string, data: Buffer) {
  const boundary = '----idempotencytest';
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      data,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  };
}

/** Issue 21: an offline queue replayed after a lost answer changes the server once. */
describe.each(testEngines())('Idempotency-Key on report save, submit and attachments on %s', (engine) => {
  let testDb: TestDatabase;
  let dataDir: string;
  let app: FastifyInstance;
  let services: Services;
  let headers: Record<string, string>;
  let org: Awaited<ReturnType<typeof seedSmallOrg>>;
  let periodIds: number[];
  let indicatorId: number;
  let nextPeriod = 0;

  const freshReport = () =>
    services.reports.open(SYSTEM_ACTOR, periodIds[nextPeriod++]!, org.grassrootsA1a.id);
  const count = async (sql: string, params: unknown[]) =>
    (await testDb.database.query<{ n: number }>(sql, params))[0]!.n;
  const auditRows = (reportId: number, action: string) =>
    count(
      `SELECT count(*)::int AS n FROM audit_log WHERE object_type = 'report' AND object_id = $1 AND action = $2`,
      [String(reportId), action],
    );
  const save = (reportId: number, version: number, value: number, key?: string) =>
    app.inject({
      method: 'PUT',
      url: `/api/reports/${reportId}`,
      headers: { ...headers, ...(key ? { 'idempotency-key': key } : {}) },
      payload: {
        values: [{ indicatorId, category: 'total', numerator: value, denominator: null, comment: null }],
        narrative: { results: 'Đã tổ chức 7 buổi sinh hoạt.' },
        version,
      },
    });
  const submit = (reportId: number, version: number, key?: string) =>
    app.inject({
      method: 'POST',
      url: `/api/reports/${reportId}/submit`,
      headers: { ...headers, ...(key ? { 'idempotency-key': key } : {}) },
      payload: { version },
    });
  const upload = (reportId: number, key: string) => {
    const body = multipart('anh-hoat-dong.png', PNG);
    return app.inject({
      method: 'POST',
      url: `/api/reports/${reportId}/attachments`,
      headers: { ...headers, ...body.headers, 'idempotency-key': key },
      payload: body.payload,
    });
  };

  beforeAll(async () => {
    testDb = await openTestDatabase(engine);
    dataDir = mkdtempSync(join(tmpdir(), 'tiendo-idempotency-'));
    mkdirSync(join(dataDir, 'files'), { recursive: true });
    services = createServices(testDb.database, { sessionTtlHours: 1, dataDir });
    org = await seedSmallOrg(services);
    ({ periodIds, indicatorId } = await seedCountSchedule(services, org.provinceA.id, {
      name: 'Báo cáo tháng',
      formName: 'Mẫu tháng',
      frequency: 'monthly',
      dueRule: null,
      fromYear: 2025,
      toYear: 2026,
    }));
    app = await buildApp({
      config: {
        sessionTtlHours: 1,
        trustProxy: false,
        trustProxyHops: 1,
        uploadMaxBytes: 1024 * 1024,
        logLevel: 'silent',
      },
      services,
    });
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'chair', password: TEST_PASSWORD },
    });
    const cookie = login.cookies.find((c) => c.name === 'tiendo_session')!;
    headers = {
      cookie: `tiendo_session=${cookie.value}`,
      'x-csrf-token': (login.json() as { csrfToken: string }).csrfToken,
    };
  });

  afterAll(async () => {
    await app?.close();
    await testDb?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers a repeated save and submit with the first answer, changing the report once', async () => {
    const report = await freshReport();
    const saved = await save(report.id, report.version, 7, 'save-0001-aaaa');
    expect(saved.statusCode).toBe(200);
    // the answer was lost on the way: the device sends the same save again
    const again = await save(report.id, report.version, 7, 'save-0001-aaaa');
    expect(again.statusCode).toBe(200);
    expect(again.json().version).toBe(saved.json().version);
    // without the key the same stale version is a conflict, as before
    expect((await save(report.id, report.version, 7)).statusCode).toBe(409);

    const version = saved.json().version as number;
    const first = await submit(report.id, version, 'submit-0001-aaaa');
    expect(first.statusCode).toBe(200);
    expect(first.json().status).toBe('submitted');
    const second = await submit(report.id, version, 'submit-0001-aaaa');
    expect(second.statusCode).toBe(200);
    expect(second.json()).toEqual(first.json());
    expect(await auditRows(report.id, 'report.submit')).toBe(1);
    expect(await auditRows(report.id, 'report.save')).toBe(1);
  });

  it('stores one file when the same upload arrives twice at once', async () => {
    const report = await freshReport();
    const [a, b] = await Promise.all([
      upload(report.id, 'photo-0001-aaaa'),
      upload(report.id, 'photo-0001-aaaa'),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.json().id).toBe(b.json().id);
    const later = await upload(report.id, 'photo-0001-aaaa');
    expect(later.json().id).toBe(a.json().id);
    expect(
      await count('SELECT count(*)::int AS n FROM report_attachments WHERE report_id = $1', [report.id]),
    ).toBe(1);
    expect(await auditRows(report.id, 'report.attach')).toBe(1);
    // another key is another file
    expect((await upload(report.id, 'photo-0002-aaaa')).statusCode).toBe(201);
    expect(
      await count('SELECT count(*)::int AS n FROM report_attachments WHERE report_id = $1', [report.id]),
    ).toBe(2);
  });

  it('refuses a key used for another request, and a malformed key, naming the header', async () => {
    const one = await freshReport();
    const other = await freshReport();
    expect((await save(one.id, one.version, 1, 'reused-key-0001')).statusCode).toBe(200);
    const reused = await save(other.id, other.version, 1, 'reused-key-0001');
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error.field).toBe('Idempotency-Key');
    const bad = await save(other.id, other.version, 1, 'short');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('Idempotency-Key');
    expect((await save(other.id, other.version, 1)).statusCode).toBe(200);
  });

  it('lets a failed request be tried again with the same key', async () => {
    const report = await freshReport();
    // a stale version fails; the key is not spent
    expect((await save(report.id, report.version + 5, 2, 'retry-key-0001')).statusCode).toBe(409);
    expect((await save(report.id, report.version, 2, 'retry-key-0001')).statusCode).toBe(200);
  });
});
