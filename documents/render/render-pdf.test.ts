import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertDocxToPdf, PdfRenderBusyError, PdfRenderPool, PdfRenderTimeoutError } from './render-pdf.ts';

/**
 * The pool around LibreOffice, run with a program that answers soffice's command line the way
 * soffice does (writes `document.pdf` into `--outdir`) and logs when it starts and ends, so the
 * processes alive at once are observed from outside the pool as well as by its counters.
 */
describe('PdfRenderPool', () => {
  let dir: string;
  let soffice: string;
  let hanging: string;
  const log = () => join(dir, 'runs.log');

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tiendo-pdf-pool-'));
    soffice = join(dir, 'soffice');
    writeFileSync(
      soffice,
      `#!/bin/sh
for last; do :; done
out=""
prev=""
for a in "$@"; do [ "$prev" = "--outdir" ] && out="$a"; prev="$a"; done
echo "start $$" >> "${join(dir, 'runs.log')}"
sleep 0.3
printf '%%PDF-1.4 %s' "$last" > "$out/document.pdf"
echo "end $$" >> "${join(dir, 'runs.log')}"
`,
    );
    chmodSync(soffice, 0o755);
    // starts a program of its own and never ends: the time limit must take both
    hanging = join(dir, 'soffice-hanging');
    writeFileSync(
      hanging,
      `#!/bin/sh
sleep 60 &
echo $! > "${join(dir, 'grandchild.pid')}"
sleep 60
`,
    );
    chmodSync(hanging, 0o755);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Most processes of the log alive at the same moment. */
  const mostAtOnce = () => {
    let alive = 0;
    let most = 0;
    for (const line of readFileSync(log(), 'utf8').trim().split('\n')) {
      alive += line.startsWith('start') ? 1 : -1;
      most = Math.max(most, alive);
    }
    return most;
  };

  it('runs eight conversions asked at once two at a time, the rest queued, all answered', async () => {
    writeFileSync(log(), '');
    const pool = new PdfRenderPool({ workers: 2, maxQueued: 20, timeoutMs: 30_000, soffice });
    const seen: number[] = [];
    const timer = setInterval(() => seen.push(pool.stats().running), 20);
    const pdfs = await Promise.all(
      Array.from({ length: 8 }, () => convertDocxToPdf(Buffer.from('PK'), { pool })),
    );
    clearInterval(timer);
    expect(pdfs.every((pdf) => pdf.subarray(0, 5).toString() === '%PDF-')).toBe(true);
    expect(pool.stats()).toMatchObject({ running: 0, queued: 0, peakRunning: 2, started: 8, refused: 0 });
    expect(Math.max(...seen)).toBeLessThanOrEqual(2);
    expect(mostAtOnce()).toBe(2);
  });

  it('refuses beyond its queue, saying how busy it is', async () => {
    const pool = new PdfRenderPool({ workers: 1, maxQueued: 2, timeoutMs: 30_000, soffice });
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => pool.render(Buffer.from('PK'))));
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused).toHaveLength(2);
    const reason = (refused[0] as PromiseRejectedResult).reason as PdfRenderBusyError;
    expect(reason).toBeInstanceOf(PdfRenderBusyError);
    expect(reason).toMatchObject({ running: 1, queued: 2, limit: 2 });
    expect(pool.stats()).toMatchObject({ started: 3, refused: 2, peakRunning: 1 });
    // once the queue drains it takes work again
    await expect(pool.render(Buffer.from('PK'))).resolves.toBeInstanceOf(Buffer);
  });

  it('kills a conversion past its time limit with every process it started, and frees its place', async () => {
    const pool = new PdfRenderPool({ workers: 1, maxQueued: 5, timeoutMs: 700, soffice: hanging });
    const started = Date.now();
    await expect(pool.render(Buffer.from('PK'))).rejects.toBeInstanceOf(PdfRenderTimeoutError);
    expect(Date.now() - started).toBeLessThan(5_000);
    const grandchild = Number(readFileSync(join(dir, 'grandchild.pid'), 'utf8'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    // gone, or a zombie waiting for a reaper (a container's first process may never reap it)
    const state = (() => {
      try {
        return readFileSync(`/proc/${grandchild}/stat`, 'utf8').split(') ')[1]?.[0];
      } catch {
        return 'gone';
      }
    })();
    expect(['gone', 'Z', 'X']).toContain(state);
    expect(pool.stats()).toMatchObject({ running: 0, killed: 1 });
    await expect(pool.render(Buffer.from('PK'), soffice)).resolves.toBeInstanceOf(Buffer);
  });
});
