import { z } from 'zod';
import { HOME_SECTIONS, PAGE_KEYS, type PageKey } from '../domain/access/pages.ts';
import { ZIsoDate } from './common.ts';
import { ZLateUnit, ZUnitPlanStatus, ZUnitRef } from './dashboard.ts';
import { ZPlanSummary } from './plans.ts';
import { ZDueItem, ZReviewItem } from './reporting.ts';

/** The pages of the menu, as the access policy names them (domain/access/pages.ts). */
export const ZPageName = z.enum(PAGE_KEYS as [PageKey, ...PageKey[]]);

/** What the signed-in user can use: the menu's pages, and whether their unit has units below. */
export const ZHomeMenu = z.object({ pages: z.array(ZPageName), hasUnitsBelow: z.boolean() });
export type THomeMenu = z.infer<typeof ZHomeMenu>;

export const ZHomeSection = z.enum(HOME_SECTIONS);

/** A period of a plan in the unit's scope, with how its units stand. */
export const ZHomePeriod = z.object({
  periodId: z.number().int(),
  periodLabel: z.string(),
  periodKey: z.string(),
  scheduleName: z.string(),
  planId: z.number().int(),
  planTitle: z.string(),
  dueOn: ZIsoDate,
  expected: z.number().int(),
  submitted: z.number().int(),
  lateCount: z.number().int(),
  /** The first late units (at most 5), the longest late first. */
  lateUnits: z.array(ZLateUnit),
});
export type THomePeriod = z.infer<typeof ZHomePeriod>;

/**
 * A role's home: only the sections its role and unit can use are filled (`sections` names them);
 * the others are empty. Each list is short; its page has the rest.
 */
export const ZHome = z.object({
  unit: ZUnitRef,
  asOf: ZIsoDate,
  sections: z.array(ZHomeSection),
  /** The unit's reports not yet sent, the nearest due first (late ones included). */
  reportsDue: z.array(ZDueItem),
  /** Reports sent back by the level above, to correct and send again. */
  returned: z.array(ZDueItem),
  review: z.object({ total: z.number().int(), items: z.array(ZReviewItem) }),
  /** Plans received from above with no implementing plan of the unit yet. */
  plansToDerive: z.array(ZPlanSummary),
  /** Draft plans of the unit and its units, to issue. */
  plansToIssue: z.array(ZPlanSummary),
  /** Periods due or past due (the last year) with units late. */
  lateUnits: z.array(ZHomePeriod),
  /** Periods of the unit's plans due within the next seven days. */
  deadlines: z.array(ZHomePeriod),
  /** Every plan of the unit (its own and received) with its targets' status. */
  plans: z.array(ZUnitPlanStatus),
});
export type THome = z.infer<typeof ZHome>;
