import type { Engine } from '../server/db/client.ts';
import { createTestApp, seedSmallOrg } from '../server/test/fixtures.ts';
import { benchEngines, openBenchDatabase } from './bench-database.ts';
import { percentile, printMeasurement } from './measure.ts';

/**
 * What a request costs with an API token beside the same request with a session (the baseline, in
 * the same run): a province's unit dashboard, read through the whole HTTP path. A token request
 * reads its token and creator, asks the access policy whether the creator still reaches the unit,
 * and writes its use (audit row, last use) before the handler; a session is served from memory.
 */
const N = 200;

async function measure(engine: Engine): Promise<void> {
  const { database, dispose } = await openBenchDatabase(engine);
  try {
    const t = await createTestApp(database);
    const org = await seedSmallOrg(t.services);
    const session = await t.signIn('admin');
    const { secret } = await t.services.apiTokens.create(
      { userId: org.users.admin!, role: 'admin', homeUnitId: org.national.id, ip: null },
      {
        name: 'Đo',
        unitId: org.provinceA.id,
        scopes: ['figures:read'],
        expiresInDays: 1,
        ratePerMinute: 1000,
      },
    );
    const url = `/api/units/${org.provinceA.id}/dashboard`;
    const get = async (headers: Record<string, string>) => {
      const response = await t.app.inject({ method: 'GET', url, headers });
      if (response.statusCode !== 200) throw new Error(`${response.statusCode} ${response.body}`);
    };
    // Alternated request by request, so that both see the same machine (it is shared and its speed drifts).
    const bearer = { authorization: `Bearer ${secret}` };
    const times: { session: number[]; token: number[] } = { session: [], token: [] };
    for (let i = 0; i < N + 5; i++) {
      for (const [kind, headers] of [
        ['session', session],
        ['token', bearer],
      ] as const) {
        const start = performance.now();
        await get(headers);
        if (i >= 5) times[kind].push(performance.now() - start);
      }
    }
    const summary = (ms: number[]) => {
      const sorted = [...ms].sort((a, b) => a - b);
      const round = (x: number) => Math.round(x * 100) / 100;
      return {
        p50_ms: round(percentile(sorted, 50)),
        p95_ms: round(percentile(sorted, 95)),
        n: sorted.length,
      };
    };
    const baseline = summary(times.session);
    const token = summary(times.token);
    printMeasurement({ name: 'unit_dashboard_session', engine, ...baseline });
    printMeasurement({
      name: 'unit_dashboard_api_token',
      engine,
      ...token,
      baseline_p50_ms: baseline.p50_ms,
      overhead_p50_ms: Math.round((token.p50_ms - baseline.p50_ms) * 100) / 100,
    });
    await t.app.close();
  } finally {
    await dispose();
  }
}

export async function run(): Promise<void> {
  for (const engine of benchEngines()) await measure(engine);
}
