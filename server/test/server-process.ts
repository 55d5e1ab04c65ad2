import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { inject } from 'vitest';
import { type Database, type Engine, openDatabase, pgliteDirOf } from '../db/client.ts';
import { withDatabaseName } from './global-setup.ts';

/**
 * Real `tiendo` processes for fault and multi-instance tests: a server (`tiendo serve`) or a
 * command (`tiendo rollup rebuild`) started as a child process, its output captured, killable
 * with any signal.
 */

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface TiendoProcess {
  child: ChildProcess;
  /** Everything printed so far (stdout and stderr). */
  output: () => string;
  /** Resolves when the output matches `pattern` (rejects on exit or timeout). */
  waitForOutput: (pattern: RegExp, timeoutMs?: number) => Promise<void>;
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<number | NodeJS.Signals>;
  kill: (signal?: NodeJS.Signals) => Promise<number | NodeJS.Signals>;
}

/** Runs `node bin/tiendo.mjs ARGS` with `env` added to this process's environment. */
export function spawnTiendo(args: string[], env: Record<string, string>): TiendoProcess {
  const child = spawn(process.execPath, ['bin/tiendo.mjs', ...args], {
    cwd: repoRoot,
    env: { ...process.env, LOG_LEVEL: 'warn', TIENDO_DEMO: 'off', TIENDO_WEB: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const listeners = new Set<() => void>();
  const append = (chunk: Buffer) => {
    log += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<number | NodeJS.Signals>((resolve) =>
    child.once('exit', (code, signal) => {
      for (const listener of listeners) listener();
      resolve(signal ?? code ?? -1);
    }),
  );
  const waitForOutput = (pattern: RegExp, timeoutMs = 120_000) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (pattern.test(log)) {
          done();
          resolve();
        } else if (child.exitCode !== null || child.signalCode !== null) {
          done();
          reject(new Error(`process ended before ${pattern}:\n${log}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no ${pattern} after ${timeoutMs} ms:\n${log}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      listeners.add(check);
      check();
    });
  const kill = async (signal: NodeJS.Signals = 'SIGKILL') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  return { child, output: () => log, waitForOutput, exited, kill };
}

export interface ServerProcess extends TiendoProcess {
  baseUrl: string;
}

/** `tiendo serve` on a free port; resolves once it answers /api/health. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const server = spawnTiendo(['serve', '--port', String(port)], { HOST: '127.0.0.1', ...env });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (server.child.exitCode !== null || server.child.signalCode !== null)
      throw new Error(`server ended at start:\n${server.output()}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await server.kill();
      throw new Error(`server not healthy:\n${server.output()}`);
    }
    await sleep(150);
  }
  return { ...server, baseUrl };
}

/** A signed-in HTTP client of a running server (cookie and CSRF token). */
export interface HttpSession {
  headers: Record<string, string>;
  request: (method: string, path: string, body?: unknown) => Promise<Response>;
}

export async function signInOver(baseUrl: string, username: string, password: string): Promise<HttpSession> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200)
    throw new Error(`sign-in of ${username}: ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('tiendo_session='));
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return sessionOf(baseUrl, { cookie: cookie!, 'x-csrf-token': csrfToken });
}

/** The same session (cookie and CSRF token) against another server, e.g. a second instance. */
export function sessionOf(baseUrl: string, headers: Record<string, string>): HttpSession {
  return {
    headers,
    request: (method, path, body) =>
      fetch(`${baseUrl}${path}`, {
        method,
        headers:
          body === undefined || body instanceof FormData
            ? headers
            : { ...headers, 'content-type': 'application/json' },
        body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
      }),
  };
}

/**
 * A workspace for server processes: a PGlite data directory or a PostgreSQL database of its own,
 * both migrated (copied from this run's template). `open()` connects the test itself; with
 * PGlite only while no server process holds the directory.
 */
export interface ProcessWorkspace {
  engine: Engine;
  /** Environment for `tiendo` processes on this workspace. */
  env: Record<string, string>;
  open: () => Database;
  dispose: () => Promise<void>;
}

export async function createProcessWorkspace(engine: Engine): Promise<ProcessWorkspace> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tiendo-proc-'));
  if (engine === 'pglite') {
    cpSync(inject('pgliteTemplate'), pgliteDirOf(dataDir), { recursive: true });
    return {
      engine,
      env: { TIENDO_DATA_DIR: dataDir },
      open: () => openDatabase({ dataDir: pgliteDirOf(dataDir) }),
      dispose: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const url = inject('postgresUrl');
  const name = `tiendo_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${inject('postgresTemplate')}`);
  await admin.end();
  const databaseUrl = withDatabaseName(url, name);
  return {
    engine,
    env: { TIENDO_DATA_DIR: dataDir, DATABASE_URL: databaseUrl },
    open: () => openDatabase({ databaseUrl }),
    dispose: async () => {
      const again = postgres(url, { max: 1, onnotice: () => undefined });
      await again.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Opens the workspace, runs `fn`, closes it again. */
export async function withWorkspaceDatabase<T>(
  workspace: ProcessWorkspace,
  fn: (database: Database) => Promise<T>,
): Promise<T> {
  const database = workspace.open();
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}
