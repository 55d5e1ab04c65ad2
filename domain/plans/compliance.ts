import { addDays } from '../dates.ts';

export type ComplianceState = 'issued_on_time' | 'issued_late' | 'pending' | 'late';

export interface ChildPlanFact {
  unitId: number;
  planId: number;
  status: 'draft' | 'issued';
  symbol: string | null;
  issuedOn: string | null;
}

/** The deadline for units below to issue their plan: set by the issuer, else 30 days after issue. */
export function implementationDeadline(
  explicit: string | null,
  issuedOn: string | null,
  defaultDays = 30,
): string | null {
  if (explicit) return explicit;
  return issuedOn ? addDays(issuedOn, defaultDays) : null;
}

/** Whether one unit has issued its implementing plan, on time or late, or is still pending/late. */
export function complianceState(
  plan: ChildPlanFact | undefined,
  deadline: string | null,
  today: string,
): ComplianceState {
  if (plan?.status === 'issued' && plan.issuedOn) {
    return deadline === null || plan.issuedOn <= deadline ? 'issued_on_time' : 'issued_late';
  }
  return deadline !== null && today > deadline ? 'late' : 'pending';
}
