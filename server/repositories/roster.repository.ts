import { and, eq, sql } from 'drizzle-orm';
import { type Database, rows } from '../db/client.ts';
import {
  activities,
  activityAttendees,
  indicatorDefinitions,
  reportComputedValues,
  rosterPeople,
} from '../db/schema.ts';

export type RosterPersonRow = typeof rosterPeople.$inferSelect & { unitName: string };
export type ActivityRow = typeof activities.$inferSelect & { unitName: string; attendeeCount: number };
export type IndicatorDefinitionRow = typeof indicatorDefinitions.$inferSelect;
export type ComputedValueRow = typeof reportComputedValues.$inferSelect;

/** The unit's name on `day` (its latest name when it had none that day). */
const unitNameOn = (unitColumn: string, day: string) =>
  sql.raw(`coalesce((SELECT n.name FROM org_unit_names n WHERE n.unit_id = ${unitColumn}
             ORDER BY (n.valid_from <= '${day}'::date AND (n.valid_to IS NULL OR n.valid_to >= '${day}'::date)) DESC,
                      n.valid_from DESC LIMIT 1), '')`);

function isoDay(day: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`not an ISO day: ${day}`);
  return day;
}

/**
 * Rosters, activities with their attendees, and the definitions and values of computed indicators.
 * Every read of personal data here is asked for by `RosterService`, which audits it.
 */
export class RosterRepository {
  constructor(private readonly database: Database) {}

  private db() {
    return this.database.db();
  }

  // ----- roster people ----------------------------------------------------------------------

  async people(
    unitIds: readonly number[],
    filter: { category?: string; on?: string },
    today: string,
  ): Promise<RosterPersonRow[]> {
    if (unitIds.length === 0) return [];
    return rows<RosterPersonRow>(
      this.db(),
      sql`SELECT p.id, p.unit_id AS "unitId", p.category, p.full_name AS "fullName", p.sex,
                 p.birth_year AS "birthYear", p.position, p.valid_from::text AS "validFrom",
                 p.valid_to::text AS "validTo", p.version, ${unitNameOn('p.unit_id', isoDay(today))} AS "unitName"
            FROM roster_people p
           WHERE p.unit_id IN (SELECT jsonb_array_elements_text(${JSON.stringify(unitIds)}::jsonb)::int)
             ${filter.category ? sql`AND p.category = ${filter.category}` : sql``}
             ${filter.on ? sql`AND p.valid_from <= ${filter.on}::date AND (p.valid_to IS NULL OR p.valid_to >= ${filter.on}::date)` : sql``}
           ORDER BY p.unit_id, p.category, p.full_name_folded, p.id`,
    );
  }

  async peopleByIds(ids: readonly number[], today: string): Promise<RosterPersonRow[]> {
    if (ids.length === 0) return [];
    return rows<RosterPersonRow>(
      this.db(),
      sql`SELECT p.id, p.unit_id AS "unitId", p.category, p.full_name AS "fullName", p.sex,
                 p.birth_year AS "birthYear", p.position, p.valid_from::text AS "validFrom",
                 p.valid_to::text AS "validTo", p.version, ${unitNameOn('p.unit_id', isoDay(today))} AS "unitName"
            FROM roster_people p
           WHERE p.id IN (SELECT jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::int)
           ORDER BY p.full_name_folded, p.id`,
    );
  }

  async person(id: number) {
    const [row] = await this.db().select().from(rosterPeople).where(eq(rosterPeople.id, id));
    return row;
  }

  async insertPeople(values: (typeof rosterPeople.$inferInsert)[]): Promise<number[]> {
    if (values.length === 0) return [];
    const inserted = await this.db().insert(rosterPeople).values(values).returning({ id: rosterPeople.id });
    return inserted.map((r) => r.id);
  }

  /** The update when `version` is still the stored one; undefined when it is not (or the person is gone). */
  async updatePerson(id: number, version: number, values: Partial<typeof rosterPeople.$inferInsert>) {
    const [row] = await this.db()
      .update(rosterPeople)
      .set({ ...values, version: sql`${rosterPeople.version} + 1` })
      .where(and(eq(rosterPeople.id, id), eq(rosterPeople.version, version)))
      .returning({ id: rosterPeople.id });
    return row;
  }

  /** Deletes the person and their attendance (cascade); false when the version is stale. */
  async deletePerson(id: number, version: number): Promise<boolean> {
    const deleted = await this.db()
      .delete(rosterPeople)
      .where(and(eq(rosterPeople.id, id), eq(rosterPeople.version, version)))
      .returning({ id: rosterPeople.id });
    return deleted.length > 0;
  }

  // ----- activities -------------------------------------------------------------------------

  async activities(
    unitId: number,
    filter: { kind?: string; from?: string; to?: string },
    today: string,
  ): Promise<ActivityRow[]> {
    return rows<ActivityRow>(
      this.db(),
      sql`SELECT a.id, a.unit_id AS "unitId", a.kind, a.title, a.held_on::text AS "heldOn", a.plan_id AS "planId",
                 a.task_id AS "taskId", a.public_counts AS "publicCounts", a.note, a.version,
                 (SELECT count(*)::int FROM activity_attendees t WHERE t.activity_id = a.id) AS "attendeeCount",
                 ${unitNameOn('a.unit_id', isoDay(today))} AS "unitName"
            FROM activities a
           WHERE a.unit_id = ${unitId}
             ${filter.kind ? sql`AND a.kind = ${filter.kind}` : sql``}
             ${filter.from ? sql`AND a.held_on >= ${filter.from}::date` : sql``}
             ${filter.to ? sql`AND a.held_on <= ${filter.to}::date` : sql``}
           ORDER BY a.held_on DESC, a.id DESC
           LIMIT 1000`,
    );
  }

  async activity(id: number, today: string): Promise<ActivityRow | undefined> {
    const [row] = await rows<ActivityRow>(
      this.db(),
      sql`SELECT a.id, a.unit_id AS "unitId", a.kind, a.title, a.held_on::text AS "heldOn", a.plan_id AS "planId",
                 a.task_id AS "taskId", a.public_counts AS "publicCounts", a.note, a.version,
                 (SELECT count(*)::int FROM activity_attendees t WHERE t.activity_id = a.id) AS "attendeeCount",
                 ${unitNameOn('a.unit_id', isoDay(today))} AS "unitName"
            FROM activities a WHERE a.id = ${id}`,
    );
    return row;
  }

  async attendeeIds(activityId: number): Promise<number[]> {
    const found = await this.db()
      .select({ personId: activityAttendees.personId })
      .from(activityAttendees)
      .where(eq(activityAttendees.activityId, activityId));
    return found.map((r) => r.personId);
  }

  async insertActivity(values: typeof activities.$inferInsert): Promise<number> {
    const [row] = await this.db().insert(activities).values(values).returning({ id: activities.id });
    return row!.id;
  }

  async updateActivity(id: number, version: number, values: Partial<typeof activities.$inferInsert>) {
    const [row] = await this.db()
      .update(activities)
      .set({ ...values, version: sql`${activities.version} + 1` })
      .where(and(eq(activities.id, id), eq(activities.version, version)))
      .returning({ id: activities.id });
    return row;
  }

  async deleteActivity(id: number, version: number): Promise<boolean> {
    const deleted = await this.db()
      .delete(activities)
      .where(and(eq(activities.id, id), eq(activities.version, version)))
      .returning({ id: activities.id });
    return deleted.length > 0;
  }

  /** The activity's attendees become exactly `personIds` (each once). */
  async setAttendees(activityId: number, personIds: readonly number[]): Promise<void> {
    await this.db().delete(activityAttendees).where(eq(activityAttendees.activityId, activityId));
    const unique = [...new Set(personIds)];
    if (unique.length > 0)
      await this.db()
        .insert(activityAttendees)
        .values(unique.map((personId) => ({ activityId, personId })));
  }

  /**
   * Sessions of `kind` within [from, to] attended by people of the unit's roster in `category`:
   * one row per (person, session) — the same person id in two sessions gives two rows.
   */
  async attendanceOfUnit(
    unitId: number,
    category: string,
    kind: string,
    from: string,
    to: string,
  ): Promise<{ personId: number; activityKind: string; heldOn: string }[]> {
    return rows(
      this.db(),
      sql`SELECT t.person_id AS "personId", a.kind AS "activityKind", a.held_on::text AS "heldOn"
            FROM activity_attendees t
            JOIN activities a ON a.id = t.activity_id
            JOIN roster_people p ON p.id = t.person_id
           WHERE p.unit_id = ${unitId} AND p.category = ${category}
             AND a.kind = ${kind} AND a.held_on BETWEEN ${from}::date AND ${to}::date`,
    );
  }

  // ----- computed indicators ----------------------------------------------------------------

  async definitions(indicatorIds?: readonly number[]): Promise<IndicatorDefinitionRow[]> {
    if (indicatorIds && indicatorIds.length === 0) return [];
    return rows<IndicatorDefinitionRow>(
      this.db(),
      sql`SELECT indicator_id AS "indicatorId", measure, roster_category AS "rosterCategory",
                 activity_kind AS "activityKind", created_by AS "createdBy", created_at::text AS "createdAt"
            FROM indicator_definitions
           ${indicatorIds ? sql`WHERE indicator_id IN (SELECT jsonb_array_elements_text(${JSON.stringify(indicatorIds)}::jsonb)::int)` : sql``}
           ORDER BY indicator_id`,
    );
  }

  async upsertDefinition(values: typeof indicatorDefinitions.$inferInsert): Promise<void> {
    await this.db()
      .insert(indicatorDefinitions)
      .values(values)
      .onConflictDoUpdate({
        target: indicatorDefinitions.indicatorId,
        set: {
          measure: values.measure,
          rosterCategory: values.rosterCategory,
          activityKind: values.activityKind,
          createdBy: values.createdBy,
        },
      });
  }

  async deleteDefinition(indicatorId: number): Promise<boolean> {
    const deleted = await this.db()
      .delete(indicatorDefinitions)
      .where(eq(indicatorDefinitions.indicatorId, indicatorId))
      .returning({ id: indicatorDefinitions.indicatorId });
    return deleted.length > 0;
  }

  async computedValues(reportId: number): Promise<ComputedValueRow[]> {
    return this.db().select().from(reportComputedValues).where(eq(reportComputedValues.reportId, reportId));
  }

  async recordComputed(values: typeof reportComputedValues.$inferInsert): Promise<void> {
    await this.db()
      .insert(reportComputedValues)
      .values(values)
      .onConflictDoUpdate({
        target: [reportComputedValues.reportId, reportComputedValues.indicatorId],
        set: {
          numerator: values.numerator,
          denominator: values.denominator,
          computedAt: sql`now()`,
          overrideReason: values.overrideReason ?? null,
          overriddenBy: values.overriddenBy ?? null,
        },
      });
  }
}
