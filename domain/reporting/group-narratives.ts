/**
 * Narratives of many units gathered for a consolidated report: identical texts (case, spacing and
 * final punctuation aside) are written once with every unit that wrote them, units in natural
 * order ("CĐCS số 7" before "CĐCS số 39").
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
    .replace(/\s+/g, ' ')
    .replace(/[\s.;:!…]+$/u, '')
    .trim();

/** Texts grouped with the units that wrote them, in the order of each group's first unit (by name). */
export function groupNarratives(
  sources: readonly { unitName: string; text: string }[],
): { unitNames: string[]; text: string }[] {
  const groups = new Map<string, { unitNames: string[]; text: string }>();
  for (const source of [...sources].sort((a, b) => compareNames(a.unitName, b.unitName))) {
    const key = sameTextKey(source.text);
    if (!key) continue;
    const group = groups.get(key);
    if (group) group.unitNames.push(source.unitName);
    else groups.set(key, { unitNames: [source.unitName], text: source.text.trim() });
  }
  return [...groups.values()];
}
