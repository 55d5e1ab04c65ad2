import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDocx } from '../../documents/archive/test-zip.ts';
import { DEFAULT_READ_LIMITS } from '../../documents/parse/read-limits.ts';
import { makePdf } from '../../documents/parse/test-pdf.ts';
import { DEFAULT_PARSE_CONFIG, type ParseConfig } from '../config.ts';
import { ParseJobRepository } from '../repositories/parse-job.repository.ts';
import { createTestApp, seedSmallOrg, type TestApp } from '../test/fixtures.ts';
import { openTestDatabase, type TestDatabase, testEngines } from '../test/test-database.ts';
import type { Actor } from './actor.ts';
import { DocumentParseService } from './document-parse.service.ts';

const PLAN =
  'LIÊN ĐOÀN LAO ĐỘNG TỈNH LAI CHÂU\nSố: 12/KH-LĐLĐ\nKẾ HOẠCH\nTổ chức Tháng Công nhân năm 2025\n' +
  'I. MỤC ĐÍCH, YÊU CẦU\n1. Phấn đấu 100% công đoàn cơ sở tổ chức hoạt động Tháng Công nhân.\n';

/** A multipart body with one file. */
function upload(name: string, data: Buffer): { payload: Buffer; contentType: string } {
  const boundary = '----tiendo-attack';
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      data,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  };
}

describe.each(testEngines())('document reading apart from the server on %s', (engine) => {
  let testDb: TestDatabase;
  let t: TestApp;
  let headers: Record<string, string>;
  let actor: Actor;
  const services: DocumentParseService[] = [];
  const withConfig = (change: Partial<ParseConfig>) => {
    const service = new DocumentParseService(new ParseJobRepository(testDb.database), {
      ...DEFAULT_PARSE_CONFIG,
      ...change,
    });
    services.push(service);
    return service;
  };

  beforeAll(async () => {
    testDb = await openTestDatabase(engine);
    t = await createTestApp(testDb.database);
    await seedSmallOrg(t.services);
    headers = await t.signIn('officer');
    actor = (await t.services.auth.authenticate(headers.cookie!.split('=')[1]!, null))!.actor;
  });
  afterAll(async () => {
    for (const service of services) service.close();
    t.services.documentParse.close();
    await t.app.close();
    await testDb.dispose();
  });

  async function send(name: string, data: Buffer) {
    const { payload, contentType } = upload(name, data);
    const started = await t.app.inject({
      method: 'POST',
      url: '/api/documents/parse',
      headers: { ...headers, 'content-type': contentType },
      payload,
    });
    expect(started.statusCode).toBe(202);
    return started.json().id as string;
  }

  async function poll(id: string, language = 'vi') {
    return (
      await t.app.inject({
        method: 'GET',
        url: `/api/documents/parse/${id}`,
        headers: { ...headers, 'accept-language': language },
      })
    ).json();
  }

  it('refuses a 300 MB zip-bomb DOCX with a short coded message, in both languages', async () => {
    const bomb = await makeDocx(300);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const heapBefore = process.memoryUsage().heapUsed;
    const id = await send('ke-hoach.docx', bomb);
    const done = await t.services.documentParse.wait(actor, id);
    expect(done).toMatchObject({ status: 'failed', errorCode: 'parse_archive_refused' });
    expect(done.error).toBe('Tệp Word bị hỏng, có mật khẩu hoặc khi giải nén lớn quá 64 MB nên không đọc.');
    expect((await poll(id, 'en')).error).toMatch(/^The Word file is damaged.*64 MB/);
    // nothing of the bomb was inflated in the server's process
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(100 * 1024 * 1024);
    // a bomb that lies about its sizes is refused on its real ones
    const liar = await send('ke-hoach.docx', await makeDocx(300, { lie: true }));
    expect(await t.services.documentParse.wait(actor, liar)).toMatchObject({
      errorCode: 'parse_archive_refused',
    });
  });

  it('keeps answering other requests while a heavy DOCX is being read', async () => {
    // 60 MB of text inside: within the archive limit, so the worker really unzips and reads it
    const heavy = await makeDocx(60);
    const id = await send('nang.docx', heavy);
    let slowest = 0;
    let answered = 0;
    for (;;) {
      const job = await poll(id);
      const before = performance.now();
      const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers });
      slowest = Math.max(slowest, performance.now() - before);
      expect(me.statusCode).toBe(200);
      answered++;
      if (job.status !== 'running') {
        expect(job.status).toBe('failed');
        expect(['parse_text_too_long', 'parse_out_of_memory']).toContain(job.errorCode);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(answered).toBeGreaterThan(1);
    // generous: a liveness check on a shared machine, not a benchmark
    expect(slowest).toBeLessThan(2_000);
  });

  it('refuses a PDF of 5,000 pages, and a scan of 41 blank pages, before reading them', async () => {
    const flood = await send('5000-trang.pdf', makePdf({ pages: 5_000, text: 'Trang van ban co lop chu' }));
    const done = await t.services.documentParse.wait(actor, flood);
    expect(done).toMatchObject({ status: 'failed', errorCode: 'parse_too_many_pages' });
    expect(done.error).toBe('Tệp PDF dài quá 300 trang; hãy tách thành các tệp ngắn hơn.');
    const blank = await send('quet.pdf', makePdf({ pages: 41 }));
    expect(await t.services.documentParse.wait(actor, blank)).toMatchObject({
      errorCode: 'parse_too_many_scanned_pages',
      error: 'Bản quét dài quá 40 trang để nhận dạng chữ; hãy tách thành các tệp ngắn hơn.',
    });
  });

  it('refuses a huge text, uploaded or pasted', async () => {
    const flood = await t.services.documentParse.startFile(
      actor,
      'lon.txt',
      Buffer.alloc(20 * 1024 * 1024, 'a'),
    );
    const done = await t.services.documentParse.wait(actor, flood.id);
    expect(done).toMatchObject({ status: 'failed', errorCode: 'parse_text_too_long' });
    expect(done.error).toBe('Văn bản dài quá 2.000.000 ký tự; hãy tách thành các văn bản ngắn hơn.');
    const small = withConfig({ limits: { ...DEFAULT_READ_LIMITS, maxTextChars: 100_000 } });
    await expect(small.parseText('a'.repeat(100_001), 'dan.txt')).rejects.toMatchObject({
      status: 413,
      key: 'parse_text_too_long',
    });
  });

  it('reads a long pasted text in a worker, and the same as in the request', async () => {
    const long = `${PLAN}${'2. Tuyên truyền đến đoàn viên, người lao động về Tháng Công nhân.\n'.repeat(1_000)}`;
    expect(long.length).toBeGreaterThan(20_000);
    const inWorker = await t.services.documentParse.parseText(long, 'dan.txt');
    expect(inWorker.extract.documents[0]?.symbol).toBe('12/KH-LĐLĐ');
    const inRequest = await t.services.documentParse.parseText(PLAN, 'dan.txt');
    expect(inRequest.extract.documents[0]?.symbol).toBe(inWorker.extract.documents[0]?.symbol);
  });

  it('stores a failed job’s error as a short code and never returns stored library text', async () => {
    const id = await send('rac.bin', Buffer.from([0, 1, 2, 3, 255, 254, 0, 0, 7, 8, 9, 0, 0, 0, 1]));
    const done = await t.services.documentParse.wait(actor, id);
    expect(done.errorCode).toBe('parse_unreadable');
    const [stored] = await testDb.database.query<{ error: string }>(
      'SELECT error FROM parse_jobs WHERE id = $1',
      [id],
    );
    expect(stored!.error).toBe('parse_unreadable');
    // a row from before codes, holding a huge library message with SQL in it
    await testDb.database.query('UPDATE parse_jobs SET error = $2 WHERE id = $1', [
      id,
      `Failed query: insert into "parse_jobs" values ($1) params: ${'x'.repeat(1_000_000)}`,
    ]);
    const old = await poll(id);
    expect(old.errorCode).toBe('parse_failed');
    expect(old.error.length).toBeLessThan(200);
    expect(old.error).not.toMatch(/query|insert|parse_jobs/i);
  });

  it('kills a read that takes longer than its time limit', async () => {
    const hasty = withConfig({ timeoutMs: 1 });
    const job = await hasty.startFile(actor, 'a.txt', Buffer.from(PLAN));
    const done = await hasty.wait(actor, job.id);
    expect(done).toMatchObject({ status: 'failed', errorCode: 'parse_timeout' });
    expect(done.error).toMatch(/^Đọc văn bản quá 0 giây/);
  });

  it('reads one file at a time per instance and shows the others their place in the queue', async () => {
    const single = withConfig({ workers: 1 });
    const first = await single.startFile(actor, 'a.txt', Buffer.from(PLAN));
    const second = await single.startFile(actor, 'b.txt', Buffer.from(PLAN));
    const third = await single.startFile(actor, 'c.txt', Buffer.from(PLAN));
    expect([first.queuePosition, second.queuePosition, third.queuePosition]).toEqual([null, 1, 2]);
    expect(third.status).toBe('running');
    // polled from the database (any instance answers), the place is the same
    expect((await single.get(actor, third.id)).queuePosition).toBeGreaterThanOrEqual(1);
    const done = await Promise.all([first, second, third].map((job) => single.wait(actor, job.id)));
    expect(done.map((job) => job.status)).toEqual(['done', 'done', 'done']);
    expect(done.map((job) => job.queuePosition)).toEqual([null, null, null]);
    expect(done[2]!.result?.extract.documents[0]?.symbol).toBe('12/KH-LĐLĐ');
  });
});
