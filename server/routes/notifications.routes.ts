import { z } from 'zod';
import { ZIdParams, ZOk } from '../../contracts/common.ts';
import { ZNotificationList } from '../../contracts/notifications.ts';
import { defineRoute } from '../http/route-spec.ts';

/** `/api/notifications`: the caller's in-app notifications. */
export function notificationRoutes() {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/notifications',
      access: 'viewer',
      scope: 'own',
      summary: 'The caller’s in-app notifications (reminders, digests) and the unread count',
      tags: ['notifications'],
      response: { 200: ZNotificationList },
      handler: ({ actor, services }) => services.notifications.list(actor),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/notifications/:id/read',
      access: 'viewer',
      scope: 'own',
      summary: 'Mark a notification read',
      tags: ['notifications'],
      params: ZIdParams,
      body: z.object({}).optional(),
      response: { 200: ZOk },
      handler: ({ params, actor, services }) => services.notifications.markRead(actor, params.id),
    }),
  ];
}
