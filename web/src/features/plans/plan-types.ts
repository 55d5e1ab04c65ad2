import type { TCompliance, TPlan } from '../../../../contracts/plans.ts';

export type TPlanStatus = TPlan['status'];
export type TPlanOrigin = TPlan['origin'];
export type TComplianceRow = TCompliance['rows'][number];
export type TComplianceRowState = TComplianceRow['state'];
export type TPlanTask = TPlan['tasks'][number];
export type TPlanTarget = TPlan['targets'][number];

export const COMPLIANCE_STATES = [
  'issued_on_time',
  'issued_late',
  'pending',
  'late',
] as const satisfies readonly TComplianceRowState[];
