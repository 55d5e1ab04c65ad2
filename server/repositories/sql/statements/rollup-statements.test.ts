import { readFileSync, writeFileSync } from 'node:fs';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client.ts';
import { DashboardRepository } from '../../dashboard.repository.ts';
import { RollupRepository } from '../../rollup.repository.ts';

/**
 * The roll-up's hot statements as committed SQL (`sql/statements/*.sql`), held to the text the
 * repositories send: a change to a statement shows up in review as a change to its file. After
 * changing one on purpose, `UPDATE_SQL_STATEMENTS=1 npx vitest run server/repositories/sql/statements/rollup-statements.test.ts`
 * writes the files again.
 */

const STATEMENTS = new URL('./', import.meta.url);

/** A database that records what it is sent and answers with no rows. */
function recordingDatabase() {
  const sent: { text: string; params: unknown[] }[] = [];
  const dialect = new PgDialect();
  const database = {
    engine: 'postgres',
    db: () => ({
      execute: async (query: SQL) => {
        const rendered = dialect.sqlToQuery(query);
        sent.push({ text: rendered.sql, params: rendered.params });
        return [];
      },
    }),
    prepared: async (text: string, params: unknown[]) => {
      sent.push({ text, params });
      return [];
    },
  } as unknown as Database;
  return { database, sent };
}

function checkStatement(file: string, header: string[], text: string) {
  const url = new URL(file, STATEMENTS);
  const content = `${header.map((line) => `-- ${line}`).join('\n')}\n${text}\n`;
  if (process.env.UPDATE_SQL_STATEMENTS) writeFileSync(url, content);
  const committed = readFileSync(url, 'utf8');
  // the file is the header, then exactly the text sent
  const body = committed
    .split('\n')
    .filter(
      (line, k, lines) => !(line.startsWith('-- ') && lines.slice(0, k).every((l) => l.startsWith('-- '))),
    )
    .join('\n');
  expect(body).toBe(`${text}\n`);
  expect(committed).toBe(content);
}

describe('the roll-up hot statements, as committed', () => {
  it('applyReport sends sql/statements/rollup-apply-report.sql, prepared, in one round trip', async () => {
    const { database, sent } = recordingDatabase();
    await new RollupRepository(database).applyReport(7, 42, 900, 1);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.params).toEqual([7, 42, 900, 1]);
    checkStatement(
      'rollup-apply-report.sql',
      [
        'RollupRepository.applyReport: adds (sign 1) or takes away (-1) one report’s values to the roll-up rows',
        'of its unit and every ancestor in the period’s tree snapshot. One prepared statement per call.',
        '$1 period id, $2 unit id, $3 report id, $4 sign. The approval’s own statement',
        '(sql/report-approve.ts) embeds the same CTEs (sql/rollup-apply.ts).',
      ],
      sent[0]!.text,
    );
  });

  it('unitsWithFigures sends sql/statements/dashboard-units-with-figures.sql in one round trip, whatever it is asked', async () => {
    const { database, sent } = recordingDatabase();
    const repository = new DashboardRepository(database);
    await repository.unitsWithFigures(7, '2025-12-31', {
      childrenOf: 3,
      unitIds: [],
      indicatorIds: [1, 2],
      pathTo: { unitId: 5, planUnitId: 1 },
    });
    await repository.unitsWithFigures(8, '2025-06-30', {
      childrenOf: null,
      unitIds: [4, 6],
      indicatorIds: [],
    });
    expect(sent).toHaveLength(2);
    // the same text for a drill-down and a plan's dashboard: only the parameters differ
    expect(sent[1]!.text).toBe(sent[0]!.text);
    expect(sent[0]!.params).toContain('2025-12-31');
    checkStatement(
      'dashboard-units-with-figures.sql',
      [
        'DashboardRepository.unitsWithFigures: the plan’s dashboard and the drill-down read units, their',
        'roll-up rows and own approved values in this one statement. Parameters as drizzle numbers them:',
        'the path’s unit, the day, the plan unit, the unit whose direct units are read, the units asked',
        'by id, the period and the indicators (see the repository for each).',
      ],
      sent[0]!.text,
    );
  });
});
