/**
 * "Nơi nhận:" — one recipient a line, without the leading "-" and the closing ";" or ".".
 * Two-column layouts put the signature block on the same lines; that part is cut off.
 */

import { foldChars } from '../../domain/fold-text.ts';
import { isMostlyUpper, trimListItem } from './normalize-text.ts';

// a list dash, and what OCR makes of it on a scan (~, —, =)
const BULLET = /^[-–—+•~=]\s?/;
const NOI_NHAN = /(?:^|\s)n[o0]i\s?nh[a-z]{1,2}n\s*:?/;
const SIGNER_TAIL = /[;.]?\s+(?:T\.?\/?M|K\.?\/?T|TUQ|TL|Q)\.?\s+\p{Lu}{2}.*$/u;

/** Index of the "Nơi nhận" line in [from, to), or -1. */
export function findRecipientsLine(lines: readonly string[], from = 0, to = lines.length): number {
  for (let i = from; i < to; i++) {
    const line = lines[i]!;
    if (line.length > 200) continue;
    const folded = foldChars(line.trim());
    if (NOI_NHAN.test(folded) && NOI_NHAN.exec(folded)!.index <= 2) return i;
  }
  return -1;
}

function cleanItem(raw: string): string {
  let item = raw.replace(BULLET, '').replace(SIGNER_TAIL, '');
  // OCR noise of a stamp after the closing ";": "Tỉnh ủy Lai Châu; : 3 [’"
  const last = item.lastIndexOf(';');
  if (last >= 0 && isMostlyUpper(item.slice(last + 1)) && /\S\s+\S/.test(item.slice(last + 1).trim())) {
    item = item.slice(0, last);
  }
  const semi = item.indexOf(';');
  if (semi >= 0 && !/\p{L}{2}/u.test(item.slice(semi + 1))) item = item.slice(0, semi);
  return trimListItem(item);
}

/** The recipients listed from the "Nơi nhận" line `at`. */
export function extractRecipients(lines: readonly string[], at: number, to = lines.length): string[] {
  if (at < 0) return [];
  const items: string[] = [];
  const first = lines[at]!.trim();
  const afterLabel = first.replace(/^.*?n[oơ0]i\s?nh[^\s:]{1,3}n\s*:?\s*/i, '');
  if (BULLET.test(afterLabel)) items.push(afterLabel);
  let blanks = 0;
  for (let i = at + 1; i < Math.min(to, at + 60); i++) {
    const line = lines[i]!.trim();
    if (line.length === 0) {
      blanks++;
      if (blanks > 2) break;
      continue;
    }
    const prevOpen = items.length > 0 && !/[;.]\s*$/.test(items.at(-1)!.replace(SIGNER_TAIL, ''));
    if (BULLET.test(line)) {
      items.push(line);
    } else if (prevOpen && !isMostlyUpper(line) && !/^(?:kt|tm|tl|q)\./i.test(line) && line.length < 120) {
      // an item wrapped onto a line without a dash of its own (never the signature's upper-case lines)
      items[items.length - 1] = `${items.at(-1)!.replace(SIGNER_TAIL, '')} ${line}`;
    } else if (items.length === 0 && line.length < 100 && !isMostlyUpper(line) && /[;.]$/.test(line)) {
      items.push(line);
    } else {
      break;
    }
    blanks = 0;
  }
  return items.map(cleanItem).filter((item) => item.length > 1);
}
