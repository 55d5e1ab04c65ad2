import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDocx } from '../../documents/archive/test-zip.ts';
import { buildApp } from '../app.ts';
import { type AttachmentQuotas, DEFAULT_ATTACHMENT_QUOTAS } from '../config.ts';
import { seedCountSchedule, seedSmallOrg, TEST_PASSWORD } from '../test/fixtures.ts';
import { openTestDatabase, type TestDatabase, testEngines } from '../test/test-database.ts';
import { SYSTEM_ACTOR } from './actor.ts';
import { createServices, type Services } from './services.ts';

const MB = 1024 * 1024;
/** A 1×1 PNG. */
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4d20000000049454e44ae426082',
  'hex',
);
/** A GIF whose bytes are also an HTML page (a polyglot). */
const GIF_HTML = Buffer.from(
  'GIF89a\u0001\u0000\u0001\u0000<html><script>alert(document.cookie)</script></html>',
);

function multipart(name: string, data: Buffer) {
  const boundary = '----attachmenttest';
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      data,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  };
}

/** Break 5 and 13 of issue 18: quotas, a too-large upload, orphan files, names and types. */
describe.each(testEngines())('report attachments on %s', (engine) => {
  let testDb: TestDatabase;
  let dataDir: string;
  let org: Awaited<ReturnType<typeof seedSmallOrg>>;
  let periodIds: number[];
  let nextPeriod = 0;
  const apps: FastifyInstance[] = [];

  /** An app whose attachments have these quotas, and a signed-in officer of the grassroots unit. */
  const appWith = async (quotas: Partial<AttachmentQuotas>) => {
    const services = createServices(testDb.database, {
      sessionTtlHours: 1,
      dataDir,
      attachments: { ...DEFAULT_ATTACHMENT_QUOTAS, ...quotas },
    });
    const maxFileBytes = quotas.maxFileBytes ?? DEFAULT_ATTACHMENT_QUOTAS.maxFileBytes;
    const app = await buildApp({
      config: {
        sessionTtlHours: 1,
        trustProxy: false,
        trustProxyHops: 1,
        uploadMaxBytes: maxFileBytes,
        logLevel: 'silent',
      },
      services,
    });
    apps.push(app);
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'chair', password: TEST_PASSWORD },
    });
    const cookie = login.cookies.find((c) => c.name === 'tiendo_session')!;
    const headers = {
      cookie: `tiendo_session=${cookie.value}`,
      'x-csrf-token': (login.json() as { csrfToken: string }).csrfToken,
    };
    const upload = (reportId: number, name: string, data: Buffer) => {
      const body = multipart(name, data);
      return app.inject({
        method: 'POST',
        url: `/api/reports/${reportId}/attachments`,
        headers: { ...headers, ...body.headers },
        payload: body.payload,
      });
    };
    return { app, services, headers, upload };
  };

  /** A draft report of the grassroots unit, a period of its own each time. */
  const freshReport = async (services: Services) =>
    services.reports.open(SYSTEM_ACTOR, periodIds[nextPeriod++]!, org.grassrootsA1a.id);

  const storedFiles = () =>
    readdirSync(join(dataDir, 'files'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) => readdirSync(join(dataDir, 'files', d.name)).map((f) => `${d.name}/${f}`));

  const countRows = async (reportId: number) =>
    (
      await testDb.database.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM report_attachments WHERE report_id = $1',
        [reportId],
      )
    )[0]!.n;

  beforeAll(async () => {
    testDb = await openTestDatabase(engine);
    dataDir = mkdtempSync(join(tmpdir(), 'tiendo-attachments-'));
    mkdirSync(join(dataDir, 'files'), { recursive: true });
    const services = createServices(testDb.database, { sessionTtlHours: 1, dataDir });
    org = await seedSmallOrg(services);
    ({ periodIds } = await seedCountSchedule(services, org.provinceA.id, {
      name: 'Báo cáo tháng',
      formName: 'Mẫu tháng',
      frequency: 'monthly',
      dueRule: null,
      fromYear: 2025,
      toYear: 2026,
    }));
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    await testDb?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a 27 MB upload with 413 naming the 25 MB limit, storing nothing (never cut to 25 MB)', async () => {
    const { services, upload } = await appWith({ maxFileBytes: 25 * MB });
    const report = await freshReport(services);
    const before = storedFiles().length;
    const big = Buffer.alloc(27 * MB, 0x41);
    PNG.copy(big);
    const response = await upload(report.id, 'anh-lon.png', big);
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('attachment_too_large');
    expect(response.json().error.message).toContain('25 MB');
    expect(await countRows(report.id)).toBe(0);
    expect(storedFiles().length).toBe(before);
    // just under the limit goes through whole
    const whole = await upload(report.id, 'anh-vua.png', big.subarray(0, 25 * MB - 1024));
    expect(whole.statusCode).toBe(201);
    expect(whole.json().size).toBe(25 * MB - 1024);
  });

  it('caps the files of one report, also when six arrive at once', async () => {
    const { services, upload } = await appWith({ maxPerReport: 3 });
    const report = await freshReport(services);
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, i) => upload(report.id, `anh-${i}.png`, PNG)),
    );
    const codes = responses.map((r) => r.statusCode).sort();
    expect(codes).toEqual([201, 201, 201, 409, 409, 409]);
    const refused = responses.find((r) => r.statusCode === 409)!.json().error;
    expect(refused.code).toBe('attachment_count_limit');
    expect(refused.message).toContain('tối đa 3 tệp');
    expect(await countRows(report.id)).toBe(3);
  });

  it('caps the bytes of one report, naming the limit and what is used', async () => {
    const { services, upload } = await appWith({ maxReportBytes: 2 * MB });
    const report = await freshReport(services);
    const file = Buffer.concat([PNG, Buffer.alloc(1.5 * MB)]);
    expect((await upload(report.id, 'mot.png', file)).statusCode).toBe(201);
    const second = await upload(report.id, 'hai.png', file);
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('attachment_total_limit');
    expect(second.json().error.message).toContain('2 MB');
    expect(second.json().error.message).toContain('1.5 MB');
    expect(await countRows(report.id)).toBe(1);
  });

  it('limits one user’s uploads an hour, with Retry-After', async () => {
    // earlier tests of this file uploaded as the same user: count from what is there
    const [counted] = await testDb.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM report_attachments a JOIN users u ON u.id = a.created_by
        WHERE u.username = 'chair' AND a.created_at > now() - interval '1 hour'`,
    );
    const already = counted!.n;
    const limit = already + 2;
    const { services, upload } = await appWith({ userFilesPerHour: limit });
    const report = await freshReport(services);
    expect((await upload(report.id, 'a.png', PNG)).statusCode).toBe(201);
    expect((await upload(report.id, 'b.png', PNG)).statusCode).toBe(201);
    const third = await upload(report.id, 'c.png', PNG);
    expect(third.statusCode).toBe(429);
    expect(third.json().error.code).toBe('upload_rate_limit');
    expect(third.json().error.message).toContain(`giới hạn là ${limit} tệp`);
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(third.headers['retry-after'])).toBeLessThanOrEqual(3600);
  });

  it('stores a GIF/HTML polyglot as .gif, never .html, and drops bidi controls from names', async () => {
    const { app, services, headers, upload } = await appWith({});
    const report = await freshReport(services);
    const polyglot = await upload(report.id, 'trang.html', GIF_HTML);
    expect(polyglot.statusCode).toBe(201);
    expect(polyglot.json()).toMatchObject({ fileName: 'trang.gif', contentType: 'image/gif' });
    const download = await app.inject({
      method: 'GET',
      url: `/api/reports/${report.id}/attachments/${polyglot.json().id}`,
      headers,
    });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/gif');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(String(download.headers['content-disposition'])).toMatch(/^attachment; filename="trang\.gif"/);
    const bidi = await upload(report.id, 'bao-cao\u202Egnp.html', PNG);
    expect(bidi.statusCode).toBe(201);
    expect(bidi.json().fileName).toBe('bao-caognp.png');
    // a row stored before names were matched is offered under a matched name
    await testDb.database.query(`UPDATE report_attachments SET file_name = 'cu.html' WHERE id = $1`, [
      polyglot.json().id,
    ]);
    const old = await app.inject({
      method: 'GET',
      url: `/api/reports/${report.id}/attachments/${polyglot.json().id}`,
      headers,
    });
    expect(String(old.headers['content-disposition'])).toMatch(/filename="cu\.gif"/);
  });

  it('checks an Office file’s archive from disk: a workbook is kept, a bomb that lies is refused (415)', async () => {
    const { services, upload } = await appWith({});
    const report = await freshReport(services);
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Số liệu').addRow(['Đơn vị', 'Số hoạt động']);
    const xlsx = await upload(report.id, 'so-lieu.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(xlsx.statusCode).toBe(201);
    expect(xlsx.json().fileName).toBe('so-lieu.xlsx');
    const bomb = await upload(report.id, 'bao-cao.docx', await makeDocx(200, { lie: true }));
    expect(bomb.statusCode).toBe(415);
    expect(bomb.json().error.code).toBe('unsupported_file');
    expect(await countRows(report.id)).toBe(1);
  });

  it('sweeps files no row names once past the grace period, keeping young ones and named ones, audited', async () => {
    const { services, upload } = await appWith({ orphanGraceMs: 60 * 60_000 });
    const report = await freshReport(services);
    const kept = await upload(report.id, 'giu.png', PNG);
    expect(kept.statusCode).toBe(201);
    const [keptRow] = await testDb.database.query<{ key: string }>(
      'SELECT storage_key AS key FROM report_attachments WHERE id = $1',
      [kept.json().id],
    );
    const keptKey = keptRow!.key;
    // as a kill between writing a file and committing its row leaves them
    const orphanOld = 'ab/ab0e6f1c-7d3a-4f0e-9c1b-2a6f0d9e8c11';
    const orphanYoung = 'ab/ab5b2c3d-1e2f-4a5b-8c9d-0e1f2a3b4c5d';
    mkdirSync(join(dataDir, 'files', 'ab'), { recursive: true });
    writeFileSync(join(dataDir, 'files', orphanOld), 'nửa tệp');
    writeFileSync(join(dataDir, 'files', orphanYoung), 'đang tải');
    writeFileSync(join(dataDir, 'files', 'ab', 'ghi-chu.txt'), 'không phải tệp của kho');
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    utimesSync(join(dataDir, 'files', orphanOld), twoHoursAgo, twoHoursAgo);
    utimesSync(join(dataDir, 'files', keptKey), twoHoursAgo, twoHoursAgo);
    utimesSync(join(dataDir, 'files', 'ab', 'ghi-chu.txt'), twoHoursAgo, twoHoursAgo);

    const result = await services.attachments.sweepOrphans();
    expect(result.removed).toBe(1);
    const left = storedFiles();
    expect(left).not.toContain(orphanOld);
    expect(left).toContain(orphanYoung);
    expect(left).toContain(keptKey);
    expect(left).toContain('ab/ghi-chu.txt');
    const audit = await testDb.database.query<{ objectId: string; after: { size: number } }>(
      `SELECT object_id AS "objectId", after FROM audit_log WHERE action = 'file.orphan_removed'`,
    );
    expect(audit).toEqual([
      { objectId: orphanOld, after: expect.objectContaining({ size: Buffer.byteLength('nửa tệp') }) },
    ]);
    // the kept file is still served
    expect((await services.attachments.download(SYSTEM_ACTOR, report.id, kept.json().id)).data).toEqual(PNG);
  });
});
