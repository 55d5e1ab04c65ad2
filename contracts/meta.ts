import { z } from 'zod';

/** `GET /api/meta`: what the web app needs before sign-in. */
export const ZMeta = z.object({
  name: z.string(),
  version: z.string(),
  demo: z.boolean(),
  engine: z.enum(['pglite', 'postgres']),
  today: z.string(),
  organisation: z.string().nullable(),
});
export type TMeta = z.infer<typeof ZMeta>;

const ZHealthBase = z.object({ version: z.string(), engine: z.enum(['pglite', 'postgres']) });

/** `GET /api/health` when the database answers (200). */
export const ZHealth = ZHealthBase.extend({
  status: z.enum(['ok', 'migrations_pending']),
  database: z.literal('reachable'),
  migration: z.object({
    applied: z.number().int(),
    available: z.number().int(),
    pending: z.number().int(),
    level: z.string().nullable(),
  }),
});
export type THealth = z.infer<typeof ZHealth>;

/** `GET /api/health` when the database does not answer (503). */
export const ZHealthDown = ZHealthBase.extend({
  status: z.literal('down'),
  database: z.literal('unreachable'),
  error: z.string(),
});
