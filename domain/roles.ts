import type { TRole } from '../contracts/auth.ts';

/** Roles in increasing power; each includes what the ones before it may do. */
const RANK: Record<TRole, number> = { viewer: 1, officer: 2, manager: 3, admin: 4 };

export function roleAtLeast(role: TRole, minimum: TRole): boolean {
  return RANK[role] >= RANK[minimum];
}

/**
 * Whether a user may change another's account (name, role, unit, password, active state), the
 * target's home unit already known to lie in the actor's subtree: never a role above one's own,
 * and a user of one's own role only when their home unit is strictly below one's own — a fellow
 * manager of the same unit answers to the level above. The administrators, at the top with no level
 * above them, manage each other (so a lost administrator password can still be reset in the app).
 */
export function accountChangeRefusal(
  actorRole: TRole,
  targetRole: TRole,
  sameHomeUnit: boolean,
): 'role_too_high' | 'manager_of_same_level' | null {
  if (!roleAtLeast(actorRole, targetRole)) return 'role_too_high';
  if (actorRole === targetRole && actorRole !== 'admin' && sameHomeUnit) return 'manager_of_same_level';
  return null;
}
