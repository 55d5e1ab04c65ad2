import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { ZLogin, ZMe, ZPasswordChange } from '../../contracts/auth.ts';
import { ZOk } from '../../contracts/common.ts';
import { SESSION_COOKIE } from '../http/register-routes.ts';
import { defineRoute, requireAuth } from '../http/route-spec.ts';
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_SECONDS } from '../services/device-cookie.ts';

function setSessionCookie(reply: FastifyReply, token: string, maxAgeSeconds: number, secure: boolean) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    maxAge: maxAgeSeconds,
  });
}

export function authRoutes(options: { sessionTtlHours: number }) {
  return [
    defineRoute({
      method: 'POST',
      url: '/api/auth/login',
      access: 'public',
      scope: 'none',
      summary: 'Đăng nhập (sign in): sets the session cookie, returns the user and the CSRF token',
      tags: ['auth'],
      body: ZLogin,
      response: { 200: ZMe },
      handler: async ({ body, services, raw, reply }) => {
        const signedIn = await services.auth.login(
          body.username,
          body.password,
          raw.ip,
          raw.headers['user-agent'] ?? null,
          raw.cookies[DEVICE_COOKIE],
        );
        const secure = raw.protocol === 'https';
        setSessionCookie(reply, signedIn.token, options.sessionTtlHours * 3600, secure);
        // Marks this browser as a known device of the account: its sign-ins are counted apart
        // from strangers' and never wait out a lock they caused (domain/login-throttle.ts).
        reply.setCookie(DEVICE_COOKIE, signedIn.deviceCookie, {
          path: '/api/auth',
          httpOnly: true,
          sameSite: 'strict',
          secure,
          maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS,
        });
        return { user: signedIn.user, csrfToken: signedIn.csrfToken };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/auth/logout',
      access: 'viewer',
      scope: 'own',
      summary: 'Đăng xuất (sign out)',
      tags: ['auth'],
      body: z.object({}).optional(),
      response: { 200: ZOk },
      handler: async (request) => {
        await request.services.auth.logout(requireAuth(request));
        request.reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return { ok: true as const };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/auth/password',
      access: 'viewer',
      scope: 'own',
      summary:
        'Đổi mật khẩu (change one’s own password): the current one and a new one; ends the user’s other sessions',
      tags: ['auth'],
      body: ZPasswordChange,
      response: { 200: ZOk },
      handler: async (request) => {
        const { currentPassword, newPassword } = request.body;
        await request.services.auth.changePassword(requireAuth(request), currentPassword, newPassword);
        return { ok: true as const };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/auth/me',
      access: 'viewer',
      scope: 'own',
      summary: 'The signed-in user and the CSRF token (401 when not signed in)',
      tags: ['auth'],
      response: { 200: ZMe },
      handler: async (request) => {
        const auth = requireAuth(request);
        return { user: auth.user, csrfToken: auth.csrfToken };
      },
    }),
  ];
}
