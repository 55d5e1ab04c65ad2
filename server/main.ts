import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { configurePdfRendering } from '../documents/render/render-pdf.ts';
import { buildApp, WEB_DIST } from './app.ts';
import { type Config, setupWizardHint } from './config.ts';
import { type Database, openDatabase, pgliteDirOf } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { withReadReplicas } from './db/read-routing.ts';
import { underStartupLock } from './db/startup-lock.ts';
import { DEMO_PASSWORD, type DemoAccount, loadDemoWorkspace } from './seed/demo-workspace.ts';
import { createServices, type Services } from './services/services.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export function openConfiguredDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir'> &
    Partial<
      Pick<
        Config,
        'databasePoolSize' | 'databaseStatementTimeoutMs' | 'databaseReadUrls' | 'databaseReadMaxLagMs'
      >
    >,
  log?: (line: string) => void,
): Database {
  const primary = openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: pgliteDirOf(config.dataDir),
    poolSize: config.databasePoolSize,
    statementTimeoutMs: config.databaseStatementTimeoutMs,
  });
  // Streaming replicas for dashboard, drill-down and export reads (server/db/read-routing.ts).
  if (!config.databaseReadUrls?.length) return primary;
  return withReadReplicas(primary, config.databaseReadUrls, {
    maxLagMs: config.databaseReadMaxLagMs ?? 5_000,
    poolSize: config.databasePoolSize,
    statementTimeoutMs: config.databaseStatementTimeoutMs,
    ...(log ? { log } : {}),
  });
}

/** Builds the web app once when `web/dist` is missing (a fresh clone). */
export function ensureWebBuilt(log: (line: string) => void): void {
  if (existsSync(`${WEB_DIST}/index.html`)) return;
  if (!existsSync(`${ROOT}/web/vite.config.ts`)) return;
  log('Đang dựng giao diện web lần đầu (vite build)…');
  const result = spawnSync(
    process.execPath,
    [
      `${ROOT}/node_modules/vite/bin/vite.js`,
      'build',
      '--config',
      'web/vite.config.ts',
      '--logLevel',
      'warn',
    ],
    {
      cwd: ROOT,
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) throw new Error('Không dựng được giao diện web (vite build thất bại)');
}

/** Loads the demo when the workspace is empty and demo mode allows it. */
export async function loadDemoIfEmpty(
  services: Services,
  mode: Config['demo'],
  log: (line: string) => void,
): Promise<DemoAccount[] | null> {
  if (mode === 'off') return null;
  if (mode === 'auto' && (await services.orgRepository.countUnits()) > 0) return null;
  if ((await services.settings.get('demo')) !== undefined) return null;
  log('Đang nạp không gian làm việc mẫu (dữ liệu mẫu)…');
  return loadDemoWorkspace(services);
}

export function printDemoAccounts(accounts: DemoAccount[], log: (line: string) => void) {
  log('');
  log('  Dữ liệu mẫu đã sẵn sàng. Đăng nhập bằng (mật khẩu cho mọi tài khoản mẫu):');
  log(`    mật khẩu: ${DEMO_PASSWORD}`);
  for (const a of accounts) log(`    ${a.username.padEnd(12)} ${a.role.padEnd(8)} ${a.unit}`);
  log('');
}

export interface RunningServer {
  url: string;
  close: () => Promise<void>;
}

export async function startServer(
  config: Config,
  log: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
): Promise<RunningServer> {
  const started = performance.now();
  // LibreOffice: at most PDF_RENDER_WORKERS conversions at once in this instance, a short queue
  configurePdfRendering(config.pdfRender);
  if (config.serveWeb) ensureWebBuilt(log);
  const database = openConfiguredDatabase(config, log);
  // The demo loader is called once the services exist, with them.
  const services: Services = createServices(database, config, () => new Date(), {
    log,
    loadDemo: () => loadDemoWorkspace(services),
  });
  // Instances started together on one database take turns to migrate and seed (startup-lock.ts).
  const { applied, accounts } = await underStartupLock(database, async () => ({
    applied: await migrate(database),
    accounts: await loadDemoIfEmpty(services, config.demo, log),
  }));
  if (applied > 0) log(`Đã áp dụng ${applied} migration.`);
  // A cycle stored before the tree's rule (or by hand) is named at every start, with its repair.
  // The check never stops a start: a failure is logged and `tiendo org check` can be run by hand.
  await services.org
    .logStoredCycles(log)
    .catch(() => log('Chưa kiểm tra được vòng lặp trong cơ cấu tổ chức; hãy chạy "tiendo org check".'));
  const app = await buildApp({ config, services, serveWeb: config.serveWeb });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://localhost:${port}`;
  if (accounts && accounts.length > 0) printDemoAccounts(accounts, log);
  else if ((await services.setup.status()).needsSetup) for (const line of setupWizardHint(url)) log(line);
  log(
    `Tiến Độ đang chạy tại ${url} (CSDL: ${database.engine}, khởi động ${Math.round(performance.now() - started)} ms)`,
  );

  // Reminders: every instance plans and sends; the database makes each reminder go out once.
  const stopReminders = services.reminders.start(() => new Date(), `${hostname()}-${process.pid}`, log);
  // Roll-ups queued by an organisation change: rebuilt within seconds, one period at a time.
  const stopRollups = services.rollup.start(log);
  // Sessions served from memory while this instance hears of every change to them.
  const stopSessionCache = await services.auth.startSessionCache();
  // Expired sessions and sign-in counts long over, deleted every hour.
  const stopSweeping = services.auth.startSweeping(log);
  // Files on disk that no row names (a kill between writing a file and its row), past a grace period.
  const stopFileSweep = services.attachments.startSweeping(log);

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      stopReminders();
      stopRollups();
      stopSweeping();
      stopFileSweep();
      services.documentParse.close();
      services.spreadsheets.close();
      await stopSessionCache();
      await app.close();
      await database.close();
    })();
    return closing;
  };
  return { url, close };
}

/** Deletes the embedded database (for `demo --reset`). */
export function removeEmbeddedDatabase(config: Pick<Config, 'dataDir'>) {
  rmSync(pgliteDirOf(config.dataDir), { recursive: true, force: true });
}
