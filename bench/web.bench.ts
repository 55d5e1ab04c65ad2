import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { launchBrowser } from '../e2e/support/browser.ts';
import buildWeb from '../e2e/support/build-web.ts';
import { startServer } from '../e2e/support/server.ts';
import { openDatabase, pgliteDirOf } from '../server/db/client.ts';
import { migrate } from '../server/db/migrate.ts';
import { SYSTEM_ACTOR } from '../server/services/actor.ts';
import { hashPassword } from '../server/services/password.ts';
import { createServices } from '../server/services/services.ts';
import { printMeasurement } from './measure.ts';
import { loadNationalDataset } from './rollup.bench.ts';

/**
 * The web in a browser: the initial JavaScript of the main routes (followed through vite's
 * manifest: the entry, the route's lazy module and everything they import statically), and the
 * time until the plan dashboard is interactive on localhost with the national dataset of the
 * roll-up benchmark (BENCH_SCALE shrinks it). Figures are printed, never asserted.
 */

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const dist = join(repoRoot, 'web', 'dist');
const manifestPath = join(dist, '.vite', 'manifest.json');
const log = (line: string) => process.stderr.write(`web bench: ${line}\n`);

interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

/**
 * The main routes and the lazy modules (`web/src/app-routes.tsx`) they load first. `onRender`:
 * modules the route's first render imports by itself, with no user action (matched against the
 * manifest's keys) — not needed before the page is usable, but downloaded anyway, so printed
 * too. Modules fetched only on a user action (a dialog, the unit picker, English) are left out:
 * `e2e/reports.spec.ts` checks in chromium that the report form's first visit fetches no more.
 */
const ROUTES: { name: string; path: string; modules: string[]; onRender?: RegExp[] }[] = [
  { name: 'sign-in', path: '/dang-nhap', modules: ['index.html', 'src/features/auth/login-page.tsx'] },
  {
    name: 'report entry',
    path: '/bao-cao/:id',
    modules: ['index.html', 'src/components/app-shell.tsx', 'src/features/reports/report-page.tsx'],
  },
  {
    name: 'plan dashboard',
    path: '/bang-dieu-khien',
    modules: ['index.html', 'src/components/app-shell.tsx', 'src/features/dashboards/dashboard-page.tsx'],
    // The overview tab's charts import echarts as soon as they mount.
    onRender: [/^src\/features\/dashboards\/echarts-parts\.ts$/],
  },
];

const gzipSize = (file: string): number => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kb = (bytes: number): number => Math.round((bytes / 1024) * 10) / 10;

function routeFiles(manifest: Manifest, modules: string[]): { js: Set<string>; css: Set<string> } {
  const js = new Set<string>();
  const css = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in vite's manifest (renamed? update bench/web.bench.ts)`);
    if (chunk.file.endsWith('.js')) js.add(chunk.file);
    for (const file of chunk.css ?? []) css.add(file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const module of modules) visit(module);
  return { js, css };
}

function bundleSizes(): void {
  if (process.env.BENCH_WEB_BUILD === '1' || !existsSync(manifestPath)) {
    log('building web/dist (vite build)…');
    buildWeb();
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const sum = (files: Set<string>) => [...files].reduce((total, file) => total + gzipSize(file), 0);
  for (const route of ROUTES) {
    const { js, css } = routeFiles(manifest, route.modules);
    const jsBytes = sum(js);
    const cssBytes = sum(css);
    let afterRender: { js_after_render_files: number; js_after_render_gzip_kb: number } | undefined;
    if (route.onRender) {
      const keys = Object.keys(manifest).filter((key) =>
        route.onRender?.some((pattern) => pattern.test(key)),
      );
      if (keys.length !== route.onRender.length)
        throw new Error(`${route.name}: onRender matched ${keys.join(', ') || 'nothing'} in vite's manifest`);
      const all = routeFiles(manifest, [...route.modules, ...keys]).js;
      afterRender = { js_after_render_files: all.size, js_after_render_gzip_kb: kb(sum(all)) };
    }
    printMeasurement({
      name: 'web_initial_js',
      engine: 'chromium',
      p50_ms: Number.NaN,
      p95_ms: Number.NaN,
      n: 1,
      route: route.name,
      path: route.path,
      js_files: js.size,
      js_gzip_kb: kb(jsBytes),
      css_gzip_kb: kb(cssBytes),
      ...afterRender,
      budget_kb: route.name === 'plan dashboard' ? null : 300,
    });
  }
}

const BENCH_USER = { username: 'bench', displayName: 'Đo hiệu năng', password: 'bench-web-2026' };

/** A data directory holding the national dataset, rolled up, and one administrator to sign in. */
async function prepareData(dataDir: string) {
  const database = openDatabase({ dataDir: pgliteDirOf(dataDir) });
  try {
    await migrate(database);
    const services = createServices(database, { sessionTtlHours: 1 }, () => new Date('2026-01-20T03:00:00Z'));
    const start = performance.now();
    const data = await loadNationalDataset(database, services);
    for (const periodId of data.periodIds) await services.rollup.rebuild(SYSTEM_ACTOR, periodId);
    log(`national dataset loaded and rolled up in ${((performance.now() - start) / 1000).toFixed(1)} s`);
    await services.userRepository.insert({
      username: BENCH_USER.username,
      displayName: BENCH_USER.displayName,
      passwordHash: await hashPassword(BENCH_USER.password),
      role: 'admin',
      homeUnitId: data.nationId,
    });
    const periodId = data.periodIds[2]!;
    const dashboard = await services.dashboard.planDashboard(SYSTEM_ACTOR, data.planId, periodId);
    const [units] = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM org_units');
    return {
      planId: data.planId,
      periodId,
      targets: dashboard.targets.length,
      values: data.values,
      units: units!.n,
    };
  } finally {
    await database.close();
  }
}

async function dashboardTiming(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tiendo-bench-web-'));
  try {
    const data = await prepareData(dataDir);
    const server = await startServer({ demo: 'off', dataDir });
    const browser = await launchBrowser();
    try {
      const runs: { cards: number; interactive: number; apiEnd: number; apiMs: number; jsKb: number }[] = [];
      const url = `/bang-dieu-khien?ke-hoach=${data.planId}&ky=${data.periodId}`;
      // Run 0 is cold (first request to the server); the next ones are warm.
      for (let run = 0; run < 6; run++) {
        const page = await browser.newPage({ baseURL: server.baseUrl, width: 1366, height: 860 });
        const login = await page.request.post('/api/auth/login', {
          data: { username: BENCH_USER.username, password: BENCH_USER.password },
        });
        if (!login.ok()) throw new Error(`bench sign-in: ${login.status()} ${await login.text()}`);
        // The scripts the browser fetched, sized as the gzip of the same files in web/dist.
        const scripts = new Set<string>();
        page.on('request', (request) => {
          const path = new URL(request.url()).pathname;
          if (path.endsWith('.js')) scripts.add(path.slice(1));
        });
        await page.goto(url, { waitUntil: 'commit' });
        // Measured in the page, from navigation start: every target card rendered with its
        // status, then the main thread idle (no long task left: the page answers input).
        const cards = await page.waitForFunction(
          (expected) => {
            const found = document.querySelectorAll('[data-testid="target-card"] .dash-status');
            return found.length >= expected && expected > 0 ? performance.now() : false;
          },
          data.targets,
          { timeout: 120_000, polling: 'raf' },
        );
        const cardsMs = (await cards.jsonValue()) as number;
        const interactiveMs = await page.evaluate(
          () =>
            new Promise<number>((resolve) =>
              requestIdleCallback(() => resolve(performance.now()), { timeout: 10_000 }),
            ),
        );
        const api = await page.evaluate(() => {
          const entry = performance
            .getEntriesByType('resource')
            .find((e) => /\/api\/plans\/\d+\/dashboard/.test(e.name)) as
            | PerformanceResourceTiming
            | undefined;
          return entry
            ? { end: entry.responseEnd, ms: entry.responseEnd - entry.requestStart }
            : { end: 0, ms: 0 };
        });
        const jsBytes = [...scripts].reduce(
          (sum, file) => sum + (existsSync(join(dist, file)) ? gzipSize(file) : 0),
          0,
        );
        runs.push({
          cards: cardsMs,
          interactive: interactiveMs,
          apiEnd: api.end,
          apiMs: api.ms,
          jsKb: kb(jsBytes),
        });
        await page.context().close();
        // The closed page's completeness request may still hold the database (PGlite is one
        // connection): wait for the server to answer a database-backed request quickly again,
        // so each run measures one page load alone.
        for (let tries = 0; tries < 120; tries++) {
          const started = performance.now();
          await fetch(`${server.baseUrl}/api/setup`);
          if (performance.now() - started < 100) break;
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      }
      const [cold, ...warm] = runs;
      const sorted = warm.map((r) => r.interactive).sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)]!;
      printMeasurement({
        name: 'web_dashboard_interactive',
        engine: 'chromium',
        p50_ms: Math.round(median),
        p95_ms: Math.round(sorted[sorted.length - 1]!),
        n: warm.length,
        cold_cards_ms: Math.round(cold!.cards),
        cold_interactive_ms: Math.round(cold!.interactive),
        warm_cards_ms: warm.map((r) => Math.round(r.cards)),
        warm_interactive_ms: warm.map((r) => Math.round(r.interactive)),
        warm_dashboard_api_ms: warm.map((r) => Math.round(r.apiMs)),
        warm_dashboard_api_done_at_ms: warm.map((r) => Math.round(r.apiEnd)),
        js_gzip_kb_loaded: cold!.jsKb,
        targets: data.targets,
        units: data.units,
        values: data.values,
        scale: Number(process.env.BENCH_SCALE ?? '1'),
        goal_ms: 1500,
      });
    } finally {
      await browser.close();
      await server.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** `npm run bench -- web` (`BENCH_WEB_BUNDLE_ONLY=1`: the initial JS per route only, no browser). */
export async function run(): Promise<void> {
  bundleSizes();
  if (process.env.BENCH_WEB_BUNDLE_ONLY === '1') return;
  await dashboardTiming();
}
