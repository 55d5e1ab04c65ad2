import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { bearerToken, scopesOfRoute } from '../../domain/access/api-tokens.ts';
import { roleAtLeast } from '../../domain/roles.ts';
import { WROTE_COOKIE } from '../db/read-routing.ts';
import { AppError, forbidden, unauthenticated } from '../errors.ts';
import { localeOf, nounRef } from '../i18n/messages.ts';
import { type Actor, SYSTEM_ACTOR } from '../services/actor.ts';
import type { Authenticated } from '../services/auth.service.ts';
import type { Services } from '../services/services.ts';
import { fileResponse, type RouteSpec } from './route-spec.ts';

export const SESSION_COOKIE = 'tiendo_session';
export const CSRF_HEADER = 'x-csrf-token';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The path of the first string holding a NUL character: PostgreSQL cannot store one, so such
 * input is refused here, naming its field, instead of failing in the database.
 */
export function findNul(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || 'body' : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findNul(item, path ? `${path}.${i}` : String(i));
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = findNul(item, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return null;
}

/** Resolves the session behind the cookie, once per request. */
export async function authOf(request: FastifyRequest, services: Services): Promise<Authenticated | null> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return null;
  return services.auth.authenticate(token, request.ip);
}

/**
 * Registers the route table. Before any handler runs: sign-in (401), role (403) and, for
 * cookie-authenticated mutations, the CSRF token (403). Unit scope is checked by the services.
 */
export function registerRoutes(app: FastifyInstance, routes: RouteSpec[], services: Services) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  for (const spec of routes) {
    typed.route({
      method: spec.method,
      url: spec.url,
      schema: {
        summary: spec.summary,
        tags: spec.tags,
        ...(spec.body && !spec.multipart ? { body: spec.body } : {}),
        ...(spec.query ? { querystring: spec.query } : {}),
        ...(spec.params ? { params: spec.params } : {}),
        ...(spec.response
          ? { response: spec.response }
          : spec.produces
            ? { response: fileResponse(spec.produces) }
            : {}),
        ...(spec.multipart ? { consumes: ['multipart/form-data'] } : {}),
        ...(spec.produces ? { produces: [spec.produces] } : {}),
        ...(spec.access !== 'public'
          ? {
              security:
                scopesOfRoute(spec.method, spec.url).length > 0
                  ? [{ session: [] }, { apiToken: [] }]
                  : [{ session: [] }],
            }
          : {}),
      },
      preValidation: async (request: FastifyRequest) => {
        // Access is checked before the body is validated: an anonymous caller learns nothing.
        // `Authorization: Bearer` is an API token (docs/api-tokens.md): its scopes, unit and rate.
        const bearer = spec.access === 'public' ? null : bearerToken(request.headers.authorization);
        const auth =
          bearer !== null
            ? await services.apiTokens.authenticate(bearer, {
                method: spec.method,
                url: spec.url,
                ip: request.ip,
              })
            : await authOf(request, services);
        (request as FastifyRequest & { tiendoAuth: Authenticated | null }).tiendoAuth = auth;
        const nul =
          spec.access === 'public' || auth ? (findNul(request.body) ?? findNul(request.query)) : null;
        if (nul) throw new AppError(400, 'validation', { field: nul, detail: nounRef('nul_character') }, nul);
        if (spec.access === 'public') return;
        if (!auth) throw unauthenticated();
        if (!roleAtLeast(auth.user.role, spec.access)) throw forbidden();
        if (bearer === null && MUTATING.has(spec.method) && request.headers[CSRF_HEADER] !== auth.csrfToken) {
          throw new AppError(403, 'csrf', {}, CSRF_HEADER);
        }
      },
      handler: async (request: FastifyRequest, reply: FastifyReply) => {
        const auth = (request as FastifyRequest & { tiendoAuth: Authenticated | null }).tiendoAuth;
        const actor: Actor = auth?.actor ?? {
          ...SYSTEM_ACTOR,
          role: 'viewer',
          homeUnitId: -1,
          ip: request.ip,
        };
        // Read your own writes (db/read-routing.ts): the user's last write, seen here or by another instance.
        const wrote = Number(request.cookies[WROTE_COOKIE]);
        const result = await services.reads.forRequest(
          actor.userId,
          Number.isFinite(wrote) ? wrote : null,
          () =>
            spec.handler({
              body: request.body,
              query: request.query,
              params: request.params,
              auth,
              actor,
              services,
              locale: localeOf(request.headers['accept-language']),
              raw: request,
              reply,
            }),
        );
        if (auth && MUTATING.has(spec.method) && services.reads.replicaCount > 0) {
          const at = services.reads.noteWrite(actor.userId);
          if (!reply.sent)
            reply.setCookie(WROTE_COOKIE, String(at), {
              path: '/',
              httpOnly: true,
              sameSite: 'lax',
              secure: request.protocol === 'https',
              maxAge: 60,
            });
        }
        if (reply.sent) return reply;
        return result;
      },
    });
  }
}
