import { auditInsertFrom } from './audit-insert.ts';
import { statusAfter } from './report-states.ts';
import { rollupApplyCtes, rollupLockedCte } from './rollup-apply.ts';
import { noticeInsertFrom } from './work-notice-insert.ts';

/**
 * The CTEs of an approval: the state change of report $1 under its version $2 ($5 when, $6 by
 * whom), its audit row ($7–$13), and its values added to the roll-ups of period $3 for unit $4
 * (`rollupLockedCte` / `rollupApplyCtes`, the statement of `RollupRepository.applyReport`), only
 * when the period's roll-ups are built. `gate`: further conditions on the report row `r`; `upd`
 * returns the row as stored.
 *
 * The statement does not read `written`: a data-modifying CTE that the query does not read runs
 * after it, so the roll-up rows, the only rows other approvals of the period wait for, are locked
 * last and held the shortest.
 */
export const approveCtes = (gate = '') => `${rollupLockedCte('$3::int')},
   upd AS (
     UPDATE reports r SET status = ${statusAfter('approve')}, return_reason = NULL, reviewed_at = $5::timestamptz,
            reviewed_by = $6, version = r.version + 1, updated_at = now()
      WHERE r.id = $1 AND r.version = $2 AND EXISTS (SELECT 1 FROM locked)${gate}
     RETURNING r.*
   ),
   aud AS (
     ${auditInsertFrom('upd', { userId: '$7', ip: '$8', action: '$9', objectType: '$10', objectId: '$11', before: '$12', after: '$13' })}
   ),
   notice AS (
     ${noticeInsertFrom('upd', 'approved', { id: 'id', periodId: 'period_id', unitId: 'unit_id' })}
   ),
   ${rollupApplyCtes({ period: '$3::int', unit: '$4::int', report: '$1::int', sign: '1', gate: 'upd' })}`;
