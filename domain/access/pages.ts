import type { TRole } from '../../contracts/auth.ts';
import { REPORT_TRANSITIONS } from '../reporting/report-states.ts';
import { roleAtLeast } from '../roles.ts';
import { ACTION_MINIMUM } from './unit-access.ts';

/**
 * Which pages (and parts of the home page) a user can use, from the same policy as the API: the
 * least role of the action a page is for (`ACTION_MINIMUM`, the report state machine's review
 * role), and whether the page needs units below the user's own (a grassroots union has no one to
 * review, no reporting status of units, nothing to consolidate). The menu shows these pages only;
 * the API still refuses on its own what a role may not do.
 */
export interface PageRule {
  /** The least role that can use the page. */
  least: TRole;
  /** The page is about the units below the user's own. */
  unitsBelow?: boolean;
}

export const PAGE_RULES = {
  home: { least: ACTION_MINIMUM.see },
  /** filling in a report is an edit of its data */
  myReports: { least: ACTION_MINIMUM.edit },
  reviewQueue: { least: REPORT_TRANSITIONS.approve.minimumRole, unitsBelow: true },
  reportingStatus: { least: ACTION_MINIMUM.see, unitsBelow: true },
  dashboard: { least: ACTION_MINIMUM.see },
  consolidated: { least: ACTION_MINIMUM.see, unitsBelow: true },
  organisation: { least: ACTION_MINIMUM.see, unitsBelow: true },
  plans: { least: ACTION_MINIMUM.see },
  taskBoard: { least: ACTION_MINIMUM.see },
  documents: { least: ACTION_MINIMUM.see },
  indicators: { least: ACTION_MINIMUM.see },
  users: { least: ACTION_MINIMUM.manage },
  exchange: { least: ACTION_MINIMUM.manage },
  audit: { least: 'admin' },
} as const satisfies Record<string, PageRule>;

export type PageKey = keyof typeof PAGE_RULES;
export const PAGE_KEYS = Object.keys(PAGE_RULES) as PageKey[];

/** The pages a user of `role` can use, their home unit having units below it or not. */
export function pagesFor(role: TRole, hasUnitsBelow: boolean): PageKey[] {
  return PAGE_KEYS.filter((key) => {
    const rule: PageRule = PAGE_RULES[key];
    return roleAtLeast(role, rule.least) && (!rule.unitsBelow || hasUnitsBelow);
  });
}

/**
 * The parts of a home page, by the same rule:
 * - `plansProgress`: every plan of the unit with what is off track (the leader's first look);
 * - `reportsDue`, `returned`: what the unit itself must report, and what came back;
 * - `review`: reports of the units below waiting;
 * - `plansToAct`: plans received without the unit's own implementing plan, drafts to issue;
 * - `lateUnits`, `deadlines`: units below that are late, and due dates this week.
 */
export const HOME_SECTIONS = [
  'plansProgress',
  'reportsDue',
  'returned',
  'review',
  'plansToAct',
  'lateUnits',
  'deadlines',
] as const;
export type HomeSection = (typeof HOME_SECTIONS)[number];

export function homeSectionsFor(role: TRole, hasUnitsBelow: boolean): HomeSection[] {
  const pages = new Set(pagesFor(role, hasUnitsBelow));
  const sections: HomeSection[] = [];
  // A reader (the leader) starts from the plans; the others from their work.
  if (!pages.has('myReports')) sections.push('plansProgress');
  if (pages.has('myReports')) sections.push('reportsDue', 'returned');
  if (pages.has('reviewQueue')) sections.push('review');
  if (roleAtLeast(role, ACTION_MINIMUM.manage)) sections.push('plansToAct');
  if (pages.has('reportingStatus')) sections.push('lateUnits');
  if (pages.has('reportingStatus') && pages.has('myReports')) sections.push('deadlines');
  if (pages.has('myReports') && roleAtLeast(role, ACTION_MINIMUM.manage)) sections.push('plansProgress');
  return sections;
}
