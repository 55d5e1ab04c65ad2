import { z } from 'zod';
import { ZAuditFilter, ZAuditPage, ZAuditQuery } from '../../contracts/audit.ts';
import { migrationStatus } from '../db/migrate.ts';
import { defineRoute } from '../http/route-spec.ts';
import { sendFile } from '../http/send-file.ts';

export const APP_VERSION = '0.1.0';

export function metaRoutes() {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/health',
      access: 'public',
      scope: 'none',
      summary: 'Health: database reachable, version, migration level',
      tags: ['meta'],
      handler: async ({ services, reply }) => {
        try {
          const status = await migrationStatus(services.database);
          return {
            status: status.pending === 0 ? 'ok' : 'migrations_pending',
            version: APP_VERSION,
            engine: services.database.engine,
            database: 'reachable',
            migration: status,
          };
        } catch (error) {
          reply.status(503);
          return {
            status: 'down',
            version: APP_VERSION,
            engine: services.database.engine,
            database: 'unreachable',
            error: (error as Error).message,
          };
        }
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/meta',
      access: 'public',
      scope: 'none',
      summary: 'Facts the web app needs before sign-in: name, version, demo flag, engine, today',
      tags: ['meta'],
      response: {
        200: z.object({
          name: z.string(),
          version: z.string(),
          demo: z.boolean(),
          engine: z.enum(['pglite', 'postgres']),
          today: z.string(),
          organisation: z.string().nullable(),
        }),
      },
      handler: async ({ services }) => {
        const demo = await services.settings.get('demo');
        const organisation = await services.settings.get<{ name: string }>('organisation');
        return {
          name: 'Tiến Độ',
          version: APP_VERSION,
          demo: demo !== undefined,
          engine: services.database.engine,
          today: services.access.today(),
          organisation: organisation?.name ?? null,
        };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/audit',
      access: 'admin',
      scope: 'own',
      summary:
        'The audit trail (append-only), newest first, by object, user, action and day range; paged by beforeId',
      tags: ['audit'],
      query: ZAuditQuery,
      response: { 200: ZAuditPage },
      handler: ({ query, services }) => services.audit.page(query),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/audit.xlsx',
      access: 'admin',
      scope: 'own',
      summary: 'The filtered audit trail as an Excel workbook (newest first, at most 10,000 entries)',
      tags: ['audit'],
      query: ZAuditFilter,
      produces: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      handler: async ({ query, services, reply }) => {
        const file = await services.audit.exportXlsx(query);
        sendFile(reply, file, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        return undefined;
      },
    }),
  ];
}
