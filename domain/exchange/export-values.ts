import { type ExchangeValue, formatExchangeNumber } from './data-values.ts';
import type { DataElementMapping, ImportedValue, ValuePart } from './resolve-import.ts';

/**
 * A period's stored values turned into what an export sends, with no I/O: each number under the
 * data element its indicator's cell (category, part) is mapped to, a ratio as its numerator and its
 * denominator apart; values of cells with no mapping are counted by cell, not sent. Ordered by the
 * unit's code, then the indicator, then the category, so the same figures make the same file.
 */

/** A stored value of an approved report, with the unit it belongs to. */
export interface StoredExchangeValue {
  indicatorId: number;
  category: string;
  numerator: number | null;
  denominator: number | null;
  comment: string | null;
  /** The unit's own code (the order) and the code DHIS2 knows it by (its mapping, else its own code). */
  unit: { code: string; orgUnit: string };
}

/** A cell whose values are left out because no data element is mapped to it. */
export interface OmittedCell {
  indicatorCode: string;
  category: string;
  part: string;
  count: number;
}

export function exportValues(
  stored: readonly StoredExchangeValue[],
  indicators: ReadonlyMap<number, { code: string; kind: string }>,
  mappings: readonly (Omit<DataElementMapping, 'part'> & { part: string })[],
): { values: ExchangeValue[]; omitted: OmittedCell[] } {
  const mapped = new Map(mappings.map((m) => [`${m.indicatorId}:${m.category}:${m.part}`, m]));
  const values: ExchangeValue[] = [];
  const omitted = new Map<string, OmittedCell>();
  const ordered = [...stored].sort(
    (a, b) =>
      a.unit.code.localeCompare(b.unit.code) ||
      a.indicatorId - b.indicatorId ||
      a.category.localeCompare(b.category),
  );
  for (const v of ordered) {
    const indicator = indicators.get(v.indicatorId);
    const parts: [ValuePart, number | null][] =
      indicator?.kind === 'ratio'
        ? [
            ['numerator', v.numerator],
            ['denominator', v.denominator],
          ]
        : [['value', v.numerator]];
    for (const [part, number] of parts) {
      if (number === null || number === undefined) continue;
      const key = `${v.indicatorId}:${v.category}:${part}`;
      const m = mapped.get(key);
      if (!m) {
        const o = omitted.get(key) ?? {
          indicatorCode: indicator?.code ?? String(v.indicatorId),
          category: v.category,
          part,
          count: 0,
        };
        o.count += 1;
        omitted.set(key, o);
        continue;
      }
      values.push({
        orgUnit: v.unit.orgUnit,
        dataElement: m.dataElement,
        categoryOptionCombo: m.categoryOptionCombo,
        adxCategory: m.adxCategory,
        adxOption: m.adxOption,
        value: formatExchangeNumber(number),
        comment: v.comment,
      });
    }
  }
  return { values, omitted: [...omitted.values()] };
}

/** A report's value as saved: one cell (indicator, category) with its numbers and comment. */
export interface SavedValue {
  indicatorId: number;
  category: string;
  numerator: number | null;
  denominator: number | null;
  comment: string | null;
}

/**
 * An import's cells laid over what a report holds: a cell the file names takes the file's numbers
 * and comment, each part the file leaves out keeps the stored one; the other cells stay as stored.
 */
export function mergeImported(stored: readonly SavedValue[], cells: readonly ImportedValue[]): SavedValue[] {
  const merged = new Map<string, SavedValue>();
  for (const v of stored)
    merged.set(`${v.indicatorId}:${v.category}`, {
      indicatorId: v.indicatorId,
      category: v.category,
      numerator: v.numerator,
      denominator: v.denominator,
      comment: v.comment,
    });
  for (const c of cells) {
    const key = `${c.indicatorId}:${c.category}`;
    const before = merged.get(key);
    merged.set(key, {
      indicatorId: c.indicatorId,
      category: c.category,
      numerator: c.numerator ?? before?.numerator ?? null,
      denominator: c.denominator ?? before?.denominator ?? null,
      comment: c.comment ?? before?.comment ?? null,
    });
  }
  return [...merged.values()];
}
