/**
 * The signature block: authority word (TM., KT., Q., TL., TUQ.; Party "T/M", "K/T"), the body
 * or office it signs for, the signer's own position line and the name below the signature.
 */
import type { TSigner, TSignerAuthority } from '../../contracts/plan-extract.ts';
import { foldChars } from '../../domain/fold-text.ts';
import { isMostlyUpper } from './normalize-text.ts';

const AUTHORITY =
  /(?:^|[\s;:])(T\.?\s?\/?\s?M|K\.?\s?\/?\s?T|TUQ|T\.U\.Q|TL|T\/L|Q)\s?[.:]?\s+(\p{Lu}[\p{Lu}\s,.&-]{2,80})$/u;

function authorityOf(raw: string): TSignerAuthority | null {
  const key = raw.replace(/[\s./]/g, '').toUpperCase();
  if (key === 'TM') return 'TM.';
  if (key === 'KT') return 'KT.';
  if (key === 'TUQ') return 'TUQ.';
  if (key === 'TL') return 'TL.';
  if (key === 'Q') return 'Q.';
  return null;
}

// positions that sign without an authority word
const POSITIONS =
  /^(?:pho )?(?:chu tich|giam doc|bi thu|truong ban|chanh van phong|bo truong|thu truong|truong phong|tong giam doc|chu nhiem|vien truong|hieu truong|cuc truong|vu truong|truong doan|thu tuong|tong bi thu|thu truong co quan|truong khoa|chanh an|vien truong)$/;

// a police or army signer's rank comes before the name (Decree 30/2020, Appendix I; "Thượng tướng
// Nguyễn Văn Long", "Thiếu tướng Trương Minh Đương")
const RANK = /^(?:(?:Đại|Thượng|Trung|Thiếu)\s(?:tướng|tá|úy|uý)\s+)?/u;
const NAME = /^(?:\p{Lu}[\p{Ll}]{0,7})(?:\s+\p{Lu}[\p{Ll}]{0,7}){1,5}$/u;
const NOT_NAME = /^(?:noi nhan|kinh gui|cong hoa|doc lap|nhu tren|luu)/;

// surnames that open a second name on a line holding two ("Đặng Thị Hà Hoàng Minh Dương")
const SURNAMES = new Set(
  'nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly dinh doan trinh luong mai cao ta lam ha tong chu quach thai kieu la vuong khuc nong lo lu trieu'.split(
    ' ',
  ),
);

/**
 * Two signers side by side — the head and the union chair under a conference's resolution, a joint
 * (liên tịch) paper — lose their column gap in text: "CHỦ TỊCH CÔNG ĐOÀN HIỆU TRƯỞNG" over "Đặng
 * Thị Hà Hoàng Minh Dương". The right-hand signer (Decree 30's place of the signature) is read:
 * the position ending the line, the name opened by the last surname.
 */
export function rightHandSigner(titleLine: string, nameLine: string): { title: string; name: string } | null {
  const words = titleLine.trim().split(/\s+/);
  let title: string | null = null;
  for (let k = 2; k < words.length - 1 && title === null; k++) {
    const right = words.slice(k).join(' ');
    const left = foldChars(words.slice(0, k).join(' '));
    if (
      POSITIONS.test(foldChars(right)) &&
      /^(?:pho )?(?:chu tich|giam doc|bi thu|truong ban|hieu truong|thu truong)\b/.test(left)
    )
      title = right;
  }
  const names = nameLine.trim().split(/\s+/);
  if (!title || names.length < 4 || names.length > 8) return null;
  for (let k = names.length - 2; k >= 2; k--) {
    if (!SURNAMES.has(foldChars(names[k]!))) continue;
    const name = names.slice(k).join(' ');
    if (looksLikePersonName(name) && looksLikePersonName(names.slice(0, k).join(' '))) return { title, name };
  }
  return null;
}

export function looksLikePersonName(line: string): boolean {
  const text = line.replace(/^\(?(?:đã ký|da ky)\)?\s*/i, '').trim();
  const name = text.replace(RANK, '');
  return name.length <= 40 && NAME.test(name) && !NOT_NAME.test(foldChars(name));
}

/**
 * Finds the signature block in lines [from, to); `from` is where the body ends (the block
 * follows the closing paragraph or sits beside "Nơi nhận").
 */
export function extractSigner(
  lines: readonly string[],
  from: number,
  to: number,
): { signer: TSigner; line: number } | null {
  for (let i = Math.max(0, from); i < to; i++) {
    const line = lines[i]!.trim();
    if (line.length === 0 || line.length > 140) continue;
    const m = AUTHORITY.exec(line);
    const folded = foldChars(line);
    let authority: TSignerAuthority | null = null;
    let onBehalfOf: string | null = null;
    let title: string | null = null;
    if (m) {
      authority = authorityOf(m[1]!);
      onBehalfOf = m[2]!.replace(/[\s,.]+$/, '').trim();
      if (!authority || onBehalfOf.length < 2) continue;
    } else if (POSITIONS.test(folded.replace(/[.:]+$/, '')) && isMostlyUpper(line)) {
      title = line.replace(/[.:]+$/, '');
    } else if (isMostlyUpper(line) && i + 1 < to) {
      const pair = rightHandSigner(line, lines[i + 1]!);
      if (!pair) continue;
      return { signer: { authority: null, on_behalf_of: null, title: pair.title, name: pair.name }, line: i };
    } else {
      continue;
    }
    let name: string | null = null;
    let seen = 0;
    for (let k = i + 1; k < Math.min(to, i + 14) && seen < 6; k++) {
      const next = lines[k]!.trim();
      if (next.length === 0) continue;
      seen++;
      if (/^[-–+•]/.test(next)) {
        // two columns flattened: "- Bộ Y tế; PHÓ CHỦ TỊCH" carries the position after the ";"
        const tail = next.slice(next.lastIndexOf(';') + 1).trim();
        if (
          authority &&
          next.includes(';') &&
          isMostlyUpper(tail) &&
          /\S\s+\S/.test(tail) &&
          !AUTHORITY.test(` ${tail}`)
        ) {
          title = tail.replace(/[.:]+$/, '');
        }
        continue;
      }
      // "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH": the second authority line is
      // not the signer's position
      if (title === null && authority && seen <= 2 && AUTHORITY.test(` ${next}`)) continue;
      if (
        title === null &&
        authority &&
        isMostlyUpper(next) &&
        next.length <= 80 &&
        seen <= 2 &&
        !/\d/.test(next)
      ) {
        const stamped = /^(?:\(.*\)|\[.*\])$/.test(next);
        if (!stamped && !looksLikePersonName(next)) {
          title = next.replace(/[.:]+$/, '');
          continue;
        }
      }
      if (looksLikePersonName(next)) {
        name = next.replace(/^\(?(?:đã ký|Đã ký)\)?\s*/, '').trim();
        break;
      }
    }
    return { signer: { authority, on_behalf_of: onBehalfOf, title, name }, line: i };
  }
  return null;
}
