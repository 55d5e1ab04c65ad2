import { sql } from 'drizzle-orm';
import { type Database, rows } from '../db/client.ts';
import { invitations } from '../db/schema.ts';

export type InvitationRow = typeof invitations.$inferSelect;

/** An invitation with what its link depends on: whether its inviter is still active. */
export interface InvitationWithInviter extends InvitationRow {
  inviterActive: boolean;
}

/** An invitation as listed to managers: the unit's name today and the inviter's name. */
export interface InvitationListed {
  id: number;
  role: string;
  homeUnitId: number;
  homeUnitName: string;
  createdBy: number | null;
  invitedBy: string | null;
  inviterActive: boolean;
  expiresAt: string;
  createdAt: string;
  acceptedAt: string | null;
  acceptedUsername: string | null;
  revokedAt: string | null;
}

/** Invitation links (only the SHA-256 of a token is stored). */
export class InvitationRepository {
  constructor(private readonly database: Database) {}

  async insert(values: {
    tokenHash: string;
    role: string;
    homeUnitId: number;
    createdBy: number | null;
    expiresAt: string;
  }): Promise<number> {
    const [row] = await this.database
      .db()
      .insert(invitations)
      .values(values)
      .returning({ id: invitations.id });
    return row!.id;
  }

  async findByTokenHash(tokenHash: string): Promise<InvitationWithInviter | undefined> {
    return this.findWhere(sql`i.token_hash = ${tokenHash}`);
  }

  async findById(id: number): Promise<InvitationWithInviter | undefined> {
    return this.findWhere(sql`i.id = ${id}`);
  }

  private async findWhere(condition: ReturnType<typeof sql>): Promise<InvitationWithInviter | undefined> {
    const [row] = await rows<Record<string, unknown>>(
      this.database.db(),
      sql`SELECT i.id, i.token_hash, i.role, i.home_unit_id, i.created_by, i.accepted_by, i.revoked_by,
                 i.expires_at::text, i.accepted_at::text, i.revoked_at::text, i.created_at::text,
                 COALESCE(u.active, TRUE) AS inviter_active
            FROM invitations i LEFT JOIN users u ON u.id = i.created_by
           WHERE ${condition}`,
    );
    if (!row) return undefined;
    return {
      id: row.id as number,
      tokenHash: row.token_hash as string,
      role: row.role as string,
      homeUnitId: row.home_unit_id as number,
      createdBy: row.created_by as number | null,
      expiresAt: String(row.expires_at),
      acceptedBy: row.accepted_by as number | null,
      acceptedAt: row.accepted_at === null ? null : String(row.accepted_at),
      revokedAt: row.revoked_at === null ? null : String(row.revoked_at),
      revokedBy: row.revoked_by as number | null,
      createdAt: String(row.created_at),
      inviterActive: row.inviter_active as boolean,
    };
  }

  /**
   * Marks an open invitation used, in the accepting transaction: false when it was used or revoked
   * meanwhile, or its inviter deactivated (a link is worth no more than its inviter).
   */
  async claim(id: number): Promise<boolean> {
    const claimed = await rows<{ id: number }>(
      this.database.db(),
      sql`UPDATE invitations i SET accepted_at = now()
           WHERE i.id = ${id} AND i.accepted_at IS NULL AND i.revoked_at IS NULL
             AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = i.created_by AND NOT u.active)
          RETURNING i.id`,
    );
    return claimed.length > 0;
  }

  async setAcceptedBy(id: number, userId: number): Promise<void> {
    await this.database.db().execute(sql`UPDATE invitations SET accepted_by = ${userId} WHERE id = ${id}`);
  }

  /** Revokes an open invitation; false when it was already used or revoked. */
  async revoke(id: number, revokedBy: number | null): Promise<boolean> {
    const revoked = await rows<{ id: number }>(
      this.database.db(),
      sql`UPDATE invitations SET revoked_at = now(), revoked_by = ${revokedBy}
           WHERE id = ${id} AND accepted_at IS NULL AND revoked_at IS NULL
          RETURNING id`,
    );
    return revoked.length > 0;
  }

  /** Revokes every invitation an inviter made that is still open (used or expired ones stay as they were). */
  async revokeOpenByInviter(inviterId: number, revokedBy: number | null): Promise<number[]> {
    const revoked = await rows<{ id: number }>(
      this.database.db(),
      sql`UPDATE invitations SET revoked_at = now(), revoked_by = ${revokedBy}
           WHERE created_by = ${inviterId} AND accepted_at IS NULL AND revoked_at IS NULL
             AND expires_at > now()
          RETURNING id`,
    );
    return revoked.map((r) => r.id).sort((a, b) => a - b);
  }

  /** Invitations into the given units (null: all), newest first, at most `limit`. */
  async list(unitIds: number[] | null, limit: number): Promise<InvitationListed[]> {
    const filter = unitIds === null ? sql`TRUE` : sql`i.home_unit_id = ANY(${sql.param(unitIds)}::int[])`;
    const found = await rows<Record<string, unknown>>(
      this.database.db(),
      sql`SELECT i.id, i.role, i.home_unit_id, i.created_by, i.expires_at::text, i.created_at::text,
                 i.accepted_at::text, i.revoked_at::text, inviter.display_name AS invited_by, COALESCE(inviter.active, TRUE) AS inviter_active,
                 accepted.username AS accepted_username,
                 (SELECT n.name FROM org_unit_names n WHERE n.unit_id = i.home_unit_id
                   ORDER BY n.valid_from DESC LIMIT 1) AS home_unit_name
            FROM invitations i
            LEFT JOIN users inviter ON inviter.id = i.created_by
            LEFT JOIN users accepted ON accepted.id = i.accepted_by
           WHERE ${filter}
           ORDER BY i.created_at DESC, i.id DESC
           LIMIT ${limit}`,
    );
    return found.map((r) => ({
      id: r.id as number,
      role: r.role as string,
      homeUnitId: r.home_unit_id as number,
      homeUnitName: (r.home_unit_name as string | null) ?? '',
      createdBy: r.created_by as number | null,
      invitedBy: r.invited_by as string | null,
      inviterActive: r.inviter_active as boolean,
      expiresAt: String(r.expires_at),
      createdAt: String(r.created_at),
      acceptedAt: r.accepted_at === null ? null : String(r.accepted_at),
      acceptedUsername: r.accepted_username as string | null,
      revokedAt: r.revoked_at === null ? null : String(r.revoked_at),
    }));
  }
}
