import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { makeDocx } from '../documents/archive/test-zip.ts';
import { DEFAULT_READ_LIMITS } from '../documents/parse/read-limits.ts';
import { makePdf } from '../documents/parse/test-pdf.ts';
import { DEFAULT_PARSE_CONFIG } from '../server/config.ts';
import { DocumentReaderPool } from '../server/workers/document-reader-pool.ts';
import { percentile, printMeasurement } from './measure.ts';

/**
 * Another user's requests while hostile documents are read (issue 18): a 300 MB zip-bomb DOCX, a
 * 25 MB text on one line and a 2,000-page text PDF sent at once to the reader pool (default
 * configuration: one worker, the rest queued). A small HTTP server in this process answers a
 * client polling it every 20 ms; its latencies and the event loop's lag are what a request feels.
 * Goal: p99 ≤ 200 ms.
 */
export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tiendo-bench-isolation-'));
  const files = {
    bomb: join(dir, 'bomb.docx'),
    text: join(dir, 'flood.txt'),
    pdf: join(dir, 'pages.pdf'),
  };
  writeFileSync(files.bomb, await makeDocx(300));
  writeFileSync(files.text, Buffer.alloc(25 * 1024 * 1024, 'a'));
  writeFileSync(files.pdf, makePdf({ pages: 2_000, text: 'Trang van ban co lop chu de doc thu' }));
  const server = createServer((_, res) => res.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const ask = () =>
    new Promise<number>((resolve, reject) => {
      const start = performance.now();
      request({ port, host: '127.0.0.1', path: '/' }, (res) => {
        res.resume();
        res.on('end', () => resolve(performance.now() - start));
      })
        .on('error', reject)
        .end();
    });
  const pool = new DocumentReaderPool({
    workers: DEFAULT_PARSE_CONFIG.workers,
    timeoutMs: DEFAULT_PARSE_CONFIG.timeoutMs,
    memoryMb: DEFAULT_PARSE_CONFIG.memoryMb,
    maxQueued: 20,
  });
  try {
    const histogram = monitorEventLoopDelay({ resolution: 1 });
    histogram.enable();
    const started = performance.now();
    const reads = Object.entries(files).map(([name, path]) =>
      pool
        .submit({ kind: 'file', path, source: name, limits: DEFAULT_READ_LIMITS })
        .outcome.then((outcome) => ({
          name,
          ms: Math.round(performance.now() - started),
          outcome: outcome.status === 'done' ? 'done' : outcome.code,
        })),
    );
    let finished = false;
    const all = Promise.all(reads).finally(() => {
      finished = true;
    });
    const latencies: number[] = [];
    while (!finished) {
      latencies.push(await ask());
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const outcomes = await all;
    histogram.disable();
    latencies.sort((a, b) => a - b);
    const round = (ms: number) => Math.round(ms * 100) / 100;
    printMeasurement({
      name: 'requests_while_hostile_documents_are_read',
      engine: 'none',
      p50_ms: round(percentile(latencies, 50)),
      p95_ms: round(percentile(latencies, 95)),
      p99_ms: round(percentile(latencies, 99)),
      max_ms: round(latencies.at(-1) ?? 0),
      n: latencies.length,
      eventloop_p99_lag_ms: round(histogram.percentile(99) / 1e6),
      eventloop_max_lag_ms: round(histogram.max / 1e6),
      reads: outcomes,
      goal_p99_ms: 200,
    });
  } finally {
    pool.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
