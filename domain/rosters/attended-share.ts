import { isWithin } from '../dates.ts';

/**
 * A computed indicator (chỉ tiêu tính tự động), as a pure rule: of the people of one roster category
 * on the roster at the window's end (the denominator: "cán bộ chủ chốt"), those who attended at
 * least one activity of a kind held within the window (the numerator: "… được tập huấn"). A person
 * is their roster id: one who attended two sessions counts once.
 */

export interface RosterEntry {
  id: number;
  category: string;
  validFrom: string;
  validTo: string | null;
}

export interface Attendance {
  personId: number;
  activityKind: string;
  heldOn: string;
}

export interface AttendedShareDefinition {
  rosterCategory: string;
  activityKind: string;
}

/** The days counted, both inclusive: from the plan's first day (or the period's) to the period's end. */
export interface Window {
  from: string;
  to: string;
}

export interface AttendedShare {
  numerator: number;
  denominator: number;
  /** The denominator's people, in the order given. */
  counted: number[];
  /** Of those, who attended, with how many sessions each. */
  sessions: Map<number, number>;
}

/** The window of a report: the plan's span (its first year, if known) cut at the period's end. */
export function countingWindow(
  plan: { yearFrom: number | null },
  period: { startsOn: string; endsOn: string },
): Window {
  const planStart = plan.yearFrom === null ? null : `${plan.yearFrom}-01-01`;
  const from = planStart !== null && planStart < period.startsOn ? planStart : period.startsOn;
  return { from, to: period.endsOn };
}

export function attendedShare(
  definition: AttendedShareDefinition,
  roster: readonly RosterEntry[],
  attendance: readonly Attendance[],
  window: Window,
): AttendedShare {
  const counted = roster
    .filter((p) => p.category === definition.rosterCategory && isWithin(window.to, p.validFrom, p.validTo))
    .map((p) => p.id);
  const inDenominator = new Set(counted);
  const sessions = new Map<number, number>();
  for (const a of attendance) {
    if (a.activityKind !== definition.activityKind) continue;
    if (a.heldOn < window.from || a.heldOn > window.to) continue;
    if (!inDenominator.has(a.personId)) continue;
    sessions.set(a.personId, (sessions.get(a.personId) ?? 0) + 1);
  }
  return { numerator: sessions.size, denominator: counted.length, counted, sessions };
}
