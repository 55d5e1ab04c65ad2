import type { TRole } from '../../contracts/auth.ts';
import type { TReportStatus } from '../../contracts/reporting.ts';
import { roleAtLeast } from '../roles.ts';

/**
 * A report's life, written once: its states, the moves between them, who may make each, and what
 * a refusal says. Services ask it before a write, the Excel and attachment paths ask it whether a
 * report still takes input, and the one-statement SQL paths take their state conditions from it
 * (`server/repositories/sql/report-states.ts`), so the checks in code and in SQL cannot disagree.
 *
 *   (none) ──open──▶ draft ──save──▶ draft
 *                      │
 *                   submit            returned ──save──▶ returned
 *                      ▼                 │  ▲
 *                  submitted ◀─resubmit──┘  │
 *                   │     │                 │
 *               approve  return ────────────┘
 *                   ▼                       │
 *                approved ───unlock─────────┘
 *
 * Resubmitting is `submit` from `returned`. `not_started` is not stored: it is how a status page
 * shows a unit that has no report yet.
 */

/** The states a stored report can be in. */
export type ReportState = Exclude<TReportStatus, 'not_started'>;

/** States in which the reporting unit may still change the report (values, narrative, files). */
export const EDITABLE_STATES = ['draft', 'returned'] as const satisfies readonly ReportState[];

/** States in which the report has reached the level above (counted as sent, never late after). */
export const SENT_STATES = ['submitted', 'approved'] as const satisfies readonly ReportState[];

/**
 * Who may make a move, besides the minimum role: `holder` — the actor's home unit is the report's
 * unit or a unit above it (the access rule); `reviewer` — the actor's home unit is strictly above
 * the report's unit (the level above reviews; a unit never reviews itself).
 */
export type ReportActorReach = 'holder' | 'reviewer';

export interface ReportTransition {
  /** States the move starts from. */
  readonly from: readonly ReportState[];
  /** The state the move leads to (`null`: the state stays, as for a save). */
  readonly to: ReportState | null;
  readonly minimumRole: TRole;
  readonly reach: ReportActorReach;
  /** The audit action recorded with the move. */
  readonly audit: string;
}

export const REPORT_TRANSITIONS = {
  save: { from: EDITABLE_STATES, to: null, minimumRole: 'officer', reach: 'holder', audit: 'report.save' },
  submit: {
    from: EDITABLE_STATES,
    to: 'submitted',
    minimumRole: 'officer',
    reach: 'holder',
    audit: 'report.submit',
  },
  return: {
    from: ['submitted'],
    to: 'returned',
    minimumRole: 'officer',
    reach: 'reviewer',
    audit: 'report.return',
  },
  approve: {
    from: ['submitted'],
    to: 'approved',
    minimumRole: 'officer',
    reach: 'reviewer',
    audit: 'report.approve',
  },
  unlock: {
    from: ['approved'],
    to: 'returned',
    minimumRole: 'manager',
    reach: 'reviewer',
    audit: 'report.unlock',
  },
} as const satisfies Record<string, ReportTransition>;

export type ReportAction = keyof typeof REPORT_TRANSITIONS;

/** The state a move leads to, for the moves that change it. */
export type TargetOf<A extends ReportAction> = Exclude<(typeof REPORT_TRANSITIONS)[A]['to'], null>;

/** Whether the reporting unit may still change a report in this state. */
export function isEditable(status: string): boolean {
  return (EDITABLE_STATES as readonly string[]).includes(status);
}

/** Whether a report in this state has been sent up (submitted or approved). */
export function isSent(status: string): boolean {
  return (SENT_STATES as readonly string[]).includes(status);
}

/** Whether a move may start from this state. */
export function canTake(action: ReportAction, status: string): boolean {
  return (REPORT_TRANSITIONS[action].from as readonly string[]).includes(status);
}

/** Whether a role is enough for a move (the unit rule is the access policy's, by `reach`). */
export function roleMayTake(action: ReportAction, role: TRole): boolean {
  return roleAtLeast(role, REPORT_TRANSITIONS[action].minimumRole);
}

/**
 * Why a move is refused, as the error the server answers with: `role` → 403 `forbidden`;
 * `state` → 409 `validation` on the field `status`, its detail `stateRefusalNoun`; a stale
 * version → 409 `conflict_version`. Null when the state and the role allow it.
 */
export function refusalOf(action: ReportAction, status: string, role: TRole): 'role' | 'state' | null {
  if (!roleMayTake(action, role)) return 'role';
  if (!canTake(action, status)) return 'state';
  return null;
}

/** The error keys of the refusals above (`server/i18n/messages.ts`). */
export const REFUSAL_KEYS = { role: 'forbidden', state: 'validation', version: 'conflict_version' } as const;

/**
 * The detail of a refusal for the report's state, as a key of the server's nouns
 * (`server/i18n/messages.ts`: "báo cáo đã gửi, chờ duyệt" / "the report has been sent for review").
 */
export function stateRefusalNoun(status: string): `report_${ReportState}` {
  return `report_${(EDITABLE_STATES as readonly string[]).includes(status) || (SENT_STATES as readonly string[]).includes(status) ? (status as ReportState) : 'submitted'}`;
}
