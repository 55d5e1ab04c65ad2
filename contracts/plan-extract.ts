import { z } from 'zod';

/**
 * plan-extract/v1 — what `tiendo parse FILE --json` prints (see the shared format notes).
 * Shared by the parser, the server and the web app: one definition of the payload.
 */

const ZIsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const ZMonthDay = z.string().regex(/^\d{2}-\d{2}$/, 'MM-DD');

export const ZSignerAuthority = z.enum(['TM.', 'KT.', 'Q.', 'TL.', 'TUQ.']);
export type TSignerAuthority = z.infer<typeof ZSignerAuthority>;

export const ZSigner = z.object({
  authority: ZSignerAuthority.nullable(),
  on_behalf_of: z.string().nullable(),
  title: z.string().nullable(),
  name: z.string().nullable(),
});
export type TSigner = z.infer<typeof ZSigner>;

export const ZReferenceRelation = z.enum(['basis', 'cited']);

export const ZReference = z.object({
  kind: z.string().nullable(),
  symbol: z.string(),
  date: ZIsoDate.nullable(),
  issuer: z.string().nullable(),
  relation: ZReferenceRelation,
});
export type TReference = z.infer<typeof ZReference>;

export const ZComparator = z.enum(['>', '>=', '=', '<', '<=']);
export type TComparator = z.infer<typeof ZComparator>;

export const ZMilestone = z.object({
  year: z.number().int().min(1000).max(9999).nullable(),
  recurrence: z.literal('annual').optional(),
  op: ZComparator,
  value: z.number(),
  unit: z.string().nullable(),
});
export type TMilestone = z.infer<typeof ZMilestone>;

export const ZTarget = z.object({
  text: z.string(),
  milestones: z.array(ZMilestone),
});
export type TTarget = z.infer<typeof ZTarget>;

export const ZTask = z.object({
  text: z.string(),
  deadline: ZIsoDate.nullable(),
  lead: z.string().nullable(),
});
export type TTask = z.infer<typeof ZTask>;

export const ZAssignment = z.object({
  unit: z.string(),
  text: z.string(),
});
export type TAssignment = z.infer<typeof ZAssignment>;

export const ZReportingFrequency = z.enum([
  'annual',
  'semiannual',
  'quarterly',
  'monthly',
  'periodic',
  'on_request',
  'once',
]);
export type TReportingFrequency = z.infer<typeof ZReportingFrequency>;

export const ZReporting = z
  .object({
    frequency: ZReportingFrequency,
    due: z.string().nullable(),
    to: z.string().nullable(),
  })
  .superRefine((r, ctx) => {
    if (r.due == null) return;
    const ok =
      r.frequency === 'once'
        ? ZIsoDate.safeParse(r.due).success
        : r.frequency === 'annual' || r.frequency === 'semiannual'
          ? ZMonthDay.safeParse(r.due).success
          : r.frequency === 'monthly' || r.frequency === 'quarterly'
            ? /^\d{2}$/.test(r.due)
            : false;
    if (!ok) ctx.addIssue({ code: 'custom', path: ['due'], message: `due does not fit ${r.frequency}` });
  });
export type TReporting = z.infer<typeof ZReporting>;

export const ZEvent = z.object({
  name: z.string(),
  start: ZMonthDay.nullable(),
  end: ZMonthDay.nullable(),
});
export type TEvent = z.infer<typeof ZEvent>;

export const ZExtractedDocument = z.object({
  kind: z.string().nullable(),
  symbol: z.string().nullable(),
  issuer: z.string().nullable(),
  place: z.string().nullable(),
  date: ZIsoDate.nullable(),
  title: z.string().nullable(),
  addressees: z.array(z.string()),
  signer: ZSigner.nullable(),
  references: z.array(ZReference),
  targets: z.array(ZTarget),
  tasks: z.array(ZTask),
  assignments: z.array(ZAssignment),
  reporting: z.array(ZReporting),
  recipients: z.array(z.string()),
  events: z.array(ZEvent),
});
export type TExtractedDocument = z.infer<typeof ZExtractedDocument>;

export const ZPlanExtract = z.object({
  format: z.literal('plan-extract/v1'),
  source: z.string(),
  documents: z.array(ZExtractedDocument),
});
export type TPlanExtract = z.infer<typeof ZPlanExtract>;
