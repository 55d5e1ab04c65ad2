/**
 * Folds Vietnamese text for diacritic-insensitive comparison and search:
 * "Liên đoàn Lao động tỉnh Thái Bình" → "lien doan lao dong tinh thai binh".
 */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Words of a search query, folded; each must appear in the folded target. */
export function searchTerms(query: string): string[] {
  return foldText(query)
    .split(/[^\p{L}\p{N}/-]+/u)
    .filter((term) => term.length > 0);
}

export function matchesAllTerms(folded: string, terms: string[]): boolean {
  return terms.every((term) => folded.includes(term));
}
