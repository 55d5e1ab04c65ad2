import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configurePdfRendering, type PdfRenderPool } from '../../documents/render/render-pdf.ts';
import { emptyPlanContent } from '../../domain/plans/empty-plan.ts';
import { createTestApp, seedSmallOrg, type TestApp } from '../test/fixtures.ts';
import { openTestDatabase, type TestDatabase, testEngines } from '../test/test-database.ts';
import { SYSTEM_ACTOR } from './actor.ts';

/**
 * Break 4 of issue 18: eight PDF downloads by a viewer started eight LibreOffice processes. Through
 * the route, with the shared pool set to two at once and a program answering soffice's command line
 * (writes the PDF, logs its start and end), at most two run at once and every download gets its PDF;
 * past the queue the answer is 503 `pdf_busy`, naming the limit.
 */
describe.each(testEngines())('plan PDF downloads through the pool on %s', (engine) => {
  let testDb: TestDatabase;
  let t: TestApp;
  let dir: string;
  let soffice: string;
  let slow: string;
  let planId: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tiendo-pdf-route-'));
    soffice = join(dir, 'soffice');
    writeFileSync(
      soffice,
      `#!/bin/sh
out=""; prev=""
for a in "$@"; do [ "$prev" = "--outdir" ] && out="$a"; prev="$a"; done
echo start >> "${join(dir, 'runs.log')}"
sleep 0.4
printf '%%PDF-1.4 ke hoach' > "$out/document.pdf"
echo end >> "${join(dir, 'runs.log')}"
`,
    );
    chmodSync(soffice, 0o755);
    // the same, slow enough that four requests all reach the pool while the first still runs
    slow = join(dir, 'soffice-slow');
    writeFileSync(slow, readFileSync(soffice, 'utf8').replace('sleep 0.4', 'sleep 3'));
    chmodSync(slow, 0o755);
    testDb = await openTestDatabase(engine);
    t = await createTestApp(testDb.database);
    const org = await seedSmallOrg(t.services);
    planId = (
      await t.services.plans.create(SYSTEM_ACTOR, org.provinceA.id, emptyPlanContent('Kế hoạch in', 2025))
    ).id;
  });
  afterAll(async () => {
    configurePdfRendering({ workers: 1, maxQueued: 20, timeoutMs: 120_000 });
    await t?.app.close();
    await testDb?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const download = (headers: Record<string, string>) =>
    t.app.inject({ method: 'GET', url: `/api/plans/${planId}/document.pdf`, headers });

  it('runs eight downloads at once two at a time', async () => {
    writeFileSync(join(dir, 'runs.log'), '');
    const pool: PdfRenderPool = configurePdfRendering({
      workers: 2,
      maxQueued: 20,
      timeoutMs: 30_000,
      soffice,
    });
    const headers = await t.signIn('viewer');
    const responses = await Promise.all(Array.from({ length: 8 }, () => download(headers)));
    expect(responses.map((r) => r.statusCode)).toEqual(Array(8).fill(200));
    expect(responses.every((r) => r.rawPayload.subarray(0, 5).toString() === '%PDF-')).toBe(true);
    expect(pool.stats()).toMatchObject({ started: 8, peakRunning: 2, running: 0, queued: 0 });
    let alive = 0;
    let most = 0;
    for (const line of readFileSync(join(dir, 'runs.log'), 'utf8').trim().split('\n')) {
      alive += line === 'start' ? 1 : -1;
      most = Math.max(most, alive);
    }
    expect(most).toBe(2);
  });

  it('answers 503 pdf_busy past the queue', async () => {
    configurePdfRendering({ workers: 1, maxQueued: 1, timeoutMs: 30_000, soffice: slow });
    const headers = await t.signIn('viewer');
    const responses = await Promise.all(Array.from({ length: 4 }, () => download(headers)));
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 200, 503, 503]);
    const busy = responses.find((r) => r.statusCode === 503)!.json().error;
    expect(busy.code).toBe('pdf_busy');
    expect(busy.message).toContain('tối đa 1');
  });
});
