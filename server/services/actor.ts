import type { TRole } from '../../contracts/auth.ts';

/** Who is acting, for access checks and the audit trail. `userId` null is the system itself. */
export interface Actor {
  userId: number | null;
  role: TRole;
  homeUnitId: number | null;
  ip: string | null;
}

/** The system acting on its own (migrations, demo loading, CLI): full access, audited as such. */
export const SYSTEM_ACTOR: Actor = { userId: null, role: 'admin', homeUnitId: null, ip: null };
