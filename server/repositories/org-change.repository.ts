import { and, eq, isNull, sql } from 'drizzle-orm';
import type { TUnitType } from '../../contracts/org.ts';
import { foldText } from '../../domain/fold-text.ts';
import { type Database, rows } from '../db/client.ts';
import {
  orgEvents,
  orgEventUnits,
  orgLineage,
  orgUnitNames,
  orgUnitParents,
  orgUnits,
} from '../db/schema.ts';

export type SpanTable = 'names' | 'parents';

/** Key of the transaction-level advisory lock that serialises changes to the tree's parent links. */
const TREE_LOCK_KEY = 7_254_132;

/**
 * The writes of a change to the organisation: units and their name and parent spans, the event
 * and lineage that record the change, the optimistic version and the tree lock. Reads: `OrgRepository`.
 */
export class OrgChangeRepository {
  constructor(private readonly database: Database) {}

  private db() {
    return this.database.db();
  }

  async insertUnit(values: {
    code: string;
    type: TUnitType;
    validFrom: string;
    validTo?: string | null;
    isDemo?: boolean;
  }): Promise<number> {
    const [row] = await this.db()
      .insert(orgUnits)
      .values({
        code: values.code,
        type: values.type,
        validFrom: values.validFrom,
        validTo: values.validTo ?? null,
        isDemo: values.isDemo ?? false,
      })
      .returning({ id: orgUnits.id });
    return row!.id;
  }

  async insertName(
    unitId: number,
    name: string,
    shortName: string | null,
    validFrom: string,
    validTo: string | null = null,
  ) {
    await this.db()
      .insert(orgUnitNames)
      .values({
        unitId,
        name,
        shortName,
        nameFolded: foldText(`${name} ${shortName ?? ''}`),
        validFrom,
        validTo,
      });
  }

  async insertParent(
    unitId: number,
    parentId: number | null,
    validFrom: string,
    validTo: string | null = null,
  ) {
    await this.db().insert(orgUnitParents).values({ unitId, parentId, validFrom, validTo });
  }

  /** Ends a span on `validTo` (inclusive). */
  async endSpan(table: SpanTable, spanId: number, validTo: string) {
    const t = table === 'names' ? orgUnitNames : orgUnitParents;
    await this.db().update(t).set({ validTo }).where(eq(t.id, spanId));
  }

  async deleteSpan(table: SpanTable, spanId: number) {
    const t = table === 'names' ? orgUnitNames : orgUnitParents;
    await this.db().delete(t).where(eq(t.id, spanId));
  }

  /** Ends every open name and parent span of a unit, and the unit itself, on `validTo`. */
  async closeUnit(unitId: number, validTo: string) {
    await this.db()
      .update(orgUnitNames)
      .set({ validTo })
      .where(and(eq(orgUnitNames.unitId, unitId), isNull(orgUnitNames.validTo)));
    await this.db()
      .update(orgUnitParents)
      .set({ validTo })
      .where(and(eq(orgUnitParents.unitId, unitId), isNull(orgUnitParents.validTo)));
    await this.db().update(orgUnits).set({ validTo }).where(eq(orgUnits.id, unitId));
  }

  /** Optimistic lock: bumps the version if it is still `expected`; false when someone else won. */
  async bumpVersion(unitId: number, expected: number | null): Promise<boolean> {
    const where =
      expected === null
        ? eq(orgUnits.id, unitId)
        : and(eq(orgUnits.id, unitId), eq(orgUnits.version, expected));
    const updated = await this.db()
      .update(orgUnits)
      .set({ version: sql`${orgUnits.version} + 1` })
      .where(where)
      .returning({ id: orgUnits.id });
    return updated.length === 1;
  }

  /**
   * Serialises changes to the tree's parent links (a transaction-level advisory lock, held to the
   * commit): two changes that are each sound alone cannot together close a cycle. Call first in
   * the transaction, before reading what the change is checked against.
   */
  async lockTree(): Promise<void> {
    await rows(this.db(), sql`SELECT pg_advisory_xact_lock(${TREE_LOCK_KEY}::bigint)::text AS locked`);
  }

  async insertEvent(
    kind: string,
    effectiveDate: string,
    note: string | null,
    createdBy: number | null,
  ): Promise<number> {
    const [row] = await this.db()
      .insert(orgEvents)
      .values({ kind, effectiveDate, note, createdBy })
      .returning({ id: orgEvents.id });
    return row!.id;
  }

  async linkEventUnit(eventId: number, unitId: number, role: string) {
    await this.db().insert(orgEventUnits).values({ eventId, unitId, role }).onConflictDoNothing();
  }

  async insertLineage(
    eventId: number,
    predecessorId: number,
    successorId: number,
    kind: 'merge' | 'split',
    effectiveDate: string,
  ) {
    await this.db().insert(orgLineage).values({ eventId, predecessorId, successorId, kind, effectiveDate });
  }
}
