/**
 * Names in the header and the signature block broken into lines at word boundaries, the way a
 * clerk types them: "CÔNG ĐOÀN" / "PHƯỜNG TÂN PHONG", never "CÔNG ĐOÀN PHƯỜNG TÂN" / "PHONG".
 * Word would wrap the single line wherever it runs out of room; here the width of each line is
 * estimated from Times New Roman's advance widths, a place name ("TÂN PHONG", with "TỈNH" or
 * "PHƯỜNG" before it when that fits) is kept on one line, and the lines are balanced.
 */
import { withoutMarks } from '../../domain/fold-text.ts';

// Times New Roman advance widths in 1/1000 em (regular, bold), by letter without diacritics;
// Vietnamese letters take their base letter's width (the marks sit above or below it).
const UPPER: Record<string, [number, number]> = {
  A: [722, 722],
  B: [667, 667],
  C: [667, 722],
  D: [722, 722],
  E: [611, 667],
  F: [556, 611],
  G: [722, 778],
  H: [722, 778],
  I: [333, 389],
  J: [389, 500],
  K: [722, 778],
  L: [611, 667],
  M: [889, 944],
  N: [722, 722],
  O: [722, 778],
  P: [556, 611],
  Q: [722, 778],
  R: [667, 722],
  S: [556, 556],
  T: [611, 667],
  U: [722, 722],
  V: [722, 722],
  W: [944, 1000],
  X: [722, 722],
  Y: [722, 722],
  Z: [611, 667],
};
const LOWER_AVERAGE: [number, number] = [470, 500];
const SPACE: [number, number] = [250, 250];
const DIGIT: [number, number] = [500, 500];
const PUNCTUATION: [number, number] = [333, 333];

const baseLetter = withoutMarks;

/** Estimated width in twips of `text` at `halfPoints` (docx's size unit). */
export function textWidth(text: string, halfPoints: number, bold: boolean): number {
  const em = halfPoints * 10; // twips per em: size in points × 20
  let units = 0;
  for (const ch of text) {
    const base = baseLetter(ch);
    const widths =
      UPPER[base] ??
      (/\s/.test(ch) ? SPACE : /\d/.test(ch) ? DIGIT : /\p{Ll}/u.test(ch) ? LOWER_AVERAGE : PUNCTUATION);
    units += widths[bold ? 1 : 0];
  }
  return (units * em) / 1000;
}

// the word that introduces a place name; what follows it is one unit
const PLACE_WORD = /^(TỈNH|THÀNH PHỐ|TP\.|PHƯỜNG|XÃ|THỊ TRẤN|THỊ XÃ|QUẬN|HUYỆN|ĐẶC KHU)$/iu;

/** The name split as [words before, place word(s), place name], or null without a place word. */
function placeSplit(words: string[]): [string[], string[], string[]] | null {
  for (let k = 0; k < words.length - 1; k++) {
    const length = k + 2 < words.length && PLACE_WORD.test(`${words[k]} ${words[k + 1]}`) ? 2 : 1;
    if (length === 2 || PLACE_WORD.test(words[k]!)) {
      return [words.slice(0, k), words.slice(k, k + length), words.slice(k + length)];
    }
  }
  return null;
}

/**
 * `text` as lines no wider than `maxWidth` twips, broken at word boundaries: the fewest lines;
 * among splits with as few, the first of: the words before the place whole and the place whole
 * ("LIÊN ĐOÀN LAO ĐỘNG" / "TỈNH LAI CHÂU"), the place word apart, the words before broken, and
 * last word by word — each balanced so its widest line is as narrow as it can be.
 */
export function wrapName(text: string, maxWidth: number, halfPoints: number, bold: boolean): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  if (words.length === 0) return [];
  const width = (line: string) => textWidth(line, halfPoints, bold);
  if (width(words.join(' ')) <= maxWidth) return [words.join(' ')];
  const attempts: string[][] = [];
  const split = placeSplit(words);
  if (split) {
    const [before, placeWord, name] = split;
    const head = before.length > 0 ? [before.join(' ')] : [];
    const place = [[...placeWord, ...name].join(' ')];
    const apart = [placeWord.join(' '), name.join(' ')];
    attempts.push([...head, ...place], [...head, ...apart], [...before, ...place], [...before, ...apart]);
  }
  attempts.push(words);
  let chosen: string[] | null = null;
  for (const units of attempts) {
    const lines = balance(units, (line) => width(line) <= maxWidth, width);
    if (lines && (!chosen || lines.length < chosen.length)) chosen = lines;
  }
  return chosen ?? [words.join(' ')]; // a single word wider than the column: Word will break it
}

/** The split of `units` into the fewest lines that fit, the widest line as narrow as possible. */
function balance(
  units: string[],
  fits: (line: string) => boolean,
  width: (line: string) => number,
): string[] | null {
  const n = units.length;
  // best[k] = [lines, widest] for units[k..]
  const best: ({ lines: string[]; widest: number } | null)[] = Array(n + 1).fill(null);
  best[n] = { lines: [], widest: 0 };
  for (let k = n - 1; k >= 0; k--) {
    for (let end = k + 1; end <= n; end++) {
      const line = units.slice(k, end).join(' ');
      if (!fits(line)) break;
      const rest = best[end];
      if (!rest) continue;
      const candidate = { lines: [line, ...rest.lines], widest: Math.max(width(line), rest.widest) };
      const current = best[k];
      if (
        !current ||
        candidate.lines.length < current.lines.length ||
        (candidate.lines.length === current.lines.length && candidate.widest < current.widest)
      ) {
        best[k] = candidate;
      }
    }
  }
  return best[0]?.lines ?? null;
}
