import { execFileSync } from 'node:child_process';
import { appendFileSync, chownSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postgresBinDir } from './private-postgres.ts';
import { freePort } from './server-process.ts';

/**
 * A primary and a streaming replica of the test's own, as `private-postgres.ts` makes one cluster:
 * initdb of a primary (`wal_level=replica`, replication connections trusted from loopback),
 * `pg_basebackup -R` of it into a second directory (a standby that streams from the primary), and a
 * second `postgres` on another free port. As root, the tools run as the `postgres` user.
 */
export interface PrivateReplicaPair {
  primaryUrl: (database?: string) => string;
  replicaUrl: (database?: string) => string;
  /** Stops the replica at once (`pg_ctl stop -m immediate`): its connections drop mid-query. */
  stopReplica: () => void;
  /** Stops both and removes their files. */
  stop: () => void;
  /** Both servers' logs, for failure messages. */
  log: () => string;
}

export async function startPrivateReplicaPair(): Promise<PrivateReplicaPair> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('initdb not found');
  const dir = mkdtempSync(join(tmpdir(), 'tiendo-replica-'));
  const primaryData = join(dir, 'primary');
  const replicaData = join(dir, 'replica');
  const primaryLog = join(dir, 'primary.log');
  const replicaLog = join(dir, 'replica.log');
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
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  const optionsOf = (port: number) =>
    `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir} -c max_connections=60`;
  run('initdb', [
    '-D',
    primaryData,
    '-A',
    'trust',
    '-U',
    'postgres',
    '--no-sync',
    '-E',
    'UTF8',
    '--locale=C',
  ]);
  // Streaming replication from loopback (initdb's trust lines have it; written out so the test says so).
  const hba = join(primaryData, 'pg_hba.conf');
  appendFileSync(hba, '\nhost replication postgres 127.0.0.1/32 trust\n');
  const primaryOptions = `${optionsOf(primaryPort)} -c wal_level=replica -c max_wal_senders=4`;
  run('pg_ctl', ['-D', primaryData, '-l', primaryLog, '-o', primaryOptions, '-w', '-t', '60', 'start']);
  const readLog = (file: string) => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return '';
    }
  };
  let replicaRunning = false;
  try {
    // -R: standby.signal and primary_conninfo written into the copy; -X stream: the WAL of the copy itself.
    run('pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      String(primaryPort),
      '-U',
      'postgres',
      '-D',
      replicaData,
      '-R',
      '-X',
      'stream',
      '-c',
      'fast',
      '--no-sync',
    ]);
    const replicaOptions = `${optionsOf(replicaPort)} -c hot_standby=on`;
    run('pg_ctl', ['-D', replicaData, '-l', replicaLog, '-o', replicaOptions, '-w', '-t', '60', 'start']);
    replicaRunning = true;
  } catch (error) {
    run('pg_ctl', ['-D', primaryData, '-m', 'immediate', '-w', 'stop']);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const stopReplica = () => {
    if (!replicaRunning) return;
    replicaRunning = false;
    run('pg_ctl', ['-D', replicaData, '-m', 'immediate', '-w', 'stop']);
  };
  return {
    primaryUrl: (database = 'postgres') => `postgres://postgres@127.0.0.1:${primaryPort}/${database}`,
    replicaUrl: (database = 'postgres') => `postgres://postgres@127.0.0.1:${replicaPort}/${database}`,
    stopReplica,
    stop: () => {
      try {
        stopReplica();
      } finally {
        try {
          run('pg_ctl', ['-D', primaryData, '-m', 'immediate', '-w', 'stop']);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }
    },
    log: () => `--- primary\n${readLog(primaryLog)}\n--- replica\n${readLog(replicaLog)}`,
  };
}
