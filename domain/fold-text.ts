/**
 * The one way Vietnamese text is folded for comparison and search: lower case, no tone or vowel
 * marks, đ → d. Two forms of the same fold:
 * - `foldChars` keeps the length (character i of the fold is character i of the source), so a match
 *   found in the fold can be cut out of the source — the document reader and the review screen's
 *   highlights use it;
 * - `foldText` is the key to compare and search by: also whitespace collapsed and trimmed, and
 *   decomposed input treated like composed input.
 */

const foldCache = new Map<string, string>();

function foldChar(ch: string): string {
  const cached = foldCache.get(ch);
  if (cached !== undefined) return cached;
  let folded: string;
  if (ch === 'đ' || ch === 'Đ') folded = 'd';
  else {
    const base = ch.normalize('NFD')[0] ?? ch;
    const lower = base.toLowerCase();
    // keep the length: a character whose lower case is longer folds to itself
    folded = lower.length === 1 ? lower : ch;
  }
  if (foldCache.size < 10_000) foldCache.set(ch, folded);
  return folded;
}

/** "Thái Bình" → "thai binh", same length as the input (meant for composed, NFC, text). */
export function foldChars(text: string): string {
  const lower = text.toLowerCase();
  // toLowerCase keeps the length except for rare letters (İ): then go char by char
  if (lower.length === text.length) return lower.replace(/[\u0080-\uffff]/g, foldChar);
  let out = '';
  for (let i = 0; i < text.length; i++) out += foldChar(text[i]!);
  return out;
}

/** "Liên đoàn  Lao động tỉnh Thái Bình " → "lien doan lao dong tinh thai binh". */
export function foldText(text: string): string {
  return foldChars(text.normalize('NFC'))
    .replace(/\p{M}+/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** "Đắk Lắk" → "Dak Lak": the marks dropped, the case kept (ASCII file names, width estimates). */
export function withoutMarks(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}

/** "Báo cáo năm 2025" → "bao-cao-nam-2025": folded, every other character run a hyphen. */
export function slug(text: string, maxLength = 80): string {
  return foldText(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, maxLength)
    .replace(/-$/, '');
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
