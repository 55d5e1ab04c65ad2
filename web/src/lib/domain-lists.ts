import type { TRole } from '../../../contracts/auth.ts';
import type { TUnitType } from '../../../contracts/org.ts';
import type { TComparator, TReportingFrequency, TSignerAuthority } from '../../../contracts/plan-extract.ts';
import type { TTaskStatus } from '../../../contracts/plans.ts';

/**
 * The enum lists of `contracts/`, repeated here as plain arrays: importing the values from
 * `contracts/*.ts` would pull zod and every schema into the browser bundle. The type checks below
 * fail to compile when a contract gains or loses a value.
 */
export const UNIT_TYPES = [
  'national',
  'province',
  'central_sector',
  'district',
  'commune',
  'sector',
  'industrial_zone',
  'grassroots',
] as const satisfies readonly TUnitType[];

export const ROLES = ['viewer', 'officer', 'manager', 'admin'] as const satisfies readonly TRole[];

type Missing<All, Listed> = Exclude<All, Listed> extends never ? true : Exclude<All, Listed>;
const allUnitTypesListed: Missing<TUnitType, (typeof UNIT_TYPES)[number]> = true;
const allRolesListed: Missing<TRole, (typeof ROLES)[number]> = true;
export const DOMAIN_LISTS_COMPLETE = allUnitTypesListed && allRolesListed;

// Plans and documents ------------------------------------------------------------------------

export const COMPARATORS = ['>', '>=', '=', '<', '<='] as const satisfies readonly TComparator[];

export const REPORTING_FREQUENCIES = [
  'annual',
  'semiannual',
  'quarterly',
  'monthly',
  'periodic',
  'on_request',
  'once',
] as const satisfies readonly TReportingFrequency[];

export const TASK_STATUSES = [
  'not_started',
  'in_progress',
  'done',
  'overdue',
] as const satisfies readonly TTaskStatus[];

export const SIGNER_AUTHORITIES = [
  'TM.',
  'KT.',
  'Q.',
  'TL.',
  'TUQ.',
] as const satisfies readonly TSignerAuthority[];

/** Document kinds offered in filters (type codes of Decree 30 and the Party's). */
export const DOCUMENT_KINDS = ['KH', 'CTr', 'CT', 'NQ', 'QĐ', 'HD', 'CV', 'BC', 'TB', 'KL'] as const;

const allComparatorsListed: Missing<TComparator, (typeof COMPARATORS)[number]> = true;
const allFrequenciesListed: Missing<TReportingFrequency, (typeof REPORTING_FREQUENCIES)[number]> = true;
const allTaskStatusesListed: Missing<TTaskStatus, (typeof TASK_STATUSES)[number]> = true;
export const PLAN_LISTS_COMPLETE = allComparatorsListed && allFrequenciesListed && allTaskStatusesListed;
