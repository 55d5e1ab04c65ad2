import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import buildWeb from '../e2e/support/build-web.ts';
import { printMeasurement } from './measure.ts';

/**
 * The report page's first download with the service worker (issue 21, ADR 0002's 300 KB gzip):
 * the page's own initial JavaScript (vite's manifest followed from index.html through the shell
 * and the report page, as `web.bench.ts` does) — the baseline — beside the same plus `sw.js`, the
 * worker script the browser fetches once the page has loaded. Also the files the worker keeps
 * for offline use, fetched in the background after it installs (not counted against the budget:
 * they download after the page is usable, once). Figures are printed, never asserted.
 */

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const dist = join(repoRoot, 'web', 'dist');
const manifestPath = join(dist, '.vite', 'manifest.json');
const REPORT_MODULES = ['index.html', 'src/components/app-shell.tsx', 'src/features/reports/report-page.tsx'];

type Manifest = Record<string, { file: string; imports?: string[] }>;

const gzipSize = (file: string): number => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kb = (bytes: number): number => Math.round((bytes / 1024) * 10) / 10;

function initialJs(manifest: Manifest, modules: string[]): Set<string> {
  const js = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in vite's manifest (renamed? update bench/offline.bench.ts)`);
    if (js.has(chunk.file)) return;
    if (chunk.file.endsWith('.js')) js.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const module of modules) visit(module);
  return js;
}

export async function run(): Promise<void> {
  if (process.env.BENCH_WEB_BUILD === '1' || !existsSync(manifestPath) || !existsSync(join(dist, 'sw.js'))) {
    process.stderr.write('offline bench: building web/dist (vite build)…\n');
    buildWeb();
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const js = initialJs(manifest, REPORT_MODULES);
  const pageBytes = [...js].reduce((total, file) => total + gzipSize(file), 0);
  const swBytes = gzipSize('sw.js');
  const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
  // The list of files to keep is a file of its own (fetched once per new worker, not per visit).
  const listFile = /(sw-precache-[0-9a-f]+\.json)/.exec(sw)?.[1];
  if (!listFile) throw new Error('sw.js names no precache list (changed? update bench/offline.bench.ts)');
  const precache = JSON.parse(readFileSync(join(dist, listFile), 'utf8')) as string[];
  const precacheBytes = precache.reduce((total, url) => total + gzipSize(url.replace(/^\//, '')), 0);
  printMeasurement({
    name: 'web_report_js_with_service_worker',
    engine: 'chromium',
    p50_ms: Number.NaN,
    p95_ms: Number.NaN,
    n: 1,
    route: 'report entry',
    path: '/bao-cao/:id',
    baseline_js_files: js.size,
    baseline_js_gzip_kb: kb(pageBytes),
    sw_js_gzip_kb: kb(swBytes),
    with_sw_js_gzip_kb: kb(pageBytes + swBytes),
    budget_kb: 300,
    precache_list_gzip_kb: kb(gzipSize(listFile)),
    precache_files: precache.length,
    precache_gzip_kb: kb(precacheBytes),
  });
}
