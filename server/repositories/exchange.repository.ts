import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Database, rows } from '../db/client.ts';
import { exchangeDataElements, exchangeDataSets, exchangeOrgUnits } from '../db/schema.ts';

export type DataElementRow = typeof exchangeDataElements.$inferSelect;
export type OrgUnitCodeRow = typeof exchangeOrgUnits.$inferSelect;
export type DataSetRow = typeof exchangeDataSets.$inferSelect;

/** The DHIS2 codes of our indicators, units and schedules (docs/dhis2-exchange.md). */
export class ExchangeRepository {
  constructor(private readonly database: Database) {}

  private db() {
    return this.database.db();
  }

  async dataElements(): Promise<DataElementRow[]> {
    return this.db()
      .select()
      .from(exchangeDataElements)
      .orderBy(exchangeDataElements.indicatorId, exchangeDataElements.category, exchangeDataElements.part);
  }

  async orgUnits(unitIds?: number[]): Promise<OrgUnitCodeRow[]> {
    const query = this.db().select().from(exchangeOrgUnits);
    if (unitIds === undefined) return query.orderBy(exchangeOrgUnits.unitId);
    if (unitIds.length === 0) return [];
    return query.where(inArray(exchangeOrgUnits.unitId, unitIds));
  }

  /** Every mapped unit with its own code and its name on `date`. */
  async orgUnitsNamed(date: string) {
    return rows<{
      unitId: number;
      orgUnit: string;
      unitCode: string;
      unitName: string | null;
      updatedAt: string;
    }>(
      this.db(),
      sql`SELECT e.unit_id AS "unitId", e.org_unit AS "orgUnit", u.code AS "unitCode",
                 (SELECT n.name FROM org_unit_names n WHERE n.unit_id = u.id AND n.valid_from <= ${date}::date
                   ORDER BY n.valid_from DESC LIMIT 1) AS "unitName",
                 e.updated_at::text AS "updatedAt"
            FROM exchange_org_units e JOIN org_units u ON u.id = e.unit_id
           ORDER BY u.code`,
    );
  }

  async orgUnitByCode(orgUnit: string): Promise<OrgUnitCodeRow | undefined> {
    const [row] = await this.db()
      .select()
      .from(exchangeOrgUnits)
      .where(eq(exchangeOrgUnits.orgUnit, orgUnit));
    return row;
  }

  async dataSets(): Promise<DataSetRow[]> {
    return this.db().select().from(exchangeDataSets).orderBy(exchangeDataSets.scheduleId);
  }

  async dataSet(scheduleId: number): Promise<DataSetRow | undefined> {
    const [row] = await this.db()
      .select()
      .from(exchangeDataSets)
      .where(eq(exchangeDataSets.scheduleId, scheduleId));
    return row;
  }

  async upsertDataElement(row: Omit<typeof exchangeDataElements.$inferInsert, 'updatedAt'>) {
    const { indicatorId: _i, category: _c, part: _p, ...rest } = row;
    const [saved] = await this.db()
      .insert(exchangeDataElements)
      .values(row)
      .onConflictDoUpdate({
        target: [exchangeDataElements.indicatorId, exchangeDataElements.category, exchangeDataElements.part],
        set: { ...rest, updatedAt: sql`now()` },
      })
      .returning();
    return saved!;
  }

  async deleteDataElement(indicatorId: number, category: string, part: string) {
    const [gone] = await this.db()
      .delete(exchangeDataElements)
      .where(
        and(
          eq(exchangeDataElements.indicatorId, indicatorId),
          eq(exchangeDataElements.category, category),
          eq(exchangeDataElements.part, part),
        ),
      )
      .returning();
    return gone;
  }

  async upsertOrgUnit(unitId: number, orgUnit: string, userId: number | null) {
    const [saved] = await this.db()
      .insert(exchangeOrgUnits)
      .values({ unitId, orgUnit, updatedBy: userId })
      .onConflictDoUpdate({
        target: exchangeOrgUnits.unitId,
        set: { orgUnit, updatedBy: userId, updatedAt: sql`now()` },
      })
      .returning();
    return saved!;
  }

  async deleteOrgUnit(unitId: number) {
    const [gone] = await this.db()
      .delete(exchangeOrgUnits)
      .where(eq(exchangeOrgUnits.unitId, unitId))
      .returning();
    return gone;
  }

  async upsertDataSet(scheduleId: number, dataSet: string, userId: number | null) {
    const [saved] = await this.db()
      .insert(exchangeDataSets)
      .values({ scheduleId, dataSet, updatedBy: userId })
      .onConflictDoUpdate({
        target: exchangeDataSets.scheduleId,
        set: { dataSet, updatedBy: userId, updatedAt: sql`now()` },
      })
      .returning();
    return saved!;
  }

  async deleteDataSet(scheduleId: number) {
    const [gone] = await this.db()
      .delete(exchangeDataSets)
      .where(eq(exchangeDataSets.scheduleId, scheduleId))
      .returning();
    return gone;
  }
}
