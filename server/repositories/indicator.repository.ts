import { and, eq, sql } from 'drizzle-orm';
import { type Database, rows } from '../db/client.ts';
import { indicators } from '../db/schema.ts';
import type { IndicatorRow } from './sql/report-rows.ts';

/** What uses an indicator: targets it measures, forms (any version) that ask it, reports holding a value. */
export interface IndicatorUseRow {
  indicatorId: number;
  targets: number;
  forms: number;
  reports: number;
}

/** The indicator catalogue's writes and reads beyond a form's: codes, edits, retirement, use. */
export class IndicatorRepository {
  constructor(private readonly database: Database) {}

  private db() {
    return this.database.db();
  }

  async codes(): Promise<Set<string>> {
    const found = await this.db().select({ code: indicators.code }).from(indicators);
    return new Set(found.map((r) => r.code));
  }

  /** The edit under the version read; undefined when another edit came first. */
  async update(
    id: number,
    version: number,
    values: Pick<
      typeof indicators.$inferInsert,
      | 'code'
      | 'name'
      | 'nameFolded'
      | 'kind'
      | 'unit'
      | 'numeratorLabel'
      | 'denominatorLabel'
      | 'disaggregation'
      | 'aggregation'
      | 'threshold'
    >,
  ): Promise<IndicatorRow | undefined> {
    const [row] = await this.db()
      .update(indicators)
      .set({ ...values, version: sql`${indicators.version} + 1` })
      .where(and(eq(indicators.id, id), eq(indicators.version, version)))
      .returning();
    return row;
  }

  /** Retires (a time) or restores (null) under the version read; undefined when another edit came first. */
  async setRetired(id: number, version: number, retiredAt: 'now' | null): Promise<IndicatorRow | undefined> {
    const [row] = await this.db()
      .update(indicators)
      .set({ retiredAt: retiredAt === 'now' ? sql`now()` : null, version: sql`${indicators.version} + 1` })
      .where(and(eq(indicators.id, id), eq(indicators.version, version)))
      .returning();
    return row;
  }

  /** Use counts of every indicator (one statement; the catalogue is hundreds of rows at most). */
  async use(): Promise<IndicatorUseRow[]> {
    return rows<IndicatorUseRow>(
      this.db(),
      sql`SELECT i.id AS "indicatorId",
                 (SELECT count(*)::int FROM target_indicators ti WHERE ti.indicator_id = i.id) AS targets,
                 (SELECT count(DISTINCT v.form_id)::int
                    FROM report_form_versions v, jsonb_array_elements(v.indicators) e
                   WHERE (e->>'indicatorId')::int = i.id) AS forms,
                 (SELECT count(DISTINCT rv.report_id)::int FROM report_values rv WHERE rv.indicator_id = i.id) AS reports
            FROM indicators i`,
    );
  }

  /** Whether anything uses the indicator (a target, a form, a reported value). */
  async inUse(id: number): Promise<boolean> {
    const [row] = await rows<{ used: boolean }>(
      this.db(),
      sql`SELECT EXISTS (SELECT 1 FROM target_indicators WHERE indicator_id = ${id})
              OR EXISTS (SELECT 1 FROM report_values WHERE indicator_id = ${id})
              OR EXISTS (SELECT 1 FROM report_form_versions v, jsonb_array_elements(v.indicators) e
                          WHERE (e->>'indicatorId')::int = ${id}) AS used`,
    );
    return row?.used === true;
  }
}
