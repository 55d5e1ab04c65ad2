import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestApp, seedSmallOrg, type TestApp } from '../test/fixtures.ts';
import { openTestDatabase, type TestDatabase, testEngines } from '../test/test-database.ts';
import { routeTable } from './route-table.ts';

/** Cases per endpoint: 1,000 in CI (FUZZ_RUNS), fewer on a developer's machine. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
/**
 * CI fixes the seed (FUZZ_SEED) so that a submission passes or fails on its own code, not on the draw;
 * without it every run draws new cases, which is how developers keep finding new ones.
 */
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
};

/** Values shaped like a JSON schema, often wrong in type, size or content: hostile but plausible. */
function arbitraryFor(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  const hostile = fc.oneof(
    fc.constantFrom(
      null,
      '',
      ' ',
      '<script>alert(1)</script>',
      "' OR 1=1 --",
      '../../etc/passwd',
      '\u0000',
      'Đ'.repeat(300),
      -1,
      0,
      2 ** 31,
      2 ** 53,
      1e308,
      -0.5,
      true,
      [],
      {},
    ),
    fc.string({ maxLength: 40 }),
    fc.integer(),
    fc.double(),
  );
  if (depth > 3) return hostile;
  if (schema.enum) return fc.oneof(fc.constantFrom(...schema.enum), hostile);
  if (schema.anyOf?.length) return fc.oneof(...schema.anyOf.map((s) => arbitraryFor(s, depth + 1)), hostile);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'object' && schema.properties) {
    const entries = Object.entries(schema.properties).map(
      ([k, v]) => [k, arbitraryFor(v, depth + 1)] as const,
    );
    return fc.oneof(
      { weight: 4, arbitrary: fc.record(Object.fromEntries(entries), { requiredKeys: [] }) },
      { weight: 1, arbitrary: hostile },
    );
  }
  if (type === 'array')
    return fc.oneof(fc.array(arbitraryFor(schema.items ?? {}, depth + 1), { maxLength: 4 }), hostile);
  if (type === 'string')
    return fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.constantFrom('2025-07-01', '2025-02-31', '31/12/2025', '72/KH-LĐLĐ'),
      hostile,
    );
  if (type === 'integer' || type === 'number') return fc.oneof(fc.integer({ min: -5, max: 2_000 }), hostile);
  if (type === 'boolean') return fc.oneof(fc.boolean(), hostile);
  return hostile;
}

describe.each(testEngines())('hostile JSON on %s', (engine) => {
  let testDb: TestDatabase;
  let t: TestApp;
  let headers: Record<string, string>;
  let unitId: number;

  beforeAll(async () => {
    testDb = await openTestDatabase(engine);
    t = await createTestApp(testDb.database);
    const org = await seedSmallOrg(t.services);
    unitId = org.communeA1.id;
    headers = await t.signIn('admin');
  });
  afterAll(async () => {
    await t.app.close();
    await testDb.dispose();
  });

  const routes = routeTable({ sessionTtlHours: 1 }).filter(
    (r) => !r.multipart && r.url !== '/api/auth/logout' && (r.body || r.query),
  );
  for (const route of routes) {
    it(`${route.method} ${route.url}: no 5xx, every 400 names its field`, async () => {
      const body = route.body
        ? arbitraryFor(z.toJSONSchema(route.body, { unrepresentable: 'any' }) as JsonSchema)
        : fc.constant(undefined);
      const query = route.query
        ? fc.dictionary(
            fc.constantFrom(
              ...Object.keys(
                (z.toJSONSchema(route.query, { unrepresentable: 'any' }) as JsonSchema).properties ?? {
                  q: {},
                },
              ),
            ),
            fc.oneof(
              fc.string({ maxLength: 20 }),
              fc.constantFrom('2025-07-01', '-1', '99999999999', "'%_\\"),
            ),
          )
        : fc.constant({});
      await fc.assert(
        fc.asyncProperty(
          body,
          query,
          fc.constantFrom(String(unitId), '0', '-1', '2147483648', 'abc'),
          async (payload, params, id) => {
            const url = `${route.url.replace(/:[a-zA-Z]+/g, id)}?${new URLSearchParams(params as Record<string, string>).toString()}`;
            const response = await t.app.inject({
              method: route.method,
              url,
              headers: { ...headers, 'content-type': 'application/json' },
              ...(route.method === 'GET' ? {} : { payload: JSON.stringify(payload ?? {}) }),
            });
            if (response.statusCode >= 500 && response.statusCode !== 503) return false;
            if (response.statusCode === 400) {
              const error = response.json().error as { field: unknown; message: unknown };
              return (
                typeof error.field === 'string' && error.field.length > 0 && typeof error.message === 'string'
              );
            }
            return true;
          },
        ),
        { numRuns: RUNS, endOnFailure: true, ...(SEED === undefined ? {} : { seed: SEED }) },
      );
      expect(true).toBe(true);
    }, 600_000);
  }
});
