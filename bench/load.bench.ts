import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { Pool } from 'undici';
import { openDatabase } from '../server/db/client.ts';
import { migrate } from '../server/db/migrate.ts';
import { SYSTEM_ACTOR } from '../server/services/actor.ts';
import { hashPassword } from '../server/services/password.ts';
import { createServices } from '../server/services/services.ts';
import { seedCountSchedule } from '../server/test/fixtures.ts';
import { cpuGaugeMs, percentile, printMeasurement } from './measure.ts';

/**
 * `load_submit_approve`: the real server process (`tiendo serve`) on PostgreSQL, 100 concurrent
 * HTTP clients on loopback for BENCH_LOAD_SECONDS (60), each pausing BENCH_LOAD_THINK_MS (0) on
 * average between its requests, after BENCH_LOAD_WARMUP_SECONDS (10) of the same load whose
 * latencies are printed apart (`warmup`): a server just started loads modules, compiles its hot
 * code and fills PostgreSQL's caches, which a server in service has done long before. Errors and
 * lost writes count over the whole run, warm-up included. officers of grassroots unions open, save
 * and submit their monthly reports one period after another, managers of the communes above
 * approve what arrives in their review queue. Every answered request is timed; `errors` counts
 * answers other than 2xx; `lost` counts writes answered 2xx that the database does not hold at
 * the end (checked directly), and `rollup_mismatch` periods whose roll-up at the top differs from
 * the sum of its approved reports.
 */

const COMMUNES = 10;
const OFFICERS_PER_COMMUNE = 9;
const CLIENTS = COMMUNES * (OFFICERS_PER_COMMUNE + 1);
export const PASSWORD = 'mat-khau-tai-2025';
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); null elsewhere. */
function cpuSeconds(pid: number): number | null {
  try {
    // The fields after the command name (which may hold spaces) are space-separated; utime and
    // stime are the 14th and 15th fields, in clock ticks (100 a second on Linux).
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** CPU seconds of the PostgreSQL backends serving one database (the server's connections). */
async function backendCpuSeconds(admin: postgres.Sql, database: string): Promise<number | null> {
  const pids = await admin<{ pid: number }[]>`SELECT pid FROM pg_stat_activity WHERE datname = ${database}`;
  let total = 0;
  for (const { pid } of pids) {
    const seconds = cpuSeconds(pid);
    if (seconds === null) return null;
    total += seconds;
  }
  return total;
}

export async function seed(databaseUrl: string) {
  const database = openDatabase({ databaseUrl });
  try {
    await migrate(database);
    const services = createServices(database, { sessionTtlHours: 4 }, () => new Date(), {
      log: () => undefined,
    });
    const create = (code: string, type: 'province' | 'commune' | 'grassroots', parentId: number | null) =>
      services.orgChange.create(SYSTEM_ACTOR, {
        code,
        name: `Công đoàn ${code}`,
        type,
        parentId,
        effectiveDate: '2010-01-01',
      });
    const top = await create('TINH', 'province', null);
    const passwordHash = await hashPassword(PASSWORD);
    const officers: { username: string; unitId: number }[] = [];
    const managers: string[] = [];
    for (let c = 1; c <= COMMUNES; c++) {
      const commune = await create(`XA${c}`, 'commune', top.id);
      await services.userRepository.insert({
        username: `quanly${c}`,
        displayName: `Quản lý xã ${c}`,
        passwordHash,
        role: 'manager',
        homeUnitId: commune.id,
      });
      managers.push(`quanly${c}`);
      for (let g = 1; g <= OFFICERS_PER_COMMUNE; g++) {
        const unit = await create(`CS${c}_${g}`, 'grassroots', commune.id);
        const username = `canbo${c}_${g}`;
        await services.userRepository.insert({
          username,
          displayName: `Cán bộ ${c}.${g}`,
          passwordHash,
          role: 'officer',
          homeUnitId: unit.id,
        });
        officers.push({ username, unitId: unit.id });
      }
    }
    // Two monthly schedules of 192 periods each (a schedule holds at most 200), taken month by
    // month: enough work for 70 s at ~1,000 req/s. With one, the officers ran out of periods
    // before the end at ~850 req/s, and the load dropped for the last seconds.
    const monthly = (name: string, indicatorId?: number) =>
      seedCountSchedule(services, top.id, {
        name,
        formName: `Biểu ${name.toLowerCase()}`,
        frequency: 'monthly',
        dueRule: null,
        fromYear: 2010,
        toYear: 2025,
        ...(indicatorId === undefined ? {} : { indicatorId }),
      });
    const first = await monthly('Báo cáo tháng');
    const second = await monthly('Báo cáo tháng về an toàn lao động', first.indicatorId);
    return {
      topId: top.id,
      indicatorId: first.indicatorId,
      periodIds: first.periodIds.flatMap((id, i) => [id, second.periodIds[i]!]),
      officers,
      managers,
    };
  } finally {
    await database.close();
  }
}

async function startServer(
  databaseUrl: string,
  dataDir: string,
): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  // BENCH_SERVER_NODE_ARGS profiles the server alone, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, 'bin/tiendo.mjs', 'serve', '--port', String(port)], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      TIENDO_DATA_DIR: dataDir,
      TIENDO_DEMO: 'off',
      TIENDO_WEB: 'off',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error('server exited at start');
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { url, child };
    } catch {
      // not yet listening
    }
    await sleep(200);
  }
  throw new Error('server not healthy after 120 s');
}

interface Client {
  /** The server process this client talks to. */
  url: string;
  headers: Record<string, string>;
}

/**
 * The clients' HTTP: undici's `Pool.request` over kept-alive connections, one per client at a
 * time, as load generators (autocannon, k6) do. The clients share the server's two cores, so their
 * own cost is part of every latency measured: `fetch` (undici with WHATWG streams) used ~0.68 ms
 * of CPU per request, `node:http` with a keep-alive agent ~0.28 ms.
 */
const pools = new Map<string, Pool>();

async function send(
  origin: string,
  path: string,
  method: 'GET' | 'POST' | 'PUT',
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; json: Record<string, unknown> }> {
  let pool = pools.get(origin);
  if (!pool) {
    pool = new Pool(origin, { connections: CLIENTS + 10, pipelining: 1 });
    pools.set(origin, pool);
  }
  const response = await pool.request({
    path,
    method,
    headers,
    ...(body === undefined ? {} : { body }),
  });
  return { status: response.statusCode, json: (await response.body.json()) as Record<string, unknown> };
}

async function signIn(url: string, username: string): Promise<Client> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`sign-in ${username}: ${response.status}`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('tiendo_session='))!;
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { url, headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' } };
}

const perRequest = (before: number | null, after: number | null, requests: number) =>
  before === null || after === null ? null : Math.round(((after - before) * 1000 * 100) / requests) / 100;

export async function run(): Promise<void> {
  const baseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const seconds = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
  // A pause between one client's requests (a person reading the answer); 0 = as fast as answered.
  const thinkMs = Number(process.env.BENCH_LOAD_THINK_MS ?? 0);
  const warmupSeconds = Number(process.env.BENCH_LOAD_WARMUP_SECONDS ?? 10);
  const think = () => (thinkMs > 0 ? sleep(thinkMs * (0.5 + Math.random())) : Promise.resolve());
  const gauge = cpuGaugeMs();
  const name = `tiendo_load_${randomBytes(5).toString('hex')}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const target = new URL(baseUrl);
  target.pathname = `/${name}`;
  const databaseUrl = target.toString();
  const dataDir = mkdtempSync(join(tmpdir(), 'tiendo-load-'));
  // BENCH_LOAD_SERVERS (1): server processes on the one database, the clients split between them
  // in turn, as behind a reverse proxy.
  const serverCount = Number(process.env.BENCH_LOAD_SERVERS ?? 1);
  let servers: ChildProcess[] = [];
  try {
    const world = await seed(databaseUrl);
    const started = await Promise.all(
      Array.from({ length: serverCount }, () => startServer(databaseUrl, dataDir)),
    );
    servers = started.map((s) => s.child);
    const urlOf = (index: number) => started[index % serverCount]!.url;
    const serversCpu = () => {
      let total = 0;
      for (const child of servers) {
        const seconds = cpuSeconds(child.pid!);
        if (seconds === null) return null;
        total += seconds;
      }
      return total;
    };

    /** Latencies of requests started in the measured window, and of those started in the warm-up. */
    const times: number[] = [];
    const warmupTimes: number[] = [];
    /** The same times by kind of request (method and path without ids). */
    const timesByKind = new Map<string, number[]>();
    /** BENCH_LOAD_TRACE=FILE writes every request (start ms, latency ms, method, path) there. */
    const trace: string[] = [];
    let measureFrom = Number.POSITIVE_INFINITY;
    const record = (method: string, path: string, ms: number) => {
      const startedAt = performance.now() - ms;
      if (process.env.BENCH_LOAD_TRACE)
        trace.push(`${startedAt.toFixed(1)} ${ms.toFixed(1)} ${method} ${path}`);
      if (startedAt < measureFrom) {
        warmupTimes.push(ms);
        return;
      }
      times.push(ms);
      const kind = `${method} ${path.replace(/\d+/g, ':id')}`;
      if (!timesByKind.has(kind)) timesByKind.set(kind, []);
      timesByKind.get(kind)!.push(ms);
    };
    let errors = 0;
    const errorSamples = new Map<string, number>();
    const timed = async (client: Client, method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown) => {
      await think();
      const start = performance.now();
      let response: { status: number; json: Record<string, unknown> };
      try {
        response = await send(
          client.url,
          path,
          method,
          client.headers,
          body === undefined ? undefined : JSON.stringify(body),
        );
      } catch (error) {
        record(method, path, performance.now() - start);
        errors++;
        const key = `network ${(error as Error).message}`;
        errorSamples.set(key, (errorSamples.get(key) ?? 0) + 1);
        return null;
      }
      const json = response.json;
      record(method, path, performance.now() - start);
      if (response.status >= 300) {
        errors++;
        const key = `${method} ${path.replace(/\d+/g, ':id')} ${response.status} ${(json.error as { code?: string })?.code}`;
        errorSamples.set(key, (errorSamples.get(key) ?? 0) + 1);
        return null;
      }
      return json;
    };

    const officerClients = await Promise.all(world.officers.map((o, i) => signIn(urlOf(i), o.username)));
    const managerClients = await Promise.all(world.managers.map((m, i) => signIn(urlOf(i), m)));

    /** What the server acknowledged: per report, the saved value and the furthest status. */
    const acked = new Map<number, { value: number; status: 'draft' | 'submitted' | 'approved' }>();
    const loadBeforeWarmup = loadAverage();
    measureFrom = performance.now() + warmupSeconds * 1000;
    const deadline = measureFrom + seconds * 1000;
    const began = measureFrom;
    // CPU used in the measured window by the server, by PostgreSQL for it and by these clients: the
    // cost of a request, which other work on the machine changes much less than it changes latency.
    const before = (async () => {
      await sleep(warmupSeconds * 1000);
      return {
        load: loadAverage(),
        serverCpu: serversCpu(),
        clientCpu: process.cpuUsage(),
        backendCpu: await backendCpuSeconds(admin, name),
      };
    })();

    const officerLoop = async (index: number) => {
      const client = officerClients[index]!;
      const unitId = world.officers[index]!.unitId;
      for (const periodId of world.periodIds) {
        if (performance.now() > deadline) return;
        const report = await timed(client, 'POST', '/api/reports', { periodId, unitId });
        if (!report) continue;
        const value = (periodId * 7 + unitId) % 50;
        const saved = await timed(client, 'PUT', `/api/reports/${report.id}`, {
          values: [{ indicatorId: world.indicatorId, numerator: value }],
          narrative: { results: `Tháng này đơn vị tổ chức ${value} hoạt động.` },
          version: report.version,
        });
        if (!saved) continue;
        acked.set(report.id as number, { value, status: 'draft' });
        if (performance.now() > deadline) return;
        const submitted = await timed(client, 'POST', `/api/reports/${report.id}/submit`, {
          version: saved.version,
        });
        if (submitted && acked.get(report.id as number)?.status === 'draft')
          acked.set(report.id as number, { value, status: 'submitted' });
      }
    };
    const managerLoop = async (index: number) => {
      const client = managerClients[index]!;
      while (performance.now() < deadline) {
        const queue = (
          (await timed(client, 'GET', '/api/review-queue')) as unknown as {
            items: { reportId: number; version: number }[];
          } | null
        )?.items;
        if (!queue || queue.length === 0) {
          await sleep(25);
          continue;
        }
        for (const item of queue.slice(0, 20)) {
          if (performance.now() > deadline) return;
          const approved = await timed(client, 'POST', `/api/reports/${item.reportId}/approve`, {
            version: item.version,
          });
          const known = acked.get(item.reportId);
          if (approved && known) acked.set(item.reportId, { value: known.value, status: 'approved' });
        }
      }
    };
    // When every officer has gone through every period before the time is up, the load drops:
    // reported, so such a run is not read as a full one.
    let officersDone: number | null = null;
    await Promise.all([
      Promise.all(officerClients.map((_, i) => officerLoop(i))).then(() => {
        if (performance.now() < deadline) officersDone = (performance.now() - began) / 1000;
      }),
      ...managerClients.map((_, i) => managerLoop(i)),
    ]);
    const elapsed = (performance.now() - began) / 1000;
    const loadAfter = loadAverage();
    const {
      load: loadBefore,
      serverCpu: serverCpuBefore,
      clientCpu: clientCpuBefore,
      backendCpu: backendCpuBefore,
    } = await before;
    const clientCpu = process.cpuUsage(clientCpuBefore);
    const serverCpuAfter = serversCpu();
    const backendCpuAfter = await backendCpuSeconds(admin, name);

    // Every acknowledged write, checked in the database.
    const db = postgres(databaseUrl, { max: 2, onnotice: () => undefined });
    let lost = 0;
    let rollupMismatch = 0;
    try {
      const stored = new Map(
        (
          await db<{ id: number; status: string; numerator: number | null }[]>`
            SELECT r.id, r.status, v.numerator FROM reports r
              LEFT JOIN report_values v ON v.report_id = r.id AND v.category = 'total'`
        ).map((r) => [r.id, r]),
      );
      const rank = { draft: 0, submitted: 1, approved: 2 } as Record<string, number>;
      for (const [id, want] of acked) {
        const row = stored.get(id);
        if (!row || row.numerator !== want.value || (rank[row.status] ?? -1) < rank[want.status]!) lost++;
      }
      const sums = await db<{ period_id: number; approved: number; rolled: number }[]>`
        SELECT p.id AS period_id,
               coalesce((SELECT sum(v.numerator) FROM reports r JOIN report_values v ON v.report_id = r.id
                          WHERE r.period_id = p.id AND r.status = 'approved'), 0)::float8 AS approved,
               coalesce((SELECT numerator FROM rollup_values u
                          WHERE u.period_id = p.id AND u.unit_id = ${world.topId} AND u.category = 'total'), 0)::float8 AS rolled
          FROM report_periods p`;
      rollupMismatch = sums.filter((s) => s.approved !== s.rolled).length;
    } finally {
      await db.end();
    }

    if (process.env.BENCH_LOAD_TRACE) writeFileSync(process.env.BENCH_LOAD_TRACE, `${trace.join('\n')}\n`);
    const sorted = [...times].sort((a, b) => a - b);
    const round = (x: number) => Math.round(x * 100) / 100;
    const statusCount = (s: string) => [...acked.values()].filter((a) => a.status === s).length;
    printMeasurement({
      name: 'load_submit_approve',
      engine: 'postgres',
      p50_ms: round(percentile(sorted, 50)),
      p95_ms: round(percentile(sorted, 95)),
      p99_ms: round(percentile(sorted, 99)),
      max_ms: round(sorted[sorted.length - 1] ?? Number.NaN),
      n: sorted.length,
      errors,
      lost,
      rollup_mismatch: rollupMismatch,
      throughput_rps: round(sorted.length / elapsed),
      seconds: round(elapsed),
      clients: CLIENTS,
      servers: serverCount,
      think_ms: thinkMs,
      cpu_ms_per_request: {
        server: perRequest(serverCpuBefore, serverCpuAfter, sorted.length),
        postgres: perRequest(backendCpuBefore, backendCpuAfter, sorted.length),
        clients: round((clientCpu.user + clientCpu.system) / 1000 / sorted.length),
      },
      by_kind: Object.fromEntries(
        [...timesByKind].map(([kind, list]) => {
          const byKind = [...list].sort((a, b) => a - b);
          return [
            kind,
            {
              n: byKind.length,
              p50_ms: round(percentile(byKind, 50)),
              p99_ms: round(percentile(byKind, 99)),
            },
          ];
        }),
      ),
      warmup: (() => {
        const warm = [...warmupTimes].sort((a, b) => a - b);
        return {
          seconds: warmupSeconds,
          n: warm.length,
          p50_ms: round(percentile(warm, 50)),
          p99_ms: round(percentile(warm, 99)),
          loadavg_before: loadBeforeWarmup,
        };
      })(),
      officers_done_s: officersDone === null ? null : round(officersDone),
      saved: acked.size,
      submitted: statusCount('submitted') + statusCount('approved'),
      approved: statusCount('approved'),
      loadavg_before: loadBefore,
      loadavg_after: loadAfter,
      goal_p99_ms: 200,
      cpu_gauge_ms: gauge,
    });
    if (errorSamples.size > 0)
      process.stderr.write(`load: errors by kind ${JSON.stringify(Object.fromEntries(errorSamples))}\n`);
  } finally {
    await Promise.all([...pools.values()].map((pool) => pool.destroy()));
    pools.clear();
    await Promise.all(
      servers
        .filter((server) => server.exitCode === null)
        .map(async (server) => {
          const exited = new Promise((resolve) => server.once('exit', resolve));
          server.kill('SIGTERM');
          await Promise.race([exited, sleep(5000)]);
          if (server.exitCode === null) server.kill('SIGKILL');
        }),
    );
    // BENCH_LOAD_KEEP_DB=1 keeps the database, to look at its plans afterwards.
    if (process.env.BENCH_LOAD_KEEP_DB) process.stderr.write(`load: database kept: ${databaseUrl}\n`);
    else await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
