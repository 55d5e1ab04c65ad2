import { sql } from 'drizzle-orm';
import { type Database, rows } from '../db/client.ts';

/** The SQL of the task board: the work issued plans give a set of units. */
export class TaskBoardRepository {
  constructor(private readonly database: Database) {}

  private db() {
    return this.database.db();
  }

  /**
   * Tasks of issued plans that these units lead or cooperate on (cooperating bodies are stored
   * as `{ text, unitId }`; older rows hold bare names, which `->>` reads as NULL).
   */
  async boardTasks(unitIds: number[]) {
    if (unitIds.length === 0) return [];
    return rows<{
      id: number;
      plan_id: number;
      position: number;
      text: string;
      lead_unit_id: number | null;
      cooperating: unknown;
      deadline: string | null;
      status: string;
      progress_note: string | null;
      version: number;
      plan_title: string;
      plan_symbol: string | null;
      plan_unit_id: number;
    }>(
      this.db(),
      sql`SELECT t.id, t.plan_id, t.position, t.text, t.lead_unit_id, t.cooperating, t.deadline, t.status,
                 t.progress_note, t.version, p.title AS plan_title, p.symbol AS plan_symbol, p.unit_id AS plan_unit_id
            FROM plan_tasks t JOIN plans p ON p.id = t.plan_id
           WHERE p.status = 'issued'
             AND (t.lead_unit_id = ANY(${sql.param(unitIds)}::int[])
                  OR EXISTS (SELECT 1 FROM jsonb_array_elements(t.cooperating) c
                              WHERE (c ->> 'unitId') ~ '^[0-9]+$'
                                AND (c ->> 'unitId')::int = ANY(${sql.param(unitIds)}::int[])))`,
    );
  }

  /**
   * Assignments of issued plans to these units by id, or by type (`unitTypes`) when the plan's
   * owner is one of `ownerIds` (the units above the board's unit and those inside it).
   */
  async boardAssignments(unitIds: number[], unitTypes: string[], ownerIds: number[]) {
    if (unitIds.length === 0) return [];
    return rows<{
      id: number;
      plan_id: number;
      position: number;
      unit_id: number | null;
      unit_type: string | null;
      text: string;
      unit_text: string;
      plan_title: string;
      plan_symbol: string | null;
      plan_unit_id: number;
      issued_on: string | null;
      implement_deadline: string | null;
    }>(
      this.db(),
      sql`SELECT a.id, a.plan_id, a.position, a.unit_id, a.unit_type, a.text, a.unit_text,
                 p.title AS plan_title, p.symbol AS plan_symbol, p.unit_id AS plan_unit_id,
                 p.issued_on, p.implement_deadline
            FROM plan_assignments a JOIN plans p ON p.id = a.plan_id
           WHERE p.status = 'issued'
             AND (a.unit_id = ANY(${sql.param(unitIds)}::int[])
                  OR (a.unit_id IS NULL AND a.unit_type = ANY(${sql.param(unitTypes)}::text[])
                      AND p.unit_id = ANY(${sql.param(ownerIds)}::int[])))`,
    );
  }

  /** Implementing plans of these units derived from these plans. */
  async childPlansOf(parentIds: number[], unitIds: number[]) {
    if (parentIds.length === 0 || unitIds.length === 0) return [];
    return rows<{ parent_plan_id: number; unit_id: number; status: string }>(
      this.db(),
      sql`SELECT parent_plan_id, unit_id, status FROM plans
           WHERE parent_plan_id = ANY(${sql.param(parentIds)}::int[]) AND unit_id = ANY(${sql.param(unitIds)}::int[])`,
    );
  }
}
