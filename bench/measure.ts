/** Helpers shared by the benchmarks: timing, percentiles, the machine's speed and the one-JSON-line output. */
import { createHash } from 'node:crypto';

export interface Measurement {
  name: string;
  engine: string;
  p50_ms: number;
  p95_ms: number;
  n: number;
  [extra: string]: unknown;
}

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  const index = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, index)]!;
}

const round = (ms: number): number => Math.round(ms * 100) / 100;

/** Runs `fn` `n` times (after `warmup` untimed runs) and returns the timing summary. */
export async function timeRuns(
  n: number,
  fn: (i: number) => unknown | Promise<unknown>,
  warmup = 1,
): Promise<{ p50_ms: number; p95_ms: number; n: number; min_ms: number; max_ms: number }> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await fn(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return {
    p50_ms: round(percentile(times, 50)),
    p95_ms: round(percentile(times, 95)),
    n,
    min_ms: round(times[0]!),
    max_ms: round(times[times.length - 1]!),
  };
}

/** Prints one measurement as one JSON line on stdout (the contract of `npm run bench`). */
export function printMeasurement(measurement: Measurement): void {
  process.stdout.write(`${JSON.stringify(measurement)}\n`);
}

/**
 * How fast this machine runs right now: the best of five timings of a fixed piece of work like a
 * server's (JSON of a report-sized object, hashing), before the load starts. The machine is a
 * shared virtual one whose speed changes from hour to hour; every latency and CPU figure of a run
 * scales with it, so runs are compared at equal gauge.
 */
export function cpuGaugeMs(): number {
  const view = {
    values: Array.from({ length: 40 }, (_, i) => ({ indicatorId: i, category: 'total', numerator: i * 3 })),
    narrative: { results: 'Tháng này đơn vị tổ chức hoạt động.'.repeat(20) },
  };
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 5; round++) {
    const start = performance.now();
    for (let i = 0; i < 2000; i++) {
      const text = JSON.stringify({ ...view, version: i });
      createHash('sha256').update(text).digest('hex');
      JSON.parse(text);
    }
    best = Math.min(best, performance.now() - start);
  }
  return Math.round(best * 10) / 10;
}
