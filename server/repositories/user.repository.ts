import { eq, sql } from 'drizzle-orm';
import type { TRole } from '../../contracts/auth.ts';
import { type Database, rows } from '../db/client.ts';
import { users } from '../db/schema.ts';

export type UserRow = typeof users.$inferSelect;

export interface UserWithUnit extends UserRow {
  homeUnitName: string;
}

export class UserRepository {
  constructor(private readonly database: Database) {}

  async findByUsername(username: string): Promise<UserRow | undefined> {
    const [row] = await this.database.db().select().from(users).where(eq(users.username, username));
    return row;
  }

  async findById(id: number): Promise<UserRow | undefined> {
    const [row] = await this.database.db().select().from(users).where(eq(users.id, id));
    return row;
  }

  async insert(values: {
    username: string;
    displayName: string;
    passwordHash: string;
    role: TRole;
    homeUnitId: number;
    email?: string | null;
  }): Promise<UserRow> {
    const [row] = await this.database.db().insert(users).values(values).returning();
    return row!;
  }

  /** Optimistic update: returns undefined when the version no longer matches. */
  async update(id: number, version: number, values: Partial<Omit<UserRow, 'id' | 'version'>>) {
    const [row] = await this.database
      .db()
      .update(users)
      .set({ ...values, version: sql`${users.version} + 1`, updatedAt: sql`now()` })
      .where(sql`${users.id} = ${id} AND ${users.version} = ${version}`)
      .returning();
    return row;
  }

  /** Users with the name of their home unit today, in the given units (null: all). */
  async list(unitIds: number[] | null): Promise<UserWithUnit[]> {
    const filter = unitIds === null ? sql`TRUE` : sql`u.home_unit_id = ANY(${sql.param(unitIds)}::int[])`;
    const found = await rows<Record<string, unknown>>(
      this.database.db(),
      sql`SELECT u.id, u.username, u.display_name, u.role, u.home_unit_id, u.active, u.version, u.created_at,
                 (SELECT n.name FROM org_unit_names n WHERE n.unit_id = u.home_unit_id
                   ORDER BY n.valid_from DESC LIMIT 1) AS home_unit_name
            FROM users u WHERE ${filter} ORDER BY u.username`,
    );
    return found.map(
      (r) =>
        ({
          id: r.id,
          username: r.username,
          displayName: r.display_name,
          role: r.role,
          homeUnitId: r.home_unit_id,
          active: r.active,
          version: r.version,
          createdAt: r.created_at,
          homeUnitName: (r.home_unit_name as string | null) ?? '',
        }) as UserWithUnit,
    );
  }

  async count(): Promise<number> {
    const [row] = await rows<{ n: number }>(this.database.db(), sql`SELECT count(*)::int AS n FROM users`);
    return row?.n ?? 0;
  }

  /** Active users of a unit at or above a role, for reminders and digests. */
  async activeOfUnits(unitIds: number[]): Promise<UserRow[]> {
    if (unitIds.length === 0) return [];
    return this.database
      .db()
      .select()
      .from(users)
      .where(sql`${users.homeUnitId} = ANY(${sql.param(unitIds)}::int[]) AND ${users.active}`);
  }
}
