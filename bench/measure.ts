/** Helpers shared by the benchmarks: timing, percentiles and the one-JSON-line output. */

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
