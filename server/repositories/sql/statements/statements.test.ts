import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  APPROVE_REPORT_SQL,
  APPROVE_REPORT_WITH_CONTEXT_SQL,
  OPEN_REPORT_SQL,
  REPORT_CONTEXT_SQL,
  SAVE_REPORT_SQL,
  SAVE_REPORT_WITH_CONTEXT_SQL,
  SUBMIT_REPORT_SQL,
  SUBMIT_REPORT_WITH_CONTEXT_SQL,
} from '../report-statements.ts';

/**
 * The hot statements of a report's life as the database receives them, one `.sql` file each
 * beside this test, for a reviewer to read. A change to the code that builds one (or to a piece
 * it uses, such as the access rule) fails here until the file is rewritten:
 * `UPDATE_SQL_STATEMENTS=1 npx vitest run server/repositories/sql/statements` — and the diff of
 * the `.sql` file is what the change does to the database.
 */
const STATEMENTS: Record<string, { sql: string; about: string }> = {
  'report-context': { sql: REPORT_CONTEXT_SQL, about: 'ReportLifecycleRepository.reportContext' },
  'open-report': { sql: OPEN_REPORT_SQL, about: 'ReportLifecycleRepository.openReport' },
  'save-report-with-context': {
    sql: SAVE_REPORT_WITH_CONTEXT_SQL,
    about: 'ReportLifecycleRepository.saveReportWithContext (the usual save)',
  },
  'save-report': {
    sql: SAVE_REPORT_SQL,
    about: 'ReportLifecycleRepository.saveReport (after the checks in code)',
  },
  'submit-report-with-context': {
    sql: SUBMIT_REPORT_WITH_CONTEXT_SQL,
    about: 'ReportLifecycleRepository.submitReportWithContext (the usual submit)',
  },
  'submit-report': {
    sql: SUBMIT_REPORT_SQL,
    about: 'ReportLifecycleRepository.submitReport (after the checks in code)',
  },
  'approve-report-with-context': {
    sql: APPROVE_REPORT_WITH_CONTEXT_SQL,
    about: 'ReportLifecycleRepository.approveReportWithContext (the usual approval)',
  },
  'approve-report': {
    sql: APPROVE_REPORT_SQL,
    about: 'ReportLifecycleRepository.approveReport (after the checks in code)',
  },
};

const HEADER = (about: string) =>
  `-- ${about}\n-- Generated from server/repositories/sql/report-statements.ts; statements.test.ts keeps it equal.\n`;

const fileOf = (name: string) => new URL(`./${name}.sql`, import.meta.url);

describe('committed SQL of the hot report statements', () => {
  for (const [name, { sql, about }] of Object.entries(STATEMENTS)) {
    it(`${name}.sql is what the code sends`, () => {
      const expected = `${HEADER(about)}${sql}\n`;
      if (process.env.UPDATE_SQL_STATEMENTS) writeFileSync(fileOf(name), expected);
      expect(readFileSync(fileOf(name), 'utf8')).toBe(expected);
    });
  }
});
