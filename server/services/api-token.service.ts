import { createHash, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type {
  TApiToken,
  TApiTokenCreated,
  TApiTokenScope,
  ZApiTokenCreate,
} from '../../contracts/api-tokens.ts';
import type { TRole } from '../../contracts/auth.ts';
import {
  type Bucket,
  scopesOfRoute,
  TOKEN_CREATOR_ROLE,
  TOKEN_PREFIX,
  TOKEN_PREFIX_LENGTH,
  takeFromBucket,
  tokenMayCall,
  tokenRole,
  tokenState,
} from '../../domain/access/api-tokens.ts';
import { toIsoTimestamp } from '../../domain/dates.ts';
import type { Database } from '../db/client.ts';
import { AppError, notFound } from '../errors.ts';
import type { ApiTokenRepository, ApiTokenRow } from '../repositories/api-token.repository.ts';
import type { OrgRepository } from '../repositories/org.repository.ts';
import type { AccessService } from './access.service.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import type { Authenticated } from './auth.service.ts';

/** Tokens listed at most (newest first): an administrator's screen, not an archive. */
const TOKENS_LISTED = 200;

const hash = (secret: string) => createHash('sha256').update(secret).digest('hex');
const epoch = (text: string) => Date.parse(toIsoTimestamp(text));

/** The route a request with a token asks for, as the route table names it. */
export interface TokenRequest {
  method: string;
  url: string;
  ip: string | null;
}

/**
 * API tokens for other systems. A manager or an administrator makes one for a unit of their
 * organisation and a set of scopes (`contracts/api-tokens.ts`); the secret is shown once and only
 * its SHA-256 is kept. A request with `Authorization: Bearer <token>` then acts as the token's
 * creator would, narrowed three ways: the unit's subtree (the home unit is the token's unit), the
 * role its scopes need (`tokenRole`: an officer at most), and the routes its scopes open
 * (`TOKEN_SCOPE_ROUTES`). The creator is read on every use: deactivated, or no longer reaching the
 * unit, and the token stops (401). Every use is in the audit trail; each token has its own rate.
 */
export class ApiTokenService {
  /** Each token's bucket of requests, in this process (`takeFromBucket`). */
  private readonly buckets = new Map<number, Bucket>();

  constructor(
    private readonly database: Database,
    private readonly tokens: ApiTokenRepository,
    private readonly org: OrgRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  /** Makes a token: its unit inside the caller's organisation and the caller a manager or above (403). */
  async create(actor: Actor, body: z.output<typeof ZApiTokenCreate>): Promise<TApiTokenCreated> {
    this.access.assertRole(actor, TOKEN_CREATOR_ROLE);
    await this.access.assertMayAct(actor, 'manage', body.unitId);
    if (actor.userId === null) throw new AppError(403, 'forbidden');
    const secret = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const prefix = secret.slice(0, TOKEN_PREFIX_LENGTH);
    const expiresAt = new Date(this.access.now().getTime() + body.expiresInDays * 86_400_000).toISOString();
    const id = await this.database.transaction(async () => {
      const inserted = await this.tokens.insert({
        name: body.name,
        prefix,
        tokenHash: hash(secret),
        unitId: body.unitId,
        scopes: body.scopes,
        ratePerMinute: body.ratePerMinute,
        createdBy: actor.userId!,
        expiresAt,
      });
      await this.audit.record(actor, 'api_token.create', 'api_token', inserted, null, {
        name: body.name,
        prefix,
        unitId: body.unitId,
        scopes: body.scopes,
        ratePerMinute: body.ratePerMinute,
        expiresAt,
      });
      return inserted;
    });
    return { token: await this.view(id), secret };
  }

  /** The tokens of units in the caller's organisation (all for the national level), newest first. */
  async list(actor: Actor): Promise<TApiToken[]> {
    this.access.assertRole(actor, TOKEN_CREATOR_ROLE);
    const unitIds =
      actor.homeUnitId === null
        ? null
        : (await this.org.tree(this.access.today(), actor.homeUnitId)).map((u) => u.id);
    const now = this.access.now().getTime();
    return (await this.tokens.list(unitIds, TOKENS_LISTED)).map((row) => toApiToken(row, now));
  }

  /** Revokes a token of a unit the caller may manage (403 otherwise); 409 when already revoked. */
  async revoke(actor: Actor, id: number): Promise<TApiToken> {
    this.access.assertRole(actor, TOKEN_CREATOR_ROLE);
    const row = await this.tokens.findById(id);
    if (!row) throw notFound('api_token');
    await this.access.assertMayAct(actor, 'manage', row.unitId);
    await this.database.transaction(async () => {
      if (!(await this.tokens.revoke(id, actor.userId))) throw new AppError(409, 'api_token_already_revoked');
      await this.audit.record(actor, 'api_token.revoke', 'api_token', id, null, {
        prefix: row.prefix,
        name: row.name,
      });
    });
    // Its next request is refused at once: nothing of a token is kept in memory but its rate.
    this.buckets.delete(id);
    return this.view(id);
  }

  /**
   * The identity a request with a token acts as, for the route it asks; every refusal named:
   * unknown (401), revoked or expired (401, with when), the creator deactivated or no longer
   * reaching the unit (401), a route its scopes do not open (403), too many requests (429). Each
   * admitted use and each refused one of a known token is an audit row.
   */
  async authenticate(secret: string, request: TokenRequest): Promise<Authenticated> {
    const row = secret.startsWith(TOKEN_PREFIX) ? await this.tokens.findByHash(hash(secret)) : undefined;
    if (!row) throw new AppError(401, 'api_token_invalid');
    const now = this.access.now();
    const scopes = row.scopes as TApiTokenScope[];
    const role = tokenRole(row.creator.role as TRole, scopes);
    const actor: Actor = { userId: row.createdBy, role, homeUnitId: row.unitId, ip: request.ip };
    const route = `${request.method} ${request.url}`;
    const refuse = async (status: number, key: Parameters<typeof refusal>[0], params = {}) => {
      await this.audit.record(actor, 'api_token.refused', 'api_token', row.id, null, { route, reason: key });
      return refusal(key, status, { prefix: row.prefix, ...params });
    };

    const state = tokenState(row.revokedAt, epoch(row.expiresAt), now.getTime());
    if (state === 'revoked')
      throw await refuse(401, 'api_token_revoked', { at: toIsoTimestamp(row.revokedAt!) });
    if (state === 'expired')
      throw await refuse(401, 'api_token_expired', { at: toIsoTimestamp(row.expiresAt) });
    const creator: Actor = {
      userId: row.createdBy,
      role: row.creator.role as TRole,
      homeUnitId: row.creator.homeUnitId,
      ip: request.ip,
    };
    if (!row.creator.active || !(await this.access.canAccessUnit(creator, row.unitId)))
      throw await refuse(401, 'api_token_creator_lost_access');
    if (!tokenMayCall(scopes, request.method, request.url))
      throw await refuse(403, 'api_token_scope', {
        scopes: scopes.join(', '),
        needed: scopesOfRoute(request.method, request.url).join(', ') || '—',
      });

    const taken = takeFromBucket(this.buckets.get(row.id), row.ratePerMinute, now.getTime());
    this.buckets.set(row.id, taken.bucket);
    if (!taken.admitted) {
      const seconds = Math.max(1, Math.ceil(taken.retryAfterMs / 1000));
      throw new AppError(
        429,
        'api_token_rate',
        { prefix: row.prefix, limit: row.ratePerMinute, seconds },
        null,
        { retryAfter: seconds },
      );
    }

    await this.database.transaction(async () => {
      await this.tokens.touch(row.id, now.toISOString());
      await this.audit.record(actor, 'api_token.use', 'api_token', row.id, null, { route });
    });
    return {
      user: {
        id: row.createdBy,
        username: row.creator.username,
        displayName: row.creator.displayName,
        role,
        homeUnitId: row.unitId,
        homeUnitName: row.unitName,
        locale: row.creator.locale === 'en' ? 'en' : 'vi',
      },
      actor,
      // A token request carries no cookie, so it cannot be forged by another site: no CSRF token.
      csrfToken: '',
      sessionId: `api-token:${row.id}`,
    };
  }

  private async view(id: number): Promise<TApiToken> {
    const row = await this.tokens.findById(id);
    if (!row) throw notFound('api_token');
    return toApiToken(row, this.access.now().getTime());
  }
}

function refusal(
  key:
    | 'api_token_revoked'
    | 'api_token_expired'
    | 'api_token_creator_lost_access'
    | 'api_token_scope'
    | 'api_token_invalid',
  status: number,
  params: Record<string, string | number>,
): AppError {
  return new AppError(status, key, params);
}

function toApiToken(row: ApiTokenRow, nowMs: number): TApiToken {
  const nullable = (value: string | null) => (value === null ? null : toIsoTimestamp(value));
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    unitId: row.unitId,
    unitName: row.unitName,
    scopes: row.scopes as TApiTokenScope[],
    createdBy: row.createdByName,
    createdAt: toIsoTimestamp(row.createdAt),
    expiresAt: toIsoTimestamp(row.expiresAt),
    ratePerMinute: row.ratePerMinute,
    lastUsedAt: nullable(row.lastUsedAt),
    revokedAt: nullable(row.revokedAt),
    state: tokenState(row.revokedAt, epoch(row.expiresAt), nowMs),
  };
}
