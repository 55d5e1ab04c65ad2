import { foldText } from '../fold-text.ts';

/**
 * The rules of an indicator (chỉ số) as a catalogue entry, written once: the unit a ratio is shown
 * in, the code made for one given none, and which changes a used indicator refuses. Pure: no I/O.
 */

/** A ratio is a share: always shown in %, whatever was typed ("75 gia đình" was a ratio's mistake). */
export const RATIO_UNIT = '%';

/** The unit an indicator is stored and shown with: % for a ratio, else what was given (blank: none). */
export function indicatorUnit(kind: string, unit: string | null | undefined): string | null {
  if (kind === 'ratio') return RATIO_UNIT;
  const trimmed = unit?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

/** Words too common in indicator names to carry their meaning in a code. */
const FILLER = new Set([
  'so',
  'ty',
  'le',
  'cac',
  'cua',
  'va',
  'duoc',
  'trong',
  'nam',
  've',
  'cho',
  'co',
  'la',
]);

/**
 * A code for an indicator given none: "CS-" and the first letters of the name's words that carry
 * meaning, at most 8 ("Tỷ lệ cán bộ công đoàn được tập huấn" → "CS-CBCDTH"). `taken` says whether a
 * code is in use; a number is added until it is free ("CS-CBCDTH-2").
 */
export function generatedCode(name: string, taken: (code: string) => boolean): string {
  const words = foldText(name)
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
  const meaningful = words.filter((w) => !FILLER.has(w));
  const letters = (meaningful.length > 0 ? meaningful : words)
    .map((w) => (/^\d+$/.test(w) ? w : w[0]!))
    .join('')
    .toUpperCase()
    .slice(0, 8);
  const base = `CS-${letters === '' ? 'X' : letters}`;
  if (!taken(base)) return base;
  for (let n = 2; ; n++) {
    const next = `${base}-${n}`;
    if (!taken(next)) return next;
  }
}

/** What an indicator is as data: changing any of these changes what stored values mean. */
export interface IndicatorShape {
  kind: string;
  disaggregation: string;
  aggregation: string;
  threshold: number;
}

/**
 * Whether a change is refused: once values were reported, or it measures a target or sits on a
 * form, its kind, breakdown and roll-up stay (a new indicator is made and this one retired);
 * its name, code, unit and labels may be corrected.
 */
export function indicatorChangeRefusal(
  before: IndicatorShape,
  after: IndicatorShape,
  inUse: boolean,
): 'indicator_in_use' | null {
  if (!inUse) return null;
  const same =
    before.kind === after.kind &&
    before.disaggregation === after.disaggregation &&
    before.aggregation === after.aggregation &&
    before.threshold === after.threshold;
  return same ? null : 'indicator_in_use';
}
