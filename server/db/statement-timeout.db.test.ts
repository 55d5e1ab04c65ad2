import Fastify from 'fastify';
import { describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { sendError } from '../http/error-handler.ts';
import { translate } from '../i18n/messages.ts';
import { openTestDatabase } from '../test/test-database.ts';
import { openDatabase, pgErrorCode } from './client.ts';
import { migrate } from './migrate.ts';

describe('DATABASE_STATEMENT_TIMEOUT_MS', () => {
  it('is read from the environment: 30 s by default, 0 for none, never negative', () => {
    expect(loadConfig({}).databaseStatementTimeoutMs).toBe(30_000);
    expect(loadConfig({ DATABASE_STATEMENT_TIMEOUT_MS: '0' }).databaseStatementTimeoutMs).toBe(0);
    expect(loadConfig({ DATABASE_STATEMENT_TIMEOUT_MS: '5000' }).databaseStatementTimeoutMs).toBe(5000);
    expect(() => loadConfig({ DATABASE_STATEMENT_TIMEOUT_MS: '-1' })).toThrow(
      /DATABASE_STATEMENT_TIMEOUT_MS/,
    );
  });
});

// PGlite runs inside WebAssembly without timers and ignores statement_timeout: PostgreSQL only.
const postgresUrl = inject('postgresUrl');

describe.runIf(postgresUrl !== '')('statement_timeout on PostgreSQL', () => {
  it('gives every pooled session the default of 30 s', async () => {
    const test = await openTestDatabase('postgres');
    try {
      const [row] = await test.database.query<{ statement_timeout: string }>('SHOW statement_timeout');
      expect(row?.statement_timeout).toBe('30s');
      // Inside a transaction (a reserved connection) too.
      const inside = await test.database.transaction(() =>
        test.database.query<{ statement_timeout: string }>('SHOW statement_timeout'),
      );
      expect(inside[0]?.statement_timeout).toBe('30s');
    } finally {
      await test.dispose();
    }
  });

  it('cancels a runaway recursive query (57014) and frees the connection for the next one', async () => {
    const database = openDatabase({ databaseUrl: postgresUrl, poolSize: 1, statementTimeoutMs: 300 });
    try {
      const started = Date.now();
      const error = await database
        .query('WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r')
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(pgErrorCode(error)).toBe('57014');
      expect(Date.now() - started).toBeLessThan(5_000);
      // The one connection of the pool answers again at once.
      expect(await database.query<{ one: number }>('SELECT 1 AS one')).toEqual([{ one: 1 }]);
      // Migrations lift the limit for their own transaction only.
      await database.transaction(async () => {
        await database.query('SET LOCAL statement_timeout = 0');
        await database.query('SELECT pg_sleep(0.5)');
      });
      await expect(database.query('SELECT pg_sleep(0.5)')).rejects.toSatisfy(
        (e: unknown) => pgErrorCode(e) === '57014',
      );
    } finally {
      await database.close();
    }
  });

  it('answers a request whose statement was cancelled with 503 query_timeout, in Vietnamese', async () => {
    const database = openDatabase({ databaseUrl: postgresUrl, poolSize: 1, statementTimeoutMs: 200 });
    const app = Fastify({ logger: false });
    app.setErrorHandler(sendError);
    app.get('/slow', async () => database.query('SELECT pg_sleep(2)'));
    try {
      const response = await app.inject({ method: 'GET', url: '/slow' });
      expect(response.statusCode).toBe(503);
      expect(response.headers['retry-after']).toBe('5');
      expect(response.json()).toEqual({
        error: { code: 'query_timeout', message: translate('query_timeout', 'vi'), field: null },
      });
    } finally {
      await app.close();
      await database.close();
    }
  });

  it('sets no limit with 0; migrations still run under the default', async () => {
    const unlimited = openDatabase({ databaseUrl: postgresUrl, poolSize: 1, statementTimeoutMs: 0 });
    try {
      const [row] = await unlimited.query<{ statement_timeout: string }>('SHOW statement_timeout');
      expect(row?.statement_timeout).toBe('0');
    } finally {
      await unlimited.close();
    }
    const test = await openTestDatabase('postgres');
    try {
      // Already migrated: the migration transaction still takes its lock and answers.
      await expect(migrate(test.database)).resolves.toBe(0);
    } finally {
      await test.dispose();
    }
  });
});
