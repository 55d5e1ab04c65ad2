import { ZApiToken, ZApiTokenCreate, ZApiTokenCreated, ZApiTokenList } from '../../contracts/api-tokens.ts';
import { ZIdParams } from '../../contracts/common.ts';
import { defineRoute } from '../http/route-spec.ts';

const tags = ['api-tokens'];

/** API tokens for other systems (`ApiTokenService`; how to use one: docs/api-tokens.md). */
export function apiTokenRoutes() {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/tokens',
      access: 'manager',
      scope: 'own',
      summary: 'The API tokens of units in the caller’s organisation, newest first (never their secrets)',
      tags,
      response: { 200: ZApiTokenList },
      handler: async ({ actor, services }) => ({ tokens: await services.apiTokens.list(actor) }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/tokens',
      access: 'manager',
      scope: 'unit',
      summary:
        'Make an API token for a unit of the caller’s organisation and a set of scopes; its secret is in this answer only',
      tags,
      body: ZApiTokenCreate,
      response: { 201: ZApiTokenCreated },
      handler: async ({ body, actor, services, reply }) => {
        reply.status(201);
        return services.apiTokens.create(actor, body);
      },
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/tokens/:id',
      access: 'manager',
      scope: 'unit',
      summary: 'Revoke an API token: its next request is refused (401); the token stays listed as revoked',
      tags,
      params: ZIdParams,
      response: { 200: ZApiToken },
      handler: ({ params, actor, services }) => services.apiTokens.revoke(actor, params.id),
    }),
  ];
}
