/**
 * One file may hold several documents (a dispatch forwarding a ministry's letter, say). Each
 * document of the Decree 30 layout opens with the national motto — or the Party's name — at the
 * top right; a new document starts with the issuing body's lines just above that motto.
 * Appendices (phụ lục) have no motto of their own and stay with the document they follow.
 */

import { foldChars } from '../../domain/fold-text.ts';
import { isMostlyUpper } from './normalize-text.ts';

const MOTTO =
  /cong\s*h[o0]a\s*xa\s*h[o0]i\s*chu\s*ngh[il1]a|dang\s*cong\s*san\s*viet\s*nam|doc\s*lap\s*-?\s*tu\s*do\s*-?\s*hanh\s*phuc/;

/** True for a line that is (mostly) the national motto, the Party's name or "Độc lập - Tự do". */
export function isMottoLine(line: string): boolean {
  if (line.length > 160) return false;
  const folded = foldChars(line);
  const m = MOTTO.exec(folded);
  if (!m) return false;
  // "… được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam … thông qua": a sentence naming the
  // state, not the motto of a header (which stands at the start of its line or cell)
  const before = line.slice(0, m.index).trim();
  // a slogan ("22. Nước Cộng hòa xã hội chủ nghĩa Việt Nam muôn năm!") in a plan's list of
  // slogans: a numbered or listed line, or one that exclaims, is never a header's motto
  if (/^(?:\d{1,3}\s?[.)]|[-–+•])/.test(before) || /!\s*$/.test(line)) return false;
  return !/\p{L}{2,}\s\p{L}{2,}\s\p{L}{2,}/u.test(before) || isMostlyUpper(before) || /[|]/.test(before);
}

/** Splits the lines into [start, end) ranges, one per document. */
export function splitDocuments(lines: readonly string[]): { start: number; end: number }[] {
  const starts: number[] = [0];
  let lastMotto = -100;
  let nonEmptySinceStart = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim().length === 0) continue;
    if (isMottoLine(line)) {
      // motto lines of one header (motto, Độc lập…, a Party name) come close together
      const sameHeader = i - lastMotto <= 8;
      lastMotto = i;
      if (!sameHeader && nonEmptySinceStart >= 15) {
        const start = headerStart(lines, i, starts.at(-1)!);
        starts.push(start);
        nonEmptySinceStart = i - start;
        continue;
      }
    }
    nonEmptySinceStart++;
  }
  return starts.map((start, k) => ({ start, end: starts[k + 1] ?? lines.length }));
}

const SEPARATOR = /^[-–_=*.…\s]{1,40}$/;
const SYMBOL_START = /^s[o0-9a-z]?\s?:|^so\s\d/;
const VV_START = /^(?:v\/v|v\.v|ve viec)\b/;
const DATE_LINE =
  /ng[a-z]y\s*(?:\d{1,2}|[.…_ ]+)\s*th[a-z]ng\s*(?:\d{1,2}|[.…_ ]+)\s*n[a-z]m\s*(?:(?:19|20)\d{2}|[.…_ ]+)/;

function isIssuerLine(line: string): boolean {
  return isMostlyUpper(line) && line.length <= 90 && !/\d{2}/.test(line) && !/^[-–+•]/.test(line);
}

// a wrapped subject line: short, no list mark, no closing "./."
function isWrappedSubject(line: string): boolean {
  return line.length <= 110 && !/^[-–+•]|^\d{1,2}[.)]\s|\.\/\.|^(?:noi nhan|luu)\b/.test(line);
}

/**
 * Walks back from the motto over the header block of the new document: the issuing body's
 * upper-case lines (at most 4), the "Số:" line, the "V/v" subject and its wrapped lines, the
 * place-date line and separators, in whatever order a one-row header table was read.
 */
function headerStart(lines: readonly string[], motto: number, floor: number): number {
  let start = motto;
  let issuerLines = 0;
  let seen = 0;
  let i = motto - 1;
  while (i > floor && seen < 14) {
    const line = lines[i]!.trim();
    if (line.length === 0 || SEPARATOR.test(line)) {
      i--;
      continue;
    }
    seen++;
    const folded = foldChars(line);
    if (
      line.length <= 160 &&
      (SYMBOL_START.test(folded) || VV_START.test(folded) || DATE_LINE.test(folded))
    ) {
      start = i--;
      continue;
    }
    if (issuerLines < 4 && isIssuerLine(line)) {
      start = i--;
      issuerLines++;
      continue;
    }
    // lines wrapped under a "V/v" subject: find the V/v line a few lines up
    if (issuerLines === 0 && isWrappedSubject(line)) {
      let k = i - 1;
      let steps = 0;
      while (k > floor && steps < 5) {
        const above = lines[k]!.trim();
        if (above.length > 0) {
          if (VV_START.test(foldChars(above))) break;
          if (!isWrappedSubject(above) || /[.;:]$/.test(above)) {
            k = floor;
            break;
          }
          steps++;
        }
        k--;
      }
      if (k > floor && steps < 5) {
        start = k;
        i = k - 1;
        continue;
      }
    }
    break;
  }
  return start;
}
