/**
 * Narratives of many units gathered for a consolidated report: identical or near-identical texts
 * (the same words, whatever their case, spacing, punctuation, quotes or a leading bullet) are
 * written once with every unit that wrote them, units in natural order ("CĐCS số 7" before
 * "CĐCS số 39"), in the group's best-written form: a capital first, a full stop last.
 */

const collator = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });

/** Natural order of unit names: numbers inside names compare as numbers. */
export function compareNames(a: string, b: string): number {
  return collator.compare(a, b);
}

const sameTextKey = (text: string): string =>
  text
    .normalize('NFC')
    .toLocaleLowerCase('vi')
    .replace(/^[\s\-+•*–]+/u, '')
    .replace(/[.,;:!?…"'“”‘’()[\]–-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** A variant as it would be printed: spaces single, a capital first, a full stop last. */
function tidy(text: string): string {
  const t = text
    .trim()
    .replace(/[ \t]+/g, ' ')
    .replace(/^[-+•*–]\s*/u, '');
  const capital = t.charAt(0).toLocaleUpperCase('vi') + t.slice(1);
  return /[.!?…]$/u.test(capital) ? capital : `${capital}.`;
}

/** Of a group's variants, the one already written as printed, else the first tidied. */
const bestWritten = (variants: string[]): string =>
  tidy(variants.find((v) => tidy(v) === v.trim()) ?? variants[0]!);

/** Texts grouped with the units that wrote them, in the order of each group's first unit (by name). */
export function groupNarratives(
  sources: readonly { unitName: string; text: string }[],
): { unitNames: string[]; text: string }[] {
  const groups = new Map<string, { unitNames: string[]; variants: string[] }>();
  for (const source of [...sources].sort((a, b) => compareNames(a.unitName, b.unitName))) {
    const key = sameTextKey(source.text);
    if (!key) continue;
    const group = groups.get(key);
    if (group) {
      group.unitNames.push(source.unitName);
      group.variants.push(source.text);
    } else groups.set(key, { unitNames: [source.unitName], variants: [source.text] });
  }
  return [...groups.values()].map((g) => ({ unitNames: g.unitNames, text: bestWritten(g.variants) }));
}
