import { z } from 'zod';
import { ZCalendarLink } from '../../contracts/notifications.ts';
import { notFound } from '../errors.ts';
import { defineRoute } from '../http/route-spec.ts';

/** `/api/calendar`: the caller's private calendar feed (ICS) and its address. */
export function calendarRoutes() {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/calendar/link',
      access: 'viewer',
      scope: 'own',
      summary:
        'The caller’s private calendar feed address (ICS): report due dates and the campaign events of the plans above',
      tags: ['notifications'],
      response: { 200: ZCalendarLink },
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
