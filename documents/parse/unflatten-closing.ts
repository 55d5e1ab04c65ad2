/**
 * The closing of a Decree 30 document is two columns: "Nơi nhận:" with its list on the left, the
 * signature block on the right (authority, body, position, name). Copied from the web or a PDF
 * it is often flattened: the two cells of one table row on one line
 * ("| Nơi nhận: - A; - B. | KT. BỘ TRƯỞNG THỨ TRƯỞNG Lê Tấn Dũng |"), or the whole block on
 * one line with what follows it ("TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Hữu Tháp
 * CHƯƠNG TRÌNH …"). Such lines are given back the lines of the page.
 */
import { foldChars } from '../../domain/fold-text.ts';

const NOI_NHAN_START = /^\|?\s*n[oơ]i nh[aậ]n\s*:/iu;
const AUTHORITY_TOKEN = /^(?:TM|KT|TL|TUQ|Q|T\/M|K\/T|T\/L)\.?$/u;
// positions of a signer, as the last upper-case words before the name
const POSITION =
  /^(?:pho )?(?:chu tich|giam doc|bi thu|truong ban|chanh van phong|bo truong|thu truong|truong phong|tong giam doc|chu nhiem|vien truong|hieu truong|cuc truong|vu truong|truong doan|thu tuong|tong bi thu|chanh an|tong kiem toan nha nuoc|chanh thanh tra|tong thu ky|thu ky)$/;
const UPPER_WORD = /^[\p{Lu}][\p{Lu}\-,.&()]*$/u;
const NAME_WORD = /^\p{Lu}\p{Ll}{0,7}$/u;
const RANKS = /^(?:thieu|trung|thuong|dai) (?:tuong|ta|uy)$/;

/** Splits the upper-case run of a signature block into its lines: authority + body, position. */
function signatureLines(words: readonly string[]): string[] {
  const out: string[] = [];
  let current: string[] = [];
  for (const w of words) {
    if (AUTHORITY_TOKEN.test(w) && current.length > 0) {
      out.push(current.join(' '));
      current = [];
    }
    current.push(w);
  }
  if (current.length > 0) out.push(current.join(' '));
  // the last group: "KT. CHỦ TỊCH PHÓ CHỦ TỊCH" → "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH"
  const last = out.at(-1)!.split(' ');
  const start = AUTHORITY_TOKEN.test(last[0]!) ? 1 : 0;
  for (let k = start + 1; k < last.length; k++) {
    if (POSITION.test(foldChars(last.slice(k).join(' ')))) {
      out[out.length - 1] = last.slice(0, k).join(' ');
      out.push(last.slice(k).join(' '));
      break;
    }
  }
  return out;
}

/**
 * A signature block flattened at the start of `text`: its lines and what follows, or null.
 * It starts with an authority word or a position and ends with a person's name.
 */
export function splitFlatSignature(text: string): string[] | null {
  const words = text.trim().split(/\s+/);
  if (words.length < 3) return null;
  const startsWithAuthority = AUTHORITY_TOKEN.test(words[0]!);
  let upper = 0;
  while (upper < words.length && UPPER_WORD.test(words[upper]!)) upper++;
  if (upper === 0 || upper >= words.length) return null;
  const run = words.slice(0, upper);
  const folded = foldChars(run.join(' '));
  if (!startsWithAuthority && !POSITION.test(folded)) return null;
  // a rank before the name stays with it ("Thiếu tướng Trương Minh Đương")
  const nameStart = upper;
  let nameEnd = nameStart;
  if (RANKS.test(foldChars(words.slice(nameStart, nameStart + 2).join(' ')))) nameEnd += 2;
  while (nameEnd < words.length && nameEnd - nameStart < 7 && NAME_WORD.test(words[nameEnd]!)) nameEnd++;
  const nameWords =
    nameEnd - nameStart - (RANKS.test(foldChars(words.slice(nameStart, nameStart + 2).join(' '))) ? 2 : 0);
  if (nameWords < 2 || nameWords > 5) return null;
  // the name ends the block: what follows is a new block (upper case) or nothing
  const after = words[nameEnd];
  if (after !== undefined && !UPPER_WORD.test(after) && !/^[([]/.test(after)) return null;
  const out = [...signatureLines(run), words.slice(nameStart, nameEnd).join(' ')];
  const rest = words.slice(nameEnd).join(' ');
  if (rest.length > 0) out.push('', rest);
  return out;
}

/** "Nơi nhận: - A; - B; - Lưu: VT." → its label and one line an item. */
export function splitFlatRecipients(text: string): string[] {
  const body = text.replace(NOI_NHAN_START, '').trim();
  // "- Văn phòng Chính phủ; (để báo cáo) - Bộ Y tế": a bracketed purpose closes its item too
  const items = body.split(/(?<=[;.,)])\s*[-–]\s+|^[-–]\s+/u).filter((s) => s.trim().length > 0);
  return ['Nơi nhận:', ...items.map((s) => `- ${s.trim()}`)];
}

/** The lines, with flattened closings given their lines back. */
export function unflattenClosing(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const t = line.trim();
    if (/^\|\s*k[ií]nh g[uử]i\s*:?\s*\|/iu.test(t)) {
      // "| Kính gửi: | - A; - B; |": the label and its list, one line
      out.push(
        `Kính gửi: ${t
          .replace(/^\|\s*k[ií]nh g[uử]i\s*:?\s*\|/iu, '')
          .replace(/\|\s*$/, '')
          .trim()}`,
      );
      continue;
    }
    if (NOI_NHAN_START.test(t) && t.startsWith('|') && /\s[-–]\s/.test(t)) {
      // one table row: the recipients' cell, then the signature's
      const cells = t
        .replace(/^\|/, '')
        .replace(/\|\s*$/, '')
        .split('|')
        .map((c) => c.trim())
        .filter((c) => c.length > 0);
      out.push(...splitFlatRecipients(cells[0]!), '');
      for (const cell of cells.slice(1)) out.push(...(splitFlatSignature(cell) ?? [cell]), '');
      continue;
    }
    if (/^\|.*\|$/.test(t)) {
      // "|  | KT. BỘ TRƯỞNG THỨ TRƯỞNG Bùi Hồng Lĩnh |": a table row whose one filled cell is the
      // signature (the recipients' cell left empty)
      const filled = t
        .slice(1, -1)
        .split('|')
        .map((c) => c.trim())
        .filter((c) => c.length > 0);
      const split = filled.length === 1 ? splitFlatSignature(filled[0]!) : null;
      if (split && split.length > 2) {
        out.push(...split);
        continue;
      }
    }
    if (
      t.length > 12 &&
      t.length < 4000 &&
      /^(?:TM|KT|TL|TUQ|Q|T\/M|K\/T)\.?\s\p{Lu}|^(?:PHÓ |P\. )?[\p{Lu}]{2,}/u.test(t)
    ) {
      const split = splitFlatSignature(t);
      if (split && split.length > 2) {
        out.push(...split);
        continue;
      }
    }
    out.push(line);
  }
  return out;
}
