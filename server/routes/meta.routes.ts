import { ZHealth, ZHealthDown, ZMeta } from '../../contracts/meta.ts';
import { migrationStatus } from '../db/migrate.ts';
import { defineRoute } from '../http/route-spec.ts';
import { translate } from '../i18n/messages.ts';

export const APP_VERSION = '0.1.0';

/** `/api/health` and `/api/meta`: what a probe or the web app asks before sign-in. */
export function metaRoutes() {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/health',
      access: 'public',
      scope: 'none',
      summary: 'Health: database reachable, version, migration level',
      tags: ['meta'],
      response: { 200: ZHealth, 503: ZHealthDown },
      handler: async ({ services, reply, raw, locale }) => {
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
          // The cause (a host and port, a driver's message) goes to the log, never to the caller.
          raw.log.warn({ err: error }, 'health: database unreachable');
          reply.status(503);
          return {
            status: 'down',
            version: APP_VERSION,
            engine: services.database.engine,
            database: 'unreachable',
            error: translate('database_unavailable', locale),
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
      response: { 200: ZMeta },
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
  ];
}
