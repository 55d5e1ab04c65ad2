import { z } from 'zod';

/**
 * A figure broken down by one or two categories (domain/reporting/breakdowns.ts): each
 * combination's counters and value, and for two categories each option's marginal.
 */
export const ZBreakdownCell = z.object({
  /** `female`, `female|urban`; a marginal holds one option code. */
  category: z.string(),
  /** Vietnamese label (the papers'); the web writes its own from the key. */
  label: z.string(),
  /** As the total's: % for a ratio, the sum otherwise; null without data. */
  value: z.number().nullable(),
  numerator: z.number(),
  denominator: z.number(),
  reportingUnits: z.number().int(),
});
export type TBreakdownCell = z.infer<typeof ZBreakdownCell>;

export const ZBreakdown = z.object({
  /** `sex`, `sex+area`… */
  disaggregation: z.string(),
  /** `Giới tính × Địa bàn` */
  label: z.string(),
  cells: z.array(ZBreakdownCell),
  /** Two categories: each option's sum over the other category (`female` = every `female|…`). */
  marginals: z.array(ZBreakdownCell),
});
export type TBreakdown = z.infer<typeof ZBreakdown>;
