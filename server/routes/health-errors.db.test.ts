import { describe, expect, it } from 'vitest';
import { createTestApp } from '../test/fixtures.ts';
import { openTestDatabase, testEngines } from '../test/test-database.ts';

/**
 * What a failure tells the caller (issue 18, break 12): `/api/health` with its database gone
 * answers a code and a message in the caller's language, never the driver's text (SQL,
 * `ECONNREFUSED host:port`, file paths).
 */
describe.each(testEngines())('health with the database gone on %s', (engine) => {
  it('answers 503 with a code and a translated message only', async () => {
    const testDb = await openTestDatabase(engine);
    const t = await createTestApp(testDb.database);
    try {
      const database = t.services.database;
      const failing = new Error(
        'connect ECONNREFUSED 10.0.0.7:5432 — SELECT created_at FROM drizzle.__drizzle_migrations',
      );
      const original = database.query.bind(database);
      database.query = async () => {
        throw failing;
      };
      try {
        const vi = await t.app.inject({ method: 'GET', url: '/api/health' });
        expect(vi.statusCode).toBe(503);
        expect(vi.json()).toMatchObject({ status: 'down', database: 'unreachable', engine });
        expect(vi.json().error).toMatch(/^Máy chủ tạm thời không kết nối được cơ sở dữ liệu/);
        expect(vi.body).not.toMatch(/ECONNREFUSED|10\.0\.0\.7|SELECT|drizzle/);
        const en = await t.app.inject({
          method: 'GET',
          url: '/api/health',
          headers: { 'accept-language': 'en' },
        });
        expect(en.json().error).toMatch(/^The server cannot reach its database/);
      } finally {
        database.query = original;
      }
      expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    } finally {
      await t.app.close();
      await testDb.dispose();
    }
  });
});
