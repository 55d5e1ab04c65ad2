import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { TPlanContent } from '../../contracts/plans.ts';
import { TREE_DEPTH_LIMIT } from '../../domain/access/unit-access.ts';
import { type Database, rows } from '../db/client.ts';
import {
  documentSequences,
  planAssignments,
  planEvents,
  planReportingDuties,
  plans,
  planTargets,
  planTasks,
} from '../db/schema.ts';
import { validOn } from './sql/valid-on.ts';

export type PlanRow = typeof plans.$inferSelect;
export type PlanTaskRow = typeof planTasks.$inferSelect;
export type PlanTargetRow = typeof planTargets.$inferSelect;

export interface PlanChildren {
  targets: PlanTargetRow[];
  tasks: PlanTaskRow[];
  assignments: (typeof planAssignments.$inferSelect)[];
  reporting: (typeof planReportingDuties.$inferSelect)[];
  events: (typeof planEvents.$inferSelect)[];
}

/** A plan as lists show it, with its unit's current name. */
interface PlanSummaryRow {
  id: number;
  unit_id: number;
  unit_name: string | null;
  title: string;
  origin: string;
  status: string;
  symbol: string | null;
  issued_on: string | null;
  year_from: number | null;
  year_to: number | null;
  parent_plan_id: number | null;
  is_demo: boolean;
}

const PLAN_SUMMARY_COLUMNS =
  sql.raw(`p.id, p.unit_id, p.title, p.origin, p.status, p.symbol, p.issued_on, p.year_from,
       p.year_to, p.parent_plan_id, p.is_demo,
       (SELECT n.name FROM org_unit_names n WHERE n.unit_id = p.unit_id ORDER BY n.valid_from DESC LIMIT 1) AS unit_name`);

/** All SQL about plans and their parts. Parts are replaced whole when a plan is saved. */
export class PlanRepository {
  constructor(private readonly database: Database) {}

  private db() {
    return this.database.db();
  }

  async insert(values: typeof plans.$inferInsert): Promise<PlanRow> {
    const [row] = await this.db().insert(plans).values(values).returning();
    return row!;
  }

  async find(id: number): Promise<PlanRow | undefined> {
    const [row] = await this.db().select().from(plans).where(eq(plans.id, id));
    return row;
  }

  /** The plan made of a stored document (the first, if several). */
  async findByDocument(documentId: number): Promise<PlanRow | undefined> {
    const [row] = await this.db()
      .select()
      .from(plans)
      .where(eq(plans.documentId, documentId))
      .orderBy(asc(plans.id))
      .limit(1);
    return row;
  }

  /** Optimistic update of the plan row; false when the version moved on. */
  async updateIfVersion(
    id: number,
    version: number,
    values: Partial<typeof plans.$inferInsert>,
  ): Promise<boolean> {
    const updated = await this.db()
      .update(plans)
      .set({ ...values, version: sql`${plans.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(plans.id, id), eq(plans.version, version)))
      .returning({ id: plans.id });
    return updated.length === 1;
  }

  async children(planId: number): Promise<PlanChildren> {
    const db = this.db();
    const [targets, tasks, assignments, reporting, events] = await Promise.all([
      db.select().from(planTargets).where(eq(planTargets.planId, planId)).orderBy(asc(planTargets.position)),
      db.select().from(planTasks).where(eq(planTasks.planId, planId)).orderBy(asc(planTasks.position)),
      db
        .select()
        .from(planAssignments)
        .where(eq(planAssignments.planId, planId))
        .orderBy(asc(planAssignments.position)),
      db
        .select()
        .from(planReportingDuties)
        .where(eq(planReportingDuties.planId, planId))
        .orderBy(asc(planReportingDuties.position)),
      db.select().from(planEvents).where(eq(planEvents.planId, planId)).orderBy(asc(planEvents.position)),
    ]);
    return { targets, tasks, assignments, reporting, events };
  }

  /** The campaign events of several plans, in each plan's order. */
  async eventsOf(planIds: readonly number[]) {
    if (planIds.length === 0) return [];
    return this.db()
      .select()
      .from(planEvents)
      .where(inArray(planEvents.planId, [...planIds]))
      .orderBy(asc(planEvents.planId), asc(planEvents.position));
  }

  /** Replaces the parts of a plan with `content` (inside the caller's transaction). */
  async replaceChildren(planId: number, content: TPlanContent): Promise<void> {
    const db = this.db();
    await db.delete(planTasks).where(eq(planTasks.planId, planId));
    await db.delete(planAssignments).where(eq(planAssignments.planId, planId));
    await db.delete(planReportingDuties).where(eq(planReportingDuties.planId, planId));
    await db.delete(planEvents).where(eq(planEvents.planId, planId));
    // Targets keep their ids position by position: indicator bindings and the targets of
    // implementing plans (source_target_id) point at them.
    const existing = await db
      .select({ id: planTargets.id })
      .from(planTargets)
      .where(eq(planTargets.planId, planId))
      .orderBy(asc(planTargets.position));
    for (const [position, t] of content.targets.entries()) {
      const values = {
        text: t.text,
        milestones: t.milestones,
        sourceTargetId: t.sourceTargetId ?? null,
        position,
      };
      const keep = existing[position];
      if (keep) await db.update(planTargets).set(values).where(eq(planTargets.id, keep.id));
      else await db.insert(planTargets).values({ planId, ...values });
    }
    const extra = existing.slice(content.targets.length).map((e) => e.id);
    if (extra.length) await db.delete(planTargets).where(inArray(planTargets.id, extra));
    if (content.tasks.length) {
      await db.insert(planTasks).values(
        content.tasks.map((t, position) => ({
          planId,
          position,
          text: t.text,
          leadText: t.leadText ?? null,
          leadUnitId: t.leadUnitId ?? null,
          cooperating: t.cooperating,
          deadline: t.deadline ?? null,
          status: t.status,
          progressNote: t.progressNote ?? null,
        })),
      );
    }
    if (content.assignments.length) {
      await db.insert(planAssignments).values(
        content.assignments.map((a, position) => ({
          planId,
          position,
          unitText: a.unitText,
          unitId: a.unitId ?? null,
          unitType: a.unitType ?? null,
          text: a.text,
        })),
      );
    }
    if (content.reporting.length) {
      await db.insert(planReportingDuties).values(
        content.reporting.map((r, position) => ({
          planId,
          position,
          frequency: r.frequency,
          due: r.due,
          recipient: r.recipient,
        })),
      );
    }
    if (content.events.length) {
      await db.insert(planEvents).values(
        content.events.map((e, position) => ({
          planId,
          position,
          name: e.name,
          start: e.start,
          end: e.end,
          calendar: e.calendar,
          recurring: e.recurring,
        })),
      );
    }
  }

  async targetsByIds(ids: number[]): Promise<PlanTargetRow[]> {
    if (ids.length === 0) return [];
    return this.db().select().from(planTargets).where(inArray(planTargets.id, ids));
  }

  async updateTask(
    taskId: number,
    version: number,
    values: Partial<typeof planTasks.$inferInsert>,
  ): Promise<PlanTaskRow | undefined> {
    const [row] = await this.db()
      .update(planTasks)
      .set({ ...values, version: sql`${planTasks.version} + 1` })
      .where(and(eq(planTasks.id, taskId), eq(planTasks.version, version)))
      .returning();
    return row;
  }

  async findTask(taskId: number): Promise<PlanTaskRow | undefined> {
    const [row] = await this.db().select().from(planTasks).where(eq(planTasks.id, taskId));
    return row;
  }

  /** Plans of these units (with the unit's current name). */
  async listForUnits(unitIds: number[]) {
    if (unitIds.length === 0) return [];
    return rows<PlanSummaryRow>(
      this.db(),
      sql`SELECT ${PLAN_SUMMARY_COLUMNS}
            FROM plans p WHERE p.unit_id = ANY(${sql.param(unitIds)}::int[])
           ORDER BY p.issued_on DESC NULLS FIRST, p.id DESC`,
    );
  }

  /**
   * Plans of `rootId`'s subtree as of `date` (the root included) and of `alsoUnitIds` (its
   * ancestors). Walks up from each plan's unit rather than down the whole subtree: plans are few
   * where units are many (a national subtree holds 100,000 units).
   */
  async listForSubtree(rootId: number, date: string, alsoUnitIds: number[]) {
    return rows<PlanSummaryRow>(
      this.db(),
      sql`WITH RECURSIVE up AS (
            SELECT p.id AS plan_id, p.unit_id AS at, 0 AS lvl FROM plans p
            UNION ALL
            SELECT up.plan_id, par.parent_id, up.lvl + 1 FROM up
              JOIN org_unit_parents par ON par.unit_id = up.at
               AND ${validOn('par', date)}
             WHERE up.at <> ${rootId} AND par.parent_id IS NOT NULL AND up.lvl < ${sql.raw(String(TREE_DEPTH_LIMIT))}
          )
          SELECT ${PLAN_SUMMARY_COLUMNS}
            FROM plans p
           WHERE p.id IN (SELECT plan_id FROM up WHERE at = ${rootId})
              OR p.unit_id = ANY(${sql.param(alsoUnitIds)}::int[])
           ORDER BY p.issued_on DESC NULLS FIRST, p.id DESC`,
    );
  }

  /** Implementing plans derived from a plan (one per unit that started one). */
  async childPlans(parentPlanId: number) {
    return this.db()
      .select({
        id: plans.id,
        unitId: plans.unitId,
        status: plans.status,
        symbol: plans.symbol,
        issuedOn: plans.issuedOn,
      })
      .from(plans)
      .where(eq(plans.parentPlanId, parentPlanId));
  }

  /** Takes the next number of a unit's sequence for a year and kind (row-locked). */
  async nextNumber(unitId: number, year: number, kind: string, peek: boolean): Promise<number> {
    const [current] = await rows<{ last_number: number }>(
      this.db(),
      sql`SELECT last_number FROM document_sequences WHERE unit_id = ${unitId} AND year = ${year} AND kind = ${kind} FOR UPDATE`,
    );
    const next = (current?.last_number ?? 0) + 1;
    if (!peek) {
      await this.db()
        .insert(documentSequences)
        .values({ unitId, year, kind, lastNumber: next })
        .onConflictDoUpdate({
          target: [documentSequences.unitId, documentSequences.year, documentSequences.kind],
          set: { lastNumber: sql`GREATEST(${documentSequences.lastNumber}, ${next})` },
        });
    }
    return next;
  }

  /** The signer of the unit's latest issued plan that had one (the dialog's suggestion). */
  async lastSigner(unitId: number): Promise<unknown> {
    const [row] = await rows<{ signer: unknown }>(
      this.db(),
      sql`SELECT signer FROM plans
           WHERE unit_id = ${unitId} AND status = 'issued' AND origin = 'own' AND signer IS NOT NULL
           ORDER BY issued_on DESC NULLS LAST, id DESC LIMIT 1`,
    );
    return row?.signer ?? null;
  }

  /** The signers of the unit's issued plans, each once, the latest used first (at most `limit`). */
  async signersOf(unitId: number, limit = 10): Promise<unknown[]> {
    const found = await rows<{ signer: unknown }>(
      this.db(),
      sql`SELECT signer FROM plans
           WHERE unit_id = ${unitId} AND status = 'issued' AND origin = 'own' AND signer IS NOT NULL
           ORDER BY issued_on DESC NULLS LAST, id DESC LIMIT 200`,
    );
    const seen = new Set<string>();
    const signers: unknown[] = [];
    for (const { signer } of found) {
      const key = JSON.stringify(signer);
      if (seen.has(key)) continue;
      seen.add(key);
      signers.push(signer);
      if (signers.length === limit) break;
    }
    return signers;
  }

  /** Records a number used (typed by the user) so that the suggestion moves past it. */
  async noteNumberUsed(unitId: number, year: number, kind: string, number: number): Promise<void> {
    await this.db()
      .insert(documentSequences)
      .values({ unitId, year, kind, lastNumber: number })
      .onConflictDoUpdate({
        target: [documentSequences.unitId, documentSequences.year, documentSequences.kind],
        set: { lastNumber: sql`GREATEST(${documentSequences.lastNumber}, ${number})` },
      });
  }
}
