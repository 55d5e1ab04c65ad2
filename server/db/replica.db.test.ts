import { tmpdir } from 'node:os';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seedReportingOrg } from '../faults/process-fixtures.ts';
import { openConfiguredDatabase } from '../main.ts';
import { createTestApp, type TestApp } from '../test/fixtures.ts';
import { postgresBinDir } from '../test/private-postgres.ts';
import { type PrivateReplicaPair, startPrivateReplicaPair } from '../test/private-replica.ts';
import { openDatabase } from './client.ts';
import { migrate } from './migrate.ts';
import { type RoutedDatabase, readRoutingOf, withReadReplicas } from './read-routing.ts';

/**
 * Reads on a real streaming replica (`server/db/read-routing.ts`): a primary and a replica made by
 * `pg_basebackup -R`, each a `postgres` of the test's own. An approval on the primary shows on a
 * replica-served drill-down within the lag bound; the approver reads their own write on the
 * primary; a replica held back past the bound is passed over; stopping the replica loses no request.
 */

const MAX_LAG_MS = 2_000;
const PROBE_MS = 200;

const reason = !inject('postgresUrl')
  ? 'TEST_DATABASE_URL is unset (the replica test runs with the PostgreSQL database tests)'
  : !postgresBinDir()
    ? 'initdb and pg_basebackup not found (CI installs PostgreSQL’s server tools)'
    : null;
if (reason) process.stdout.write(`[tiendo] replica test skipped: ${reason}.\n`);

interface Freshness {
  source: 'primary' | 'replica';
  asOf: string;
  lagMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(reason !== null)('reads on a streaming replica', () => {
  let pair: PrivateReplicaPair;
  let database: RoutedDatabase;
  let t: TestApp;
  let periodId: number;
  let indicatorId: number;
  let topId: number;
  let planId: number;
  let unitIds: number[];
  const logged: string[] = [];

  beforeAll(async () => {
    pair = await startPrivateReplicaPair();
    const admin = postgres(pair.primaryUrl(), { max: 1, onnotice: () => undefined });
    await admin.unsafe('CREATE DATABASE tiendo');
    await admin.end();
    const primary = openDatabase({ databaseUrl: pair.primaryUrl('tiendo') });
    try {
      await migrate(primary);
      const seeded = await seedReportingOrg(primary, { units: 6, fromYear: 2025, toYear: 2025 });
      periodId = seeded.periodIds[0]!;
      indicatorId = seeded.indicatorId;
      topId = seeded.topId;
      unitIds = (
        await primary.query<{ id: number }>(`SELECT id FROM org_units WHERE code LIKE 'G%' ORDER BY id`)
      ).map((r) => r.id);
      planId = (await primary.query<{ id: number }>('SELECT id FROM plans'))[0]!.id;
    } finally {
      await primary.close();
    }
    database = withReadReplicas(
      openDatabase({ databaseUrl: pair.primaryUrl('tiendo') }),
      [pair.replicaUrl('tiendo')],
      {
        maxLagMs: MAX_LAG_MS,
        probeIntervalMs: PROBE_MS,
        poolSize: 4,
        log: (line) => logged.push(line),
      },
    );
    t = await createTestApp(database);
    // The replica has the database and has answered a probe within the bound.
    for (const deadline = Date.now() + 30_000; database.reads.status()[0]?.up !== true; ) {
      if (Date.now() > deadline)
        throw new Error(`the replica never answered\n${logged.join('\n')}\n${pair.log()}`);
      await sleep(100);
    }
  }, 180_000);

  afterAll(async () => {
    await t?.app.close();
    await database?.close();
    pair?.stop();
  });

  async function drilldown(
    headers: Record<string, string>,
  ): Promise<{ value: number; freshness: Freshness }> {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/periods/${periodId}/drilldown?unitId=${topId}`,
      headers,
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as {
      unit: { figures: { indicatorId: number; numerator: number | null }[] };
      freshness: Freshness;
    };
    return {
      value: body.unit.figures.find((f) => f.indicatorId === indicatorId)?.numerator ?? 0,
      freshness: body.freshness,
    };
  }

  /** A report of `unitId` written and submitted by the officer, approved by the manager. */
  async function approveReport(unitId: number, count: number, manager: Record<string, string>) {
    const officer = await t.signIn('officer');
    const call = async (method: 'POST' | 'PUT', url: string, payload: object, headers = officer) => {
      const response = await t.app.inject({ method, url, payload, headers });
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as { id: number; version: number };
    };
    const opened = await call('POST', '/api/reports', { periodId, unitId });
    const saved = await call('PUT', `/api/reports/${opened.id}`, {
      values: [{ indicatorId, numerator: count }],
      narrative: { results: `Đã tổ chức ${count} hoạt động.` },
      version: opened.version,
    });
    const submitted = await call('POST', `/api/reports/${opened.id}/submit`, { version: saved.version });
    const approved = await t.app.inject({
      method: 'POST',
      url: `/api/reports/${opened.id}/approve`,
      payload: { version: submitted.version },
      headers: manager,
    });
    expect(approved.statusCode, approved.body).toBe(200);
    return approved;
  }

  it('shows an approval on the primary in a replica-served drill-down within the bound', async () => {
    const reader = await t.signIn('admin');
    const before = await drilldown(reader);
    expect(before.freshness.source).toBe('replica');
    expect(before.value).toBe(0);

    const manager = await t.signIn('manager');
    const approved = await approveReport(unitIds[0]!, 17, manager);
    const approvedAt = Date.now();
    // The approver reads their own write: on the primary, at once (the cookie would tell another instance).
    const cookie = approved.cookies.find((c) => c.name === 'tiendo_wrote');
    expect(Number(cookie?.value)).toBeGreaterThan(approvedAt - 5_000);
    const own = await drilldown(manager);
    expect(own).toMatchObject({ value: 17, freshness: { source: 'primary', lagMs: 0 } });

    // Another user, served by the replica: the figure shows there within the bound.
    let seen: { value: number; freshness: Freshness } | null = null;
    while (Date.now() - approvedAt <= MAX_LAG_MS) {
      const read = await drilldown(reader);
      if (read.freshness.source === 'replica' && read.value === 17) {
        seen = read;
        break;
      }
      await sleep(20);
    }
    const elapsed = Date.now() - approvedAt;
    expect(seen, `not on the replica within ${MAX_LAG_MS} ms\n${logged.join('\n')}`).not.toBeNull();
    expect(seen!.freshness.lagMs).toBeLessThanOrEqual(MAX_LAG_MS);
    expect(new Date(seen!.freshness.asOf).getTime()).toBeGreaterThan(approvedAt - MAX_LAG_MS);
    // The completeness view and the dashboard with completeness, read on the replica too.
    const completeness = await t.app.inject({
      method: 'GET',
      url: `/api/periods/${periodId}/completeness?unitId=${topId}`,
      headers: reader,
    });
    expect(completeness.statusCode, completeness.body).toBe(200);
    expect(completeness.json()).toMatchObject({ total: { approved: 1 }, freshness: { source: 'replica' } });
    const dashboard = await t.app.inject({
      method: 'GET',
      url: `/api/plans/${planId}/dashboard?periodId=${periodId}`,
      headers: reader,
    });
    expect(dashboard.statusCode, dashboard.body).toBe(200);
    expect(dashboard.json()).toMatchObject({
      completeness: { total: { approved: 1 } },
      freshness: { source: 'replica' },
    });
    process.stdout.write(
      `[tiendo] replica: approval visible on the replica after ${elapsed} ms (lag stamp ${seen!.freshness.lagMs} ms, bound ${MAX_LAG_MS} ms)\n`,
    );
  }, 60_000);

  it('opens the configured replicas beside the primary (DATABASE_READ_URL), never reading a primary', async () => {
    // The second URL is the shared test server: a primary (not in recovery) of another cluster.
    const configured = openConfiguredDatabase({
      databaseUrl: pair.primaryUrl('tiendo'),
      dataDir: tmpdir(),
      databaseReadUrls: [pair.replicaUrl('tiendo'), inject('postgresUrl')],
      databaseReadMaxLagMs: MAX_LAG_MS,
    });
    try {
      const reads = readRoutingOf(configured);
      expect(reads.replicaCount).toBe(2);
      for (const deadline = Date.now() + 10_000; !reads.status()[0]?.up && Date.now() < deadline; )
        await sleep(50);
      expect(reads.status()[0]).toMatchObject({
        label: `127.0.0.1:${new URL(pair.replicaUrl()).port}/tiendo`,
        up: true,
      });
      for (let i = 0; i < 10; i++) {
        const read = await reads.read(() =>
          configured.query<{ standby: boolean }>('SELECT pg_is_in_recovery() AS standby'),
        );
        expect(read).toMatchObject({ value: [{ standby: true }], freshness: { source: 'replica' } });
      }
      expect(reads.status()[1]).toMatchObject({ up: false, served: 0 });
    } finally {
      await configured.close();
    }
  });

  it('reads on the primary while the replica lags past the bound, and on the replica again after', async () => {
    const reader = await t.signIn('admin');
    const manager = await t.signIn('manager');
    const replica = postgres(pair.replicaUrl('tiendo'), { max: 1, onnotice: () => undefined });
    try {
      await replica.unsafe('SELECT pg_wal_replay_pause()');
      await approveReport(unitIds[1]!, 5, manager);
      // Past the bound, the replica (still up, answering probes) is passed over: the primary has 22.
      await sleep(MAX_LAG_MS + 4 * PROBE_MS);
      const lagging = await drilldown(reader);
      expect(lagging).toMatchObject({ value: 22, freshness: { source: 'primary' } });
      expect(database.reads.status()[0]).toMatchObject({ up: true });
      await replica.unsafe('SELECT pg_wal_replay_resume()');
    } finally {
      await replica.end();
    }
    await expect
      .poll(async () => drilldown(reader), { timeout: 10_000, interval: 50 })
      .toMatchObject({ value: 22, freshness: { source: 'replica' } });
  }, 60_000);

  it('keeps reads inside a transaction on the primary, and runs a read that writes there', async () => {
    // Caught up again after the previous test: a read outside any transaction is the replica's.
    await expect
      .poll(async () => (await database.reads.read(async () => 1)).freshness.source, { timeout: 10_000 })
      .toBe('replica');
    await database.transaction(async () => {
      const inside = await database.reads.read(() =>
        database.query<{ standby: boolean }>('SELECT pg_is_in_recovery() AS standby'),
      );
      expect(inside).toMatchObject({ value: [{ standby: false }], freshness: { source: 'primary' } });
    });
    // A hot standby refuses to write (25006): the read is run again on the primary, not failed.
    const fellBack = database.reads.status()[0]!.fellBack;
    const writing = await database.reads.read(() =>
      database.query('CREATE TEMP TABLE IF NOT EXISTS replica_probe (n int)'),
    );
    expect(writing.freshness.source).toBe('primary');
    expect(database.reads.status()[0]!.fellBack).toBe(fellBack + 1);
  });

  it('loses no request when the replica stops', async () => {
    const reader = await t.signIn('admin');
    const dashboardUrl = `/api/plans/${planId}/dashboard?periodId=${periodId}&completeness=false`;
    const statuses: number[] = [];
    const sources: { at: number; source: string }[] = [];
    let stopping = false;
    let stoppedAt = 0;
    const readers = Array.from({ length: 6 }, async (_, k) => {
      while (!stopping || Date.now() - stoppedAt < 1_500) {
        const response = await t.app.inject({
          method: 'GET',
          url: k % 2 === 0 ? dashboardUrl : `/api/periods/${periodId}/drilldown?unitId=${topId}`,
          headers: reader,
        });
        statuses.push(response.statusCode);
        if (response.statusCode === 200)
          sources.push({
            at: Date.now(),
            source: (response.json() as { freshness: Freshness }).freshness.source,
          });
      }
    });
    await expect
      .poll(() => sources.filter((s) => s.source === 'replica').length, { timeout: 20_000 })
      .toBeGreaterThan(20);
    const served = database.reads.status()[0]!.served;
    pair.stopReplica();
    stoppedAt = Date.now();
    stopping = true;
    await Promise.all(readers);
    // Every request answered 200: the reads in flight on the replica were run again on the primary.
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(served).toBeGreaterThan(0);
    const after = sources.filter((s) => s.at > stoppedAt + 100);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((s) => s.source === 'primary')).toBe(true);
    expect(database.reads.status()[0]).toMatchObject({ up: false });
    process.stdout.write(
      `[tiendo] replica stopped under ${statuses.length} reads: 0 lost, ${database.reads.status()[0]!.fellBack} run again on the primary\n`,
    );
  }, 60_000);
});
