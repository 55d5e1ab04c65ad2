import { z } from 'zod';
import { ZName, ZRefId } from './common.ts';

/**
 * What an API token may do, for another system (DHIS2, the national reporting system, a province's
 * own tools): read figures (dashboards, drill-down, completeness, the consolidated report's
 * approved values), or write reports (open, save and submit a report's draft).
 */
export const API_TOKEN_SCOPES = ['figures:read', 'reports:write'] as const;
export const ZApiTokenScope = z.enum(API_TOKEN_SCOPES);
export type TApiTokenScope = z.infer<typeof ZApiTokenScope>;

/** Longest a token may live, in days: a year, after which a new one is made. */
export const API_TOKEN_MAX_DAYS = 366;

export const ZApiTokenCreate = z.object({
  /** What the token is for ("DHIS2 tỉnh Lai Châu"), to tell tokens apart. */
  name: ZName(120),
  /** The unit whose subtree the token acts on: inside the creator's organisation. */
  unitId: ZRefId,
  scopes: z
    .array(ZApiTokenScope)
    .min(1, 'choose at least one scope')
    .max(API_TOKEN_SCOPES.length)
    .refine((scopes) => new Set(scopes).size === scopes.length, 'a scope is named twice'),
  expiresInDays: z.number().int().min(1).max(API_TOKEN_MAX_DAYS).default(90),
  /** Requests a minute the token may make (each server instance counts its own). */
  ratePerMinute: z.number().int().min(1).max(1000).default(60),
});
export type TApiTokenCreate = z.input<typeof ZApiTokenCreate>;

/** A token as administrators see it: never its secret (only its SHA-256 is stored), its prefix to recognise it. */
export const ZApiToken = z.object({
  id: z.number().int(),
  name: z.string(),
  /** The token's first characters (`tdk_` and 8 more), shown wherever it is listed. */
  prefix: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
  scopes: z.array(ZApiTokenScope),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
  ratePerMinute: z.number().int(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  state: z.enum(['active', 'expired', 'revoked']),
});
export type TApiToken = z.infer<typeof ZApiToken>;

export const ZApiTokenList = z.object({ tokens: z.array(ZApiToken) });
export type TApiTokenList = z.infer<typeof ZApiTokenList>;

/** The answer to creating a token: the secret, shown this once and never again. */
export const ZApiTokenCreated = z.object({ token: ZApiToken, secret: z.string() });
export type TApiTokenCreated = z.infer<typeof ZApiTokenCreated>;
