import { foldText } from '../../../domain/fold-text.ts';

export function includesFolded(haystack: string, needle: string): boolean {
  return foldText(haystack).includes(foldText(needle));
}

/** "Mã đơn vị" → "mã đơn vị", for a field label inside a sentence. */
export function lowerFirst(text: string): string {
  return text.charAt(0).toLocaleLowerCase('vi') + text.slice(1);
}

/**
 * The search of an antd Select, without diacritics: "can bo" finds "Cán bộ". Use as
 * `showSearch={foldedSelectSearch}`.
 */
export const foldedSelectSearch = {
  filterOption: (input: string, option?: { label?: unknown }): boolean =>
    includesFolded(String(option?.label ?? ''), input),
};
