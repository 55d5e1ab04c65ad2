import type { TCategory, TReport } from '../../../contracts/reporting.ts';
import {
  categoriesOf,
  cellKey,
  type DraftCell,
  type DraftState,
  EMPTY_CELL,
  parseNumber,
} from '../features/reports/report-draft.ts';

/**
 * A report changed on the server while an officer typed offline: the parts (a figure, a written
 * section) where their copy and the server's differ, each with the side kept by default — the
 * one that changed, when only one did; none when both did (the officer chooses). Pure.
 */

export type Side = 'mine' | 'theirs';

export type ConflictPart =
  | {
      kind: 'value';
      key: string;
      indicatorId: number;
      category: TCategory;
      base: DraftCell;
      mine: DraftCell;
      theirs: DraftCell;
      proposed: Side | null;
    }
  | {
      kind: 'section';
      key: string;
      sectionKey: string;
      base: string;
      mine: string;
      theirs: string;
      proposed: Side | null;
    };

const numberOrText = (text: string): string => {
  const value = parseNumber(text);
  return value === undefined ? text.trim() : String(value);
};
const sameCell = (a: DraftCell, b: DraftCell): boolean =>
  numberOrText(a.numerator) === numberOrText(b.numerator) &&
  numberOrText(a.denominator) === numberOrText(b.denominator) &&
  a.comment.trim() === b.comment.trim();
const sameText = (a: string, b: string): boolean => a.trim() === b.trim();

function proposal<T>(base: T, mine: T, theirs: T, same: (a: T, b: T) => boolean): Side | null {
  if (same(mine, base)) return 'theirs';
  if (same(theirs, base)) return 'mine';
  return null;
}

export function conflictParts(
  form: Pick<TReport['form'], 'indicators' | 'sections'>,
  base: DraftState,
  mine: DraftState,
  theirs: DraftState,
): ConflictPart[] {
  const parts: ConflictPart[] = [];
  for (const indicator of form.indicators) {
    for (const category of categoriesOf(indicator)) {
      const key = cellKey(indicator.id, category);
      const cells = [base, mine, theirs].map((d) => d.values[key] ?? EMPTY_CELL) as [
        DraftCell,
        DraftCell,
        DraftCell,
      ];
      if (sameCell(cells[1], cells[2])) continue;
      parts.push({
        kind: 'value',
        key,
        indicatorId: indicator.id,
        category,
        base: cells[0],
        mine: cells[1],
        theirs: cells[2],
        proposed: proposal(cells[0], cells[1], cells[2], sameCell),
      });
    }
  }
  for (const section of form.sections) {
    const texts = [base, mine, theirs].map((d) => d.narrative[section.key] ?? '') as [string, string, string];
    if (sameText(texts[1], texts[2])) continue;
    parts.push({
      kind: 'section',
      key: `narrative:${section.key}`,
      sectionKey: section.key,
      base: texts[0],
      mine: texts[1],
      theirs: texts[2],
      proposed: proposal(texts[0], texts[1], texts[2], sameText),
    });
  }
  return parts;
}

/** The server's report with the officer's choices applied; every part must have a side. */
export function resolveConflict(
  mine: DraftState,
  theirs: DraftState,
  parts: readonly ConflictPart[],
  choices: Readonly<Record<string, Side>>,
): DraftState {
  const values = { ...theirs.values };
  const narrative = { ...theirs.narrative };
  for (const part of parts) {
    const side = choices[part.key] ?? part.proposed;
    if (side === null) throw new Error(`no side chosen for ${part.key}`);
    if (side === 'theirs') continue;
    if (part.kind === 'value') values[part.key] = mine.values[part.key] ?? EMPTY_CELL;
    else narrative[part.sectionKey] = mine.narrative[part.sectionKey] ?? '';
  }
  return { values, narrative };
}
