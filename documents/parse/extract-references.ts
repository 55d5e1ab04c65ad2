/**
 * Every other document the text names by number and symbol ("Kế hoạch số 134/KH-LĐLĐ ngày
 * 23/8/2021 của Liên đoàn Lao động tỉnh Thái Bình", Party style "Chỉ thị 28-CT/TW").
 * `basis` when it stands in the title or the opening "Căn cứ…/Thực hiện…" paragraphs.
 */
import type { TReference } from '../../contracts/plan-extract.ts';
import { foldChars } from '../../domain/fold-text.ts';
import { kindFromSymbol } from './extract-header.ts';
import { readDateAtStart } from './vietnamese-dates.ts';

// number (7c, 145/2020), then an upper-case code chain: /KH-LĐLĐ, -CT/TW, /2020/NĐ-CP, /QH13
const SYMBOL =
  /(?<![\p{L}\d/.-])(\d{1,5}[a-zđ]?)(\/(?:19|20)\d{2})?\s?([/-])\s?([\p{Lu}][\p{L}\d&]{0,11}(?:\s?[-/]\s?[\p{Lu}][\p{L}\d&.]{0,14}){0,5})/gu;

// type words before a symbol (folded, OCR-tolerant) and their codes
const TYPE_WORDS: [RegExp, string][] = [
  [/chuong trinh hanh dong$/, 'CTr'],
  [/chuong trinh$/, 'CTr'],
  [/ke ho[a-z]ch$/, 'KH'],
  [/cong van$/, 'CV'],
  [/quyet d[i1]nh$/, 'QĐ'],
  [/chi th[ij1]$/, 'CT'],
  [/nghi quyet$/, 'NQ'],
  [/nghi dinh$/, 'NĐ'],
  [/thong tu lien tich$/, 'TTLT'],
  [/thong tu$/, 'TT'],
  [/huong dan$/, 'HD'],
  [/bao cao$/, 'BC'],
  [/thong bao$/, 'TB'],
  [/thong tri$/, 'TT'],
  [/ket luan$/, 'KL'],
  [/to trinh$/, 'TTr'],
  [/quy dinh$/, 'QyĐ'],
  [/quy che$/, 'QC'],
  [/de an$/, 'ĐA'],
  [/cong dien$/, 'CĐ'],
  [/\bluat(?:,?\s[a-z]+){0,9}$/, 'Luật'],
  [/van ban$/, 'CV'],
];

const ISSUER_STOP =
  /\s(?:ve|v\/v|phe duyet|ban hanh|thuc hien|trien khai|huong dan|quy dinh|de nghi|gui|nay|da|tai|cho|trong|nham|va ke|va chi|va nghi|va quyet)(?=\s|$)|[,;:().]|$/;

export interface ReferenceSource {
  text: string;
  /** mentions in this text implement the document (title, opening clauses) */
  basis: boolean;
}

/** References named in the texts, once per symbol, skipping the document's own symbol. */
export function extractReferences(
  sources: readonly ReferenceSource[],
  ownSymbol: string | null,
): TReference[] {
  const out: TReference[] = [];
  const seen = new Map<string, TReference>();
  const own = ownSymbol ? symbolKey(ownSymbol) : null;
  for (const { text, basis } of sources) {
    const folded = foldChars(text);
    for (const m of text.matchAll(SYMBOL)) {
      const at = m.index;
      // a sentence's full stop is not part of the symbol ("… số 16/2006/TTLT/BLĐTBXH-BGD-ĐT-BTC./.")
      const symbol = m[0].replace(/\s+/g, '').replace(/\.+$/, '');
      const before = folded.slice(Math.max(0, at - 50), at).replace(/\s+$/, '');
      // "Kế hoạch số", "Chỉ thị s6", "Nghị quyết" right before the symbol
      const typeHead = before.replace(/\s*(?:s[o0-9b]|so|sô)?\s*:?$/, '').trim();
      let typeKind: string | null = null;
      for (const [re, code] of TYPE_WORDS) {
        if (re.test(typeHead)) {
          typeKind = code;
          break;
        }
      }
      const codeKind = kindFromSymbol(symbol);
      if (!typeKind && !codeKind) continue;
      const key = symbolKey(symbol);
      if (key === own) continue;
      const afterFolded = folded.slice(at + m[0].length, at + m[0].length + 160);
      const date = readDateAtStart(afterFolded.replace(/^\s*,?\s*(?:ban hanh\s*)?/, ''));
      const issuer = readIssuer(text.slice(at + m[0].length, at + m[0].length + 160), afterFolded);
      const existing = seen.get(key);
      if (existing) {
        if (basis) existing.relation = 'basis';
        existing.date ??= date;
        existing.issuer ??= issuer;
        continue;
      }
      const ref: TReference = {
        kind: typeKind ?? codeKind,
        symbol,
        date,
        issuer,
        relation: basis ? 'basis' : 'cited',
      };
      seen.set(key, ref);
      out.push(ref);
    }
  }
  return out;
}

export function symbolKey(symbol: string): string {
  return foldChars(symbol).replace(/[^a-z0-9/-]/g, '');
}

// "… ngày 23/8/2021 của Liên đoàn Lao động tỉnh Thái Bình về …" → the body after "của"
function readIssuer(after: string, afterFolded: string): string | null {
  const m = /^[^;()]{0,40}?\s(?:cua|c[a-z]{1,2}a)\s+/.exec(afterFolded);
  if (!m) return null;
  const rest = afterFolded.slice(m[0].length);
  const stop = ISSUER_STOP.exec(rest);
  const end = stop ? stop.index : rest.length;
  const issuer = after
    .slice(m[0].length, m[0].length + end)
    .replace(/\s+/g, ' ')
    .trim();
  if (issuer.length < 3 || !/^\p{Lu}/u.test(issuer)) return null;
  return issuer;
}
