import {
  REPORT_TRANSITIONS,
  type ReportAction,
  type ReportState,
  SENT_STATES,
  type TargetOf,
} from '../../../domain/reporting/report-states.ts';

// The report state machine's conditions as SQL, generated from its one definition
// (`domain/reporting/report-states.ts`), for the statements that check a move in the database.

/** A state as an SQL literal (states are fixed identifiers: nothing to escape). */
const literal = (state: ReportState) => `'${state}'`;

/** `column IN (…)`: the report in `column` is in a state the move may start from. */
export function statusAllows(column: string, action: ReportAction): string {
  return `${column} IN (${REPORT_TRANSITIONS[action].from.map(literal).join(', ')})`;
}

/** The states of a report sent up (`SENT_STATES`), as an SQL list: `status IN (${SENT_STATES_SQL})`. */
export const SENT_STATES_SQL = SENT_STATES.map(literal).join(', ');

/** The state a move leads to, as an SQL literal. */
export function statusAfter<A extends ReportAction>(action: A): string {
  return literal(REPORT_TRANSITIONS[action].to as TargetOf<A>);
}
