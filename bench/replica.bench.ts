import postgres from 'postgres';
import { type Database, openDatabase } from '../server/db/client.ts';
import { migrate } from '../server/db/migrate.ts';
import { lsnValue, withReadReplicas } from '../server/db/read-routing.ts';
import { seedReportingOrg } from '../server/faults/process-fixtures.ts';
import { SYSTEM_ACTOR } from '../server/services/actor.ts';
import { createServices } from '../server/services/services.ts';
import { postgresBinDir } from '../server/test/private-postgres.ts';
import { startPrivateReplicaPair } from '../server/test/private-replica.ts';
import { cpuGaugeMs, percentile, printMeasurement } from './measure.ts';

/**
 * Reads on a streaming replica (`server/db/read-routing.ts`), on a primary and a replica of the
 * bench's own (initdb, `pg_basebackup -R`, two `postgres` on this machine):
 * - `replica_replay_lag`: from an approval's answer to the moment the replica has replayed the
 *   primary's WAL position taken right after it (`pg_last_wal_replay_lsn()`), per approval.
 * - `replica_drilldown`, `replica_plan_dashboard`: the province's drill-down (its grassroots unions
 *   with their figures) and the plan's dashboard, read through the routing (served by the replica)
 *   beside the same read on the primary alone, alternated in the same run.
 * Both servers share this machine's two cores, so the figures show what the routing costs and how
 * fresh a replica keeps, not the capacity a replica on its own machine adds.
 */
const UNITS = Number(process.env.BENCH_REPLICA_UNITS ?? 300);
const LAG_SAMPLES = 100;
const READS = 200;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function run(): Promise<void> {
  if (!postgresBinDir()) {
    process.stderr.write('bench replica: initdb not found (PostgreSQL server tools), skipped\n');
    return;
  }
  const gauge = cpuGaugeMs();
  const pair = await startPrivateReplicaPair();
  let primary: Database | null = null;
  let routed: ReturnType<typeof withReadReplicas> | null = null;
  const replica = postgres(pair.replicaUrl('tiendo'), { max: 1, onnotice: () => undefined });
  try {
    const admin = postgres(pair.primaryUrl(), { max: 1, onnotice: () => undefined });
    await admin.unsafe('CREATE DATABASE tiendo');
    await admin.end();
    primary = openDatabase({ databaseUrl: pair.primaryUrl('tiendo') });
    await migrate(primary);
    const seeded = await seedReportingOrg(primary, { units: UNITS, fromYear: 2025, toYear: 2025 });
    const periodId = seeded.periodIds[0]!;
    const planId = (await primary.query<{ id: number }>('SELECT id FROM plans'))[0]!.id;
    const unitIds = (
      await primary.query<{ id: number }>(`SELECT id FROM org_units WHERE code LIKE 'G%' ORDER BY id`)
    ).map((r) => r.id);
    const onPrimary = createServices(primary, { sessionTtlHours: 1 }, () => new Date(), {
      log: () => undefined,
    });
    const submitted: { id: number; version: number }[] = [];
    for (const [k, unitId] of unitIds.entries()) {
      const opened = await onPrimary.reports.open(SYSTEM_ACTOR, periodId, unitId);
      const saved = await onPrimary.reports.save(SYSTEM_ACTOR, opened.id, {
        values: [
          {
            indicatorId: seeded.indicatorId,
            category: 'total',
            numerator: (k % 9) + 1,
            denominator: null,
            comment: null,
          },
        ],
        narrative: { results: `Đơn vị ${k + 1} đã tổ chức các hoạt động theo kế hoạch.` },
        version: opened.version,
      });
      const sent = await onPrimary.reports.submit(SYSTEM_ACTOR, saved.id, saved.version);
      submitted.push({ id: sent.id, version: sent.version });
    }

    // Replay lag: an approval, then the replica polled until it has replayed the primary's position.
    const lags: number[] = [];
    for (const [k, report] of submitted.entries()) {
      await onPrimary.reviews.approve(SYSTEM_ACTOR, report.id, report.version);
      if (k >= LAG_SAMPLES) continue;
      const answered = performance.now();
      const [{ lsn }] = (await primary.query<{ lsn: string }>(
        'SELECT pg_current_wal_lsn()::text AS lsn',
      )) as [{ lsn: string }];
      const target = lsnValue(lsn);
      for (;;) {
        const [row] = await replica.unsafe<{ lsn: string }[]>('SELECT pg_last_wal_replay_lsn()::text AS lsn');
        if (row && lsnValue(row.lsn) >= target) break;
        await sleep(0.2);
      }
      lags.push(performance.now() - answered);
    }
    lags.sort((a, b) => a - b);
    printMeasurement({
      name: 'replica_replay_lag',
      engine: 'postgres',
      p50_ms: Math.round(percentile(lags, 50) * 100) / 100,
      p95_ms: Math.round(percentile(lags, 95) * 100) / 100,
      n: lags.length,
      max_ms: Math.round(lags.at(-1)! * 100) / 100,
      cpu_gauge_ms: gauge,
    });

    routed = withReadReplicas(
      openDatabase({ databaseUrl: pair.primaryUrl('tiendo') }),
      [pair.replicaUrl('tiendo')],
      {
        maxLagMs: 5_000,
        log: () => undefined,
      },
    );
    const viaRouting = createServices(routed, { sessionTtlHours: 1 }, () => new Date(), {
      log: () => undefined,
    });
    for (let i = 0; routed.reads.status()[0]?.up !== true; i++) {
      if (i > 300) throw new Error('the replica never answered a probe');
      await sleep(100);
    }
    const reads = {
      replica_drilldown: (s: typeof onPrimary) => s.drilldown.drilldown(SYSTEM_ACTOR, periodId, seeded.topId),
      replica_plan_dashboard: (s: typeof onPrimary) =>
        s.dashboard.planDashboard(SYSTEM_ACTOR, planId, periodId, { completeness: false }),
    };
    for (const [name, read] of Object.entries(reads)) {
      const servedBefore = routed.reads.status()[0]!.served;
      // Alternated read by read, so both see the machine at the same moments (after a warm-up of each).
      await read(viaRouting);
      await read(onPrimary);
      const onReplica: number[] = [];
      const baseline: number[] = [];
      const sources = new Set<string>();
      for (let i = 0; i < READS * 2; i++) {
        const start = performance.now();
        const result = await read(i % 2 === 0 ? viaRouting : onPrimary);
        const ms = performance.now() - start;
        if (i % 2 === 0) {
          onReplica.push(ms);
          sources.add(result.freshness.source);
        } else baseline.push(ms);
      }
      onReplica.sort((a, b) => a - b);
      baseline.sort((a, b) => a - b);
      const r = (x: number) => Math.round(x * 100) / 100;
      printMeasurement({
        name,
        engine: 'postgres',
        p50_ms: r(percentile(onReplica, 50)),
        p95_ms: r(percentile(onReplica, 95)),
        n: onReplica.length,
        baseline: 'the same read on the primary alone, alternated in this run',
        primary_p50_ms: r(percentile(baseline, 50)),
        primary_p95_ms: r(percentile(baseline, 95)),
        served_by_replica: routed.reads.status()[0]!.served - servedBefore,
        sources: [...sources].join(','),
        units: UNITS,
        cpu_gauge_ms: gauge,
      });
    }
  } finally {
    await replica.end();
    await routed?.close();
    await primary?.close();
    pair.stop();
  }
}
