import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './server-process.ts';

/**
 * A PostgreSQL cluster of the test's own (initdb + pg_ctl on a free port, trust auth, socket in
 * its temporary directory), so a test may restart or stop it without touching the shared server.
 * As root, the tools run as the `postgres` user (initdb refuses root).
 */
export interface PrivatePostgres {
  url: (database?: string) => string;
  /** Restarts the server (asynchronously, so this process keeps serving its clients meanwhile). */
  restart: (mode: 'fast' | 'immediate') => Promise<void>;
  stop: () => void;
  /** The server's log, for failure messages. */
  log: () => string;
}

/** The directory of initdb and pg_ctl, or null when PostgreSQL's server tools are not installed. */
export function postgresBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(root, versions[0], 'bin');
  }
  try {
    const initdb = execFileSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).trim();
    return initdb ? join(initdb, '..') : null;
  } catch {
    return null;
  }
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('initdb not found');
  const dir = mkdtempSync(join(tmpdir(), 'tiendo-pg-'));
  const data = join(dir, 'data');
  const logFile = join(dir, 'server.log');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const run = (tool: string, args: string[]) =>
    execFileSync(
      asRoot ? 'runuser' : join(bin, tool),
      asRoot ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args,
      { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', timeout: 120_000 },
    );
  const port = await freePort();
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const options = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir} -c max_connections=60`;
  run('pg_ctl', ['-D', data, '-l', logFile, '-o', options, '-w', '-t', '60', 'start']);
  const readLog = () => {
    try {
      return execFileSync('cat', [logFile], { encoding: 'utf8' });
    } catch {
      return '';
    }
  };
  return {
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    restart: async (mode) => {
      const args = ['-D', data, '-l', logFile, '-o', options, '-m', mode, '-w', '-t', '60', 'restart'];
      const tool = join(bin, 'pg_ctl');
      await promisify(execFile)(
        asRoot ? 'runuser' : tool,
        asRoot ? ['-u', 'postgres', '--', tool, ...args] : args,
        { timeout: 120_000 },
      );
    },
    stop: () => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    log: readLog,
  };
}
