import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';

/** Adds or replaces the database name in a PostgreSQL URL. */
export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/**
 * Once per test run: a migrated PGlite directory that every test file copies (a fresh PGlite
 * costs ~4 s, a copy well under one), and, with TEST_DATABASE_URL, a migrated PostgreSQL
 * template database that every test file clones with CREATE DATABASE … TEMPLATE.
 */
export default async function setup(project: TestProject) {
  const pgliteTemplate = mkdtempSync(join(tmpdir(), 'tiendo-template-'));
  const pglite = openDatabase({ dataDir: pgliteTemplate });
  await migrate(pglite);
  await pglite.close();
  project.provide('pgliteTemplate', pgliteTemplate);

  const url = process.env.TEST_DATABASE_URL;
  let templateDb = '';
  if (url) {
    // A template of this run's own, so that several test runs can share one PostgreSQL server.
    templateDb = `tiendo_test_template_${randomBytes(6).toString('hex')}`;
    const admin = postgres(url, { max: 1, onnotice: () => undefined });
    await admin.unsafe(`CREATE DATABASE ${templateDb}`);
    await admin.end();
    const template = openDatabase({ databaseUrl: withDatabaseName(url, templateDb) });
    await migrate(template);
    await template.close();
    project.provide('postgresUrl', url);
    project.provide('postgresTemplate', templateDb);
  } else {
    process.stdout.write('\n[tiendo] TEST_DATABASE_URL is not set: database tests run on PGlite only.\n\n');
    project.provide('postgresUrl', '');
    project.provide('postgresTemplate', '');
  }
  return async () => {
    rmSync(pgliteTemplate, { recursive: true, force: true });
    if (url && templateDb) {
      const admin = postgres(url, { max: 1, onnotice: () => undefined });
      await admin.unsafe(`DROP DATABASE IF EXISTS ${templateDb} WITH (FORCE)`);
      await admin.end();
    }
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresUrl: string;
    postgresTemplate: string;
  }
}
