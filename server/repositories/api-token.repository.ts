import { sql } from 'drizzle-orm';
import { type Database, rows } from '../db/client.ts';
import { apiTokens } from '../db/schema.ts';

/** A token as listed and checked: its unit's name today, its creator's name and standing. */
export interface ApiTokenRow {
  id: number;
  name: string;
  prefix: string;
  unitId: number;
  unitName: string;
  scopes: string[];
  ratePerMinute: number;
  createdBy: number;
  createdByName: string | null;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** A token with what authenticating by it needs of its creator (the user it acts for). */
export interface ApiTokenWithCreator extends ApiTokenRow {
  creator: {
    username: string;
    displayName: string;
    role: string;
    homeUnitId: number;
    locale: string;
    active: boolean;
  };
}

const SELECT = sql`SELECT t.id, t.name, t.prefix, t.unit_id, t.rate_per_minute, t.created_by,
         array_to_string(t.scopes, ' ') AS scopes,
         t.created_at::text, t.expires_at::text, t.last_used_at::text, t.revoked_at::text,
         c.username, c.display_name, c.role, c.home_unit_id, c.locale, c.active,
         (SELECT n.name FROM org_unit_names n WHERE n.unit_id = t.unit_id
           ORDER BY n.valid_from DESC LIMIT 1) AS unit_name
    FROM api_tokens t JOIN users c ON c.id = t.created_by`;

function toRow(r: Record<string, unknown>): ApiTokenWithCreator {
  const text = (value: unknown) => (value === null ? null : String(value));
  return {
    id: r.id as number,
    name: r.name as string,
    prefix: r.prefix as string,
    unitId: r.unit_id as number,
    unitName: (r.unit_name as string | null) ?? '',
    scopes: String(r.scopes).split(' ').filter(Boolean),
    ratePerMinute: r.rate_per_minute as number,
    createdBy: r.created_by as number,
    createdByName: r.display_name as string | null,
    createdAt: String(r.created_at),
    expiresAt: String(r.expires_at),
    lastUsedAt: text(r.last_used_at),
    revokedAt: text(r.revoked_at),
    creator: {
      username: r.username as string,
      displayName: r.display_name as string,
      role: r.role as string,
      homeUnitId: r.home_unit_id as number,
      locale: r.locale as string,
      active: r.active as boolean,
    },
  };
}

/** API tokens (only the SHA-256 of a token is stored). */
export class ApiTokenRepository {
  constructor(private readonly database: Database) {}

  async insert(values: {
    name: string;
    prefix: string;
    tokenHash: string;
    unitId: number;
    scopes: string[];
    ratePerMinute: number;
    createdBy: number;
    expiresAt: string;
  }): Promise<number> {
    const [row] = await this.database.db().insert(apiTokens).values(values).returning({ id: apiTokens.id });
    return row!.id;
  }

  /** The token whose secret hashes to `tokenHash`, with its creator, in one statement. */
  async findByHash(tokenHash: string): Promise<ApiTokenWithCreator | undefined> {
    const [row] = await rows<Record<string, unknown>>(
      this.database.db(),
      sql`${SELECT} WHERE t.token_hash = ${tokenHash}`,
    );
    return row ? toRow(row) : undefined;
  }

  async findById(id: number): Promise<ApiTokenWithCreator | undefined> {
    const [row] = await rows<Record<string, unknown>>(this.database.db(), sql`${SELECT} WHERE t.id = ${id}`);
    return row ? toRow(row) : undefined;
  }

  /** Tokens of the given units (null: all), newest first, at most `limit`. */
  async list(unitIds: number[] | null, limit: number): Promise<ApiTokenRow[]> {
    const filter = unitIds === null ? sql`TRUE` : sql`t.unit_id = ANY(${sql.param(unitIds)}::int[])`;
    const found = await rows<Record<string, unknown>>(
      this.database.db(),
      sql`${SELECT} WHERE ${filter} ORDER BY t.created_at DESC, t.id DESC LIMIT ${limit}`,
    );
    return found.map(toRow);
  }

  /** Revokes a token not revoked yet; false when it already was. */
  async revoke(id: number, revokedBy: number | null): Promise<boolean> {
    const revoked = await rows<{ id: number }>(
      this.database.db(),
      sql`UPDATE api_tokens SET revoked_at = now(), revoked_by = ${revokedBy}
           WHERE id = ${id} AND revoked_at IS NULL RETURNING id`,
    );
    return revoked.length > 0;
  }

  /** Notes a use (shown in the list); the use itself is in the audit trail. */
  async touch(id: number, at: string): Promise<void> {
    await this.database.db().execute(sql`UPDATE api_tokens SET last_used_at = ${at} WHERE id = ${id}`);
  }
}
