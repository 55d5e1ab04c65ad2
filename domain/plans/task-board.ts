import { foldText, matchesAllTerms, searchTerms } from '../fold-text.ts';

export type BoardStatus = 'not_started' | 'in_progress' | 'done' | 'overdue';

/** A task is overdue once its deadline has passed and it is not done. */
export function effectiveTaskStatus(
  status: Exclude<BoardStatus, 'overdue'>,
  deadline: string | null,
  today: string,
): BoardStatus {
  return status !== 'done' && deadline !== null && deadline < today ? 'overdue' : status;
}

/**
 * An assignment ("giao nhiệm vụ") to a unit is done when the unit has issued its implementing
 * plan, in progress while that plan is a draft, overdue past the implementation deadline.
 */
export function assignmentStatus(
  childPlan: 'draft' | 'issued' | null,
  deadline: string | null,
  today: string,
): BoardStatus {
  if (childPlan === 'issued') return 'done';
  return effectiveTaskStatus(childPlan === 'draft' ? 'in_progress' : 'not_started', deadline, today);
}

/** Whole days between a deadline and today when the deadline has passed (0 otherwise). */
export function daysLate(deadline: string | null, today: string, done = false): number {
  if (done || deadline === null || deadline >= today) return 0;
  const ms = Date.parse(`${today}T00:00:00Z`) - Date.parse(`${deadline}T00:00:00Z`);
  return Math.round(ms / 86_400_000);
}

export interface BoardFilterable {
  unitId: number;
  planId: number;
  status: BoardStatus;
  text: string;
  planTitle: string;
  planSymbol: string | null;
  unitName: string;
}

export interface BoardFilters {
  /** Only what concerns this one unit (not the units below it). */
  onlyUnitId?: number | undefined;
  overdue?: boolean | undefined;
  status?: BoardStatus | undefined;
  planId?: number | undefined;
  /** Words searched without diacritics in the task, the plan and the unit. */
  q?: string | undefined;
}

export function filterBoard<T extends BoardFilterable>(items: T[], filters: BoardFilters): T[] {
  const terms = filters.q ? searchTerms(filters.q) : [];
  // Many rows share their texts (a plan's title, an assignment given to hundreds of units).
  const folded = new Map<string, string>();
  const fold = (text: string) => {
    const known = folded.get(text);
    if (known !== undefined) return known;
    const f = foldText(text);
    folded.set(text, f);
    return f;
  };
  return items.filter(
    (item) =>
      (filters.onlyUnitId === undefined || item.unitId === filters.onlyUnitId) &&
      (!filters.overdue || item.status === 'overdue') &&
      (filters.status === undefined || item.status === filters.status) &&
      (filters.planId === undefined || item.planId === filters.planId) &&
      (terms.length === 0 ||
        matchesAllTerms(
          `${fold(item.text)} ${fold(item.planSymbol ?? '')} ${fold(item.planTitle)} ${fold(item.unitName)}`,
          terms,
        )),
  );
}

/** Overdue first, then by deadline (none last), then by plan and position. */
export function compareBoardItems(
  a: { status: BoardStatus; deadline: string | null; planId: number; order: number },
  b: { status: BoardStatus; deadline: string | null; planId: number; order: number },
): number {
  const overdue = Number(b.status === 'overdue') - Number(a.status === 'overdue');
  if (overdue !== 0) return overdue;
  if (a.deadline !== b.deadline) {
    if (a.deadline === null) return 1;
    if (b.deadline === null) return -1;
    return a.deadline < b.deadline ? -1 : 1;
  }
  return a.planId - b.planId || a.order - b.order;
}
