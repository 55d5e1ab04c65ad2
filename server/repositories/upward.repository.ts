import { sql } from 'drizzle-orm';
import { type Database, rows } from '../db/client.ts';

/** The plans a plan's own document implements, for the schedules made at the levels above. */
export class UpwardRepository {
  constructor(private readonly database: Database) {}

  /**
   * Plans of the given units whose document is one the plan's document names as its basis ("Thực
   * hiện Kế hoạch số 59/KH-TLĐ …"), one id per unit, in the order the units were given.
   */
  async plansOfBasis(
    documentId: number,
    unitIds: readonly number[],
  ): Promise<{ id: number; unit_id: number }[]> {
    if (unitIds.length === 0) return [];
    const found = await rows<{ id: number; unit_id: number }>(
      this.database.db(),
      sql`SELECT DISTINCT ON (pl.unit_id) pl.id, pl.unit_id
            FROM document_references r
            JOIN plans pl ON pl.document_id = r.target_document_id
           WHERE r.document_id = ${documentId} AND r.relation = 'basis'
             AND pl.unit_id = ANY(${sql.param([...unitIds])}::int[])
           ORDER BY pl.unit_id, pl.id`,
    );
    return unitIds.flatMap((unitId) => found.filter((f) => f.unit_id === unitId));
  }
}
