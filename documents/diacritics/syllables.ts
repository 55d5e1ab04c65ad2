/**
 * Syllables of Vietnamese text for diacritic restoration: which runs of a text are words the model
 * may touch, their folded form, and how to carry an input's capitalisation onto a restored form.
 * Pure functions, no I/O.
 */

/** A piece of text: a word the model reads, or a break in its context. */
export type Token =
  | { kind: 'word'; start: number; end: number; text: string }
  | { kind: 'gap' } // a number, a symbol ("28-CT/TW"), a comma…: the context goes on through one placeholder
  | { kind: 'break' }; // an end of sentence or line: the context starts again

/** Placeholder syllable standing for any gap in the model's context. */
export const GAP = '<x>';

const WORD = /^[\p{L}\p{M}]+$/u;
const EDGE_PUNCTUATION = /^[^\p{L}\p{M}\p{N}]*/u;
const TRAILING_PUNCTUATION = /[^\p{L}\p{M}\p{N}]*$/u;
const BREAK_CHARS = /[.!?;:|()[\]{}…\n\r]/;

/** True when the word carries a tone or vowel mark, or đ: it was typed with diacritics. */
export function hasDiacritics(word: string): boolean {
  return /[đĐ]/.test(word) || /\p{M}/u.test(word.normalize('NFD'));
}

// Onsets, vowel nuclei and codas of Vietnamese syllables, written without marks (after folding).
const SYLLABLE_SHAPE =
  /^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?(uye|uya|oai|oay|oeo|uay|uoi|uou|uyu|ieu|yeu|uoi|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|oo|ua|ue|ui|uo|uu|uy|ye|a|e|i|o|u|y)(ng|nh|ch|[cmnpt])?$/;

/** True when the folded word has the shape of a Vietnamese syllable ("cong", "nghieng"; not "ubnd"). */
export function looksVietnamese(folded: string): boolean {
  return folded.length <= 7 && SYLLABLE_SHAPE.test(folded);
}

/**
 * Splits a text into words and gaps. A word is a whitespace-separated chunk made only of letters once
 * its edge punctuation is stripped; chunks with digits or inner symbols ("28-CT/TW", "TP.HCM") are gaps.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const push = (token: Token): void => {
    const last = tokens.at(-1);
    if (token.kind !== 'word' && last && last.kind !== 'word') {
      if (token.kind === 'break' && last.kind === 'gap') tokens[tokens.length - 1] = token;
      return;
    }
    if (token.kind !== 'word' && !last) return;
    tokens.push(token);
  };
  const separator = (s: string): void => {
    if (s.length === 0) return;
    push(BREAK_CHARS.test(s) ? { kind: 'break' } : { kind: 'gap' });
  };
  let previousEnd = 0;
  for (const chunk of text.matchAll(/\S+/g)) {
    const start = chunk.index;
    if (/[\n\r]/.test(text.slice(previousEnd, start))) push({ kind: 'break' });
    previousEnd = start + chunk[0].length;
    const lead = EDGE_PUNCTUATION.exec(chunk[0])?.[0] ?? '';
    const rest = chunk[0].slice(lead.length);
    const trail = TRAILING_PUNCTUATION.exec(rest)?.[0] ?? '';
    const core = rest.slice(0, rest.length - trail.length);
    separator(lead);
    if (core.length > 0 && WORD.test(core)) {
      const wordStart = start + lead.length;
      push({ kind: 'word', start: wordStart, end: wordStart + core.length, text: core });
    } else if (core.length > 0) {
      push({ kind: 'gap' });
    }
    separator(trail);
  }
  return tokens;
}

/** How a word is written: in capitals ("HÀ"), with a capital first ("Hà"), in lower case, or otherwise. */
export type TLetterCase = 'upper' | 'title' | 'lower' | 'mixed';

export function letterCase(word: string): TLetterCase {
  const lower = word.toLowerCase();
  if (word === lower) return 'lower';
  if ([...word].length > 1 && word === word.toUpperCase()) return 'upper';
  const [first = '', ...rest] = [...word];
  return first !== first.toLowerCase() && rest.join('') === rest.join('').toLowerCase() ? 'title' : 'mixed';
}

/**
 * Carries the capitalisation of `pattern` onto `word` letter by letter (both NFC, same length once
 * folded): "HA" + "hà" → "HÀ", "Ha" + "hà" → "Hà".
 */
export function applyCase(pattern: string, word: string): string {
  const letters = [...pattern];
  const target = [...word];
  if (letters.length !== target.length) {
    return pattern === pattern.toUpperCase() && pattern !== pattern.toLowerCase()
      ? word.toUpperCase()
      : pattern[0] === pattern[0]?.toUpperCase()
        ? word.charAt(0).toUpperCase() + word.slice(1)
        : word;
  }
  return target
    .map((ch, i) => {
      const p = letters[i]!;
      return p !== p.toLowerCase() ? ch.toUpperCase() : ch;
    })
    .join('');
}
