import { z } from 'zod';
import { NAME_REFUSAL_TEXT, nameRefusal } from '../domain/names.ts';

/** ISO calendar date `YYYY-MM-DD` that is a real date. */
export const ZIsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, 'not a real calendar date');
export type TIsoDate = z.infer<typeof ZIsoDate>;

/** Largest value of a PostgreSQL integer column: ids above it are refused as invalid, not a database error. */
export const MAX_DB_INT = 2_147_483_647;

export const ZId = z.coerce.number().int().positive().max(MAX_DB_INT);

/** An id in a JSON body. */
export const ZRefId = z.number().int().positive().max(MAX_DB_INT);

/** Optimistic locking: every editable row carries a version; a stale one gets 409. */
export const ZVersion = z.number().int().nonnegative().max(MAX_DB_INT);

export const ZIdParams = z.object({ id: ZId });

/** The error body of every failed API call. */
export const ZApiError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.string().nullable(),
    details: z.unknown().optional(),
  }),
});
export type TApiError = z.infer<typeof ZApiError>;

export const ZOk = z.object({ ok: z.literal(true) });
export type TOk = z.infer<typeof ZOk>;

/**
 * A name people read (a unit, a user, the organisation): trimmed, `max` characters at most, never
 * bidirectional controls nor only invisible characters (`domain/names.ts`). Every route that takes
 * a name takes it through this schema.
 */
export const ZName = (max: number) => z.string().trim().min(1).max(max).superRefine(refuseUnreadableName);

/** An optional second name (a short name): may be empty, otherwise as `ZName`. */
export const ZOptionalName = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .superRefine((value, ctx) => {
      if (value !== '') refuseUnreadableName(value, ctx);
    });

function refuseUnreadableName(value: string, ctx: z.RefinementCtx): void {
  const refusal = nameRefusal(value);
  if (refusal) ctx.addIssue({ code: 'custom', message: NAME_REFUSAL_TEXT[refusal] });
}
