import type { TRole } from '../../../contracts/auth.ts';
import type { TUnitType } from '../../../contracts/org.ts';

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
