import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { TRole } from '../../contracts/auth.ts';
import type { Locale } from '../i18n/messages.ts';
import type { Actor } from '../services/actor.ts';
import type { Authenticated } from '../services/auth.service.ts';
import type { Services } from '../services/services.ts';

/**
 * Every API route is declared with who may call it, so the permission test can list them all.
 * - `access`: 'public' (no sign-in) or the lowest role allowed.
 * - `scope`: 'unit' when the route acts on one unit named in its path or body; the service then
 *   refuses units outside the caller's subtree (403). 'own' when it only touches the caller's
 *   own data or data filtered to their subtree.
 */
export interface RouteSpec<
  B extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  P extends z.ZodType = z.ZodType,
> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  access: 'public' | TRole;
  scope: 'none' | 'own' | 'unit';
  summary: string;
  tags: string[];
  body?: B;
  query?: Q;
  params?: P;
  /**
   * The JSON answer by status code, a contract from `contracts/`: it is documented in OpenAPI and
   * every answer is encoded through it, so a field it does not name never leaves the server.
   * Every route has one, except a file download, which names its content type in `produces`.
   */
  response?: Record<number, z.ZodType>;
  /** Multipart upload route (body is read by the handler). */
  multipart?: boolean;
  /** Produces a file rather than JSON: its content type, documented as the route's binary answer. */
  produces?: string;
  handler: (request: RouteRequest<B, Q, P>) => Promise<unknown>;
}

export interface RouteRequest<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType> {
  body: z.infer<B>;
  query: z.infer<Q>;
  params: z.infer<P>;
  /** Null only on public routes. */
  auth: Authenticated | null;
  actor: Actor;
  services: Services;
  locale: Locale;
  raw: FastifyRequest;
  reply: FastifyReply;
}

/** A binary string: how OpenAPI describes a file's bytes. */
const ZFileBytes = z.string().meta({ format: 'binary' });

/**
 * The answer of a file download for OpenAPI: the content type it is sent with and its bytes.
 * Fastify sends a file's Buffer as it is (no serialiser runs on it).
 */
export function fileResponse(contentType: string) {
  return {
    200: { description: `A file (${contentType})`, content: { [contentType]: { schema: ZFileBytes } } },
  };
}

export function defineRoute<
  B extends z.ZodType = z.ZodNever,
  Q extends z.ZodType = z.ZodNever,
  P extends z.ZodType = z.ZodNever,
>(spec: RouteSpec<B, Q, P>): RouteSpec {
  return spec as unknown as RouteSpec;
}

/** The actor's unit-bound access as a typed helper for handlers. */
export function requireAuth(request: { auth: Authenticated | null }): Authenticated {
  if (!request.auth) throw new Error('route declared public but needs a signed-in user');
  return request.auth;
}
