import type { TRole } from '../../contracts/auth.ts';

/** Who is acting, for access checks and the audit trail. `userId` null is the system itself. */
export interface Actor {
  userId: number | null;
  role: TRole;
  homeUnitId: number | null;
  ip: string | null;
}

/**
 * The unit an actor works from, or null when it has none of its own: the system (which acts on the
 * whole tree) and a caller not signed in (`homeUnitId` -1 on public routes). "My unit's …" lists
 * are empty for both; a unit's access is still asked of `AccessService`.
 */
export function ownUnitOf(actor: Actor): number | null {
  return actor.homeUnitId !== null && actor.homeUnitId > 0 ? actor.homeUnitId : null;
}

/** The system acting on its own (migrations, demo loading, CLI): full access, audited as such. */
export const SYSTEM_ACTOR: Actor = { userId: null, role: 'admin', homeUnitId: null, ip: null };
