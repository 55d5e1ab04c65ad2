import type { UnitAsOfRow } from '../repositories/dashboard.repository.ts';
import type { OrgRepository } from '../repositories/org.repository.ts';
import type { Actor } from './actor.ts';

/**
 * Who sees what: units inside the caller's organisation; above it, only the way down to it. The
 * units asked about are already known to be inside or above (checked with `AccessService`).
 */
export interface Visibility {
  /** The unit lies above the caller's unit: shown as a step on the path, without figures. */
  above: (unitId: number) => boolean;
}

/** The caller's visibility as of `today`: the units above the caller's home unit. */
export async function visibilityOf(org: OrgRepository, today: string, actor: Actor): Promise<Visibility> {
  const home = actor.homeUnitId;
  if (home === null || home < 0) return { above: () => false };
  const ancestors = new Set((await org.ancestors(home, today)).map((a) => a.id));
  return { above: (unitId) => ancestors.has(unitId) };
}

/** Direct units of `unitId` the caller may see, given whether `unitId` itself is inside. */
export function shownChildren(
  children: UnitAsOfRow[],
  parentInside: boolean,
  visibility: Visibility,
  home: number | null,
) {
  if (parentInside) return children.map((c) => ({ unit: c, figures: true }));
  return children
    .filter((c) => c.id === home || visibility.above(c.id))
    .map((c) => ({ unit: c, figures: c.id === home }));
}
