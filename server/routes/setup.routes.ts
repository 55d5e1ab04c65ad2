import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ZMe } from '../../contracts/auth.ts';
import { ZIdParams } from '../../contracts/common.ts';
import {
  ZInvitation,
  ZInvitationAccept,
  ZInvitationCreate,
  ZInvitationLink,
  ZInvitationList,
  ZInvitationOffer,
  ZSetup,
  ZSetupStatus,
} from '../../contracts/setup.ts';
import { SESSION_COOKIE } from '../http/register-routes.ts';
import { defineRoute } from '../http/route-spec.ts';
import type { Services } from '../services/services.ts';

const ZToken = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/) });

/** Signs the new account in at once (first run, accepted invitation). */
async function signInAs(
  services: Services,
  username: string,
  password: string,
  raw: FastifyRequest,
  reply: FastifyReply,
  ttlHours: number,
) {
  const signedIn = await services.auth.login(username, password, raw.ip, raw.headers['user-agent'] ?? null);
  reply.setCookie(SESSION_COOKIE, signedIn.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: raw.protocol === 'https',
    maxAge: ttlHours * 3600,
  });
  return { user: signedIn.user, csrfToken: signedIn.csrfToken };
}

export function setupRoutes(options: { sessionTtlHours: number }) {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/setup',
      access: 'public',
      scope: 'none',
      summary: 'Whether this workspace still needs its first run (no account yet)',
      tags: ['setup'],
      response: { 200: ZSetupStatus },
      handler: ({ services }) => services.setup.status(),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/setup',
      access: 'public',
      scope: 'none',
      summary:
        'First run: the first administrator, the organisation and a start (reference, empty or demo); 409 once done',
      tags: ['setup'],
      body: ZSetup,
      response: { 200: ZMe },
      handler: async ({ body, services, raw, reply }) => {
        await services.setup.setup(body);
        return signInAs(
          services,
          body.admin.username,
          body.admin.password,
          raw,
          reply,
          options.sessionTtlHours,
        );
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/invitations',
      access: 'manager',
      scope: 'unit',
      summary: 'Invite a person: a link with an expiry for a role (not above the caller’s) in a unit',
      tags: ['users'],
      body: ZInvitationCreate,
      response: { 201: ZInvitationLink },
      handler: async ({ body, actor, services, reply }) => {
        reply.status(201);
        return services.setup.invite(actor, body);
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/invitations',
      access: 'manager',
      scope: 'own',
      summary:
        'Invitations into the caller’s organisation, newest first, with their state (never their links)',
      tags: ['users'],
      response: { 200: ZInvitationList },
      handler: async ({ actor, services }) => ({
        invitations: await services.setup.listInvitations(actor),
      }),
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/invitations/:id',
      access: 'manager',
      scope: 'unit',
      summary:
        'Revoke an open invitation (one the caller could have made); 403 outside their organisation, 409 once used or revoked',
      tags: ['users'],
      params: ZIdParams,
      response: { 200: ZInvitation },
      handler: ({ params, actor, services }) => services.setup.revokeInvitation(actor, params.id),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/invitations/:token',
      access: 'public',
      scope: 'none',
      summary: 'What an invitation offers (role, unit, expiry); 404 when unknown, used or expired',
      tags: ['users'],
      params: ZToken,
      response: { 200: ZInvitationOffer },
      handler: ({ params, services }) => services.setup.invitation(params.token),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/invitations/:token/accept',
      access: 'public',
      scope: 'none',
      summary: 'Accept an invitation: create one’s own account and sign in',
      tags: ['users'],
      params: ZToken,
      body: ZInvitationAccept,
      response: { 200: ZMe },
      handler: async ({ params, body, services, raw, reply }) => {
        await services.setup.accept(params.token, body);
        return signInAs(services, body.username, body.password, raw, reply, options.sessionTtlHours);
      },
    }),
  ];
}
