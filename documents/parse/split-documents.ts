/**
 * One file may hold several documents (a dispatch forwarding a ministry's letter, say). Each
 * document of the Decree 30 layout opens with the national motto — or the Party's name — at the
 * top right; a new document starts with the issuing body's lines just above that motto.
 * Appendices (phụ lục) have no motto of their own and stay with the document they follow.
 */
import { foldText, isMostlyUpper } from './normalize-text.ts';

const MOTTO =
  /cong\s*h[o0]a\s*xa\s*h[o0]i\s*chu\s*ngh[il1]a|dang\s*cong\s*san\s*viet\s*nam|doc\s*lap\s*-?\s*tu\s*do\s*-?\s*hanh\s*phuc/;

/** True for a line that is (mostly) the national motto, the Party's name or "Độc lập - Tự do". */
export function isMottoLine(line: string): boolean {
  if (line.length > 160) return false;
  return MOTTO.test(foldText(line));
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

// Walks back from the motto over the issuing body's upper-case lines (at most 4).
function headerStart(lines: readonly string[], motto: number, floor: number): number {
  let start = motto;
  let taken = 0;
  for (let i = motto - 1; i > floor && taken < 4; i--) {
    const line = lines[i]!.trim();
    if (line.length === 0) continue;
    if (!isMostlyUpper(line) || line.length > 90 || /\d{2}/.test(line)) break;
    start = i;
    taken++;
  }
  return start;
}
