import type { TRole } from '../contracts/auth.ts';

/** Roles in increasing power; each includes what the ones before it may do. */
const RANK: Record<TRole, number> = { viewer: 1, officer: 2, manager: 3, admin: 4 };

export function roleAtLeast(role: TRole, minimum: TRole): boolean {
  return RANK[role] >= RANK[minimum];
}
