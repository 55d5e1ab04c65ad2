import type { TApiTokenScope } from '../../contracts/api-tokens.ts';
import type { TRole } from '../../contracts/auth.ts';
import { roleAtLeast } from '../roles.ts';

/**
 * The rules of API tokens, pure: which routes each scope opens, the role a token acts with, its
 * state, the form of its secret and its rate limit. The unit rule is the access policy's own
 * (`unit-access.ts`): a token acts as a user whose home unit is the token's unit.
 */

/**
 * The routes each scope opens, as `METHOD url` of the route table. A route not listed here refuses
 * every token (403), whatever the token's creator may do.
 */
export const TOKEN_SCOPE_ROUTES: Record<TApiTokenScope, readonly string[]> = {
  'figures:read': [
    // Where the figures are: the unit tree, the indicators, a plan's schedules and periods.
    'GET /api/org/tree',
    'GET /api/indicators',
    'GET /api/plans/:id/schedules',
    // The figures: dashboards, drill-down, completeness, the consolidated report's approved values.
    'GET /api/units/:id/dashboard',
    'GET /api/plans/:id/dashboard',
    'GET /api/plans/:id/dashboard.xlsx',
    'GET /api/periods/:id/drilldown',
    'GET /api/periods/:id/completeness',
    'GET /api/periods/:id/consolidated',
    // The same approved values for another system (DHIS2): ADX or dataValueSets JSON of a period.
    'GET /api/exchange/export/summary',
    'GET /api/exchange/export',
  ],
  'reports:write': [
    'GET /api/my-reports',
    'POST /api/reports',
    'GET /api/reports/:id',
    'PUT /api/reports/:id',
    'POST /api/reports/:id/submit',
    // Another system's figures into the reports of the token's units, as drafts (all or nothing).
    'POST /api/exchange/import',
  ],
};

/** The scopes under which a route may be called with a token (none: tokens are refused). */
export function scopesOfRoute(method: string, url: string): TApiTokenScope[] {
  const key = `${method} ${url}`;
  return (Object.keys(TOKEN_SCOPE_ROUTES) as TApiTokenScope[]).filter((scope) =>
    TOKEN_SCOPE_ROUTES[scope].includes(key),
  );
}

/** Whether a token with `scopes` may call the route. */
export function tokenMayCall(scopes: readonly TApiTokenScope[], method: string, url: string): boolean {
  return scopesOfRoute(method, url).some((scope) => scopes.includes(scope));
}

/** The least role each scope needs: reading figures a viewer's, writing reports an officer's. */
const SCOPE_ROLE: Record<TApiTokenScope, TRole> = { 'figures:read': 'viewer', 'reports:write': 'officer' };

/**
 * The role a token acts with: what its scopes need, never above its creator's role today. A token
 * of a manager or an administrator acts as an officer at most — it can never review, approve,
 * manage users or change the organisation.
 */
export function tokenRole(creatorRole: TRole, scopes: readonly TApiTokenScope[]): TRole {
  const needed = scopes.some((scope) => SCOPE_ROLE[scope] === 'officer') ? 'officer' : 'viewer';
  return roleAtLeast(creatorRole, needed) ? needed : creatorRole;
}

/** Who may make a token: a manager or an administrator, for a unit they may manage. */
export const TOKEN_CREATOR_ROLE: TRole = 'manager';

export type TokenState = 'active' | 'expired' | 'revoked';

/** A token's state at `nowMs`: revoked first, then expired (the instant of expiry is expired). */
export function tokenState(revokedAt: string | null, expiresAtMs: number, nowMs: number): TokenState {
  if (revokedAt !== null) return 'revoked';
  return nowMs >= expiresAtMs ? 'expired' : 'active';
}

/** Every token starts with this, so a leaked one is recognised (secret scanners, logs). */
export const TOKEN_PREFIX = 'tdk_';

/** How many characters of a token are kept in clear to recognise it: `tdk_` and 8 more. */
export const TOKEN_PREFIX_LENGTH = TOKEN_PREFIX.length + 8;

/** The token of an `Authorization: Bearer <token>` header, or null when there is none. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  return match ? match[1]! : null;
}

/** A token bucket: `tokens` left after the refill at `atMs`. */
export interface Bucket {
  tokens: number;
  atMs: number;
}

/**
 * One request against a token's bucket of `perMinute` requests (full at first, refilled evenly
 * over a minute): admitted with the bucket after it, or refused with the wait until one is back.
 */
export function takeFromBucket(
  bucket: Bucket | undefined,
  perMinute: number,
  nowMs: number,
): { admitted: boolean; bucket: Bucket; retryAfterMs: number } {
  const perMs = perMinute / 60_000;
  const start = bucket ?? { tokens: perMinute, atMs: nowMs };
  const tokens = Math.min(perMinute, start.tokens + Math.max(0, nowMs - start.atMs) * perMs);
  if (tokens >= 1) return { admitted: true, bucket: { tokens: tokens - 1, atMs: nowMs }, retryAfterMs: 0 };
  return { admitted: false, bucket: { tokens, atMs: nowMs }, retryAfterMs: Math.ceil((1 - tokens) / perMs) };
}
