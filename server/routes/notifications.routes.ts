import { z } from 'zod';
import { ZId, ZIdParams } from '../../contracts/common.ts';
import { AppError, notFound } from '../errors.ts';
import { defineRoute } from '../http/route-spec.ts';
import { sendFile } from '../http/send-file.ts';

export function notificationRoutes() {
  return [
    defineRoute({
      method: 'POST',
      url: '/api/reports/:id/attachments',
      access: 'officer',
      scope: 'unit',
      summary:
        'Attach a photo, video or document to a draft report (413 too large, 415 wrong type by content)',
      tags: ['reporting'],
      params: ZIdParams,
      multipart: true,
      handler: async ({ params, raw, actor, services, reply }) => {
        const file = await raw.file();
        if (!file) throw new AppError(400, 'validation', { field: 'file', detail: 'thiếu tệp' }, 'file');
        const data = await file.toBuffer();
        reply.status(201);
        return services.attachments.upload(actor, params.id, file.filename, data);
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/reports/:id/attachments/:attachmentId',
      access: 'viewer',
      scope: 'unit',
      summary: 'Download an attachment of a report',
      tags: ['reporting'],
      params: z.object({ id: ZId, attachmentId: ZId }),
      handler: async ({ params, actor, services, reply }) => {
        const file = await services.attachments.download(actor, params.id, params.attachmentId);
        reply.header('X-Content-Type-Options', 'nosniff');
        sendFile(reply, file, file.contentType);
        return undefined;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/notifications',
      access: 'viewer',
      scope: 'own',
      summary: 'The caller’s in-app notifications (reminders, digests) and the unread count',
      tags: ['notifications'],
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
      handler: ({ params, actor, services }) => services.notifications.markRead(actor, params.id),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/calendar/link',
      access: 'viewer',
      scope: 'own',
      summary:
        'The caller’s private calendar feed address (ICS): report due dates and the campaign events of the plans above',
      tags: ['notifications'],
      handler: ({ actor, services }) => services.notifications.calendarLink(actor),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/calendar/:token',
      access: 'public',
      scope: 'none',
      summary: 'A calendar feed (ICS), authenticated by its secret token in the address',
      tags: ['notifications'],
      params: z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,64}\.ics$/) }),
      produces: 'text/calendar',
      handler: async ({ params, services, reply }) => {
        const ics = await services.notifications.calendar(params.token.replace(/\.ics$/, ''));
        if (ics === null) throw notFound('calendar');
        reply.header('Content-Type', 'text/calendar; charset=utf-8').send(ics);
        return undefined;
      },
    }),
  ];
}
