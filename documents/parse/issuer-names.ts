/**
 * Names of issuing bodies: abbreviations spelled out, upper-case header lines given the usual
 * casing, and the body inferred from a symbol's issuer code ("KH-LĐLĐ" + "Lai Châu").
 */
import { foldChars, foldText } from '../../domain/fold-text.ts';

// spelled out because headers abbreviate what the body writes in full
const ABBREVIATIONS: [RegExp, string][] = [
  [/\bUBND\b/g, 'Ủy ban nhân dân'],
  [/\bHĐND\b/g, 'Hội đồng nhân dân'],
  [/\bLĐLĐ\b/g, 'Liên đoàn Lao động'],
  [/\bTLĐ\b/g, 'Tổng Liên đoàn Lao động'],
  [/\bTLĐLĐ\b/g, 'Tổng Liên đoàn Lao động'],
  [/\bCĐ\b/g, 'Công đoàn'],
];

export function expandAbbreviations(text: string): string {
  return ABBREVIATIONS.reduce((t, [re, full]) => t.replace(re, full), text);
}

// lower-case phrases of organisation names and how they are written
const CASED_PHRASES: [string, string][] = [
  ['tổng liên đoàn lao động', 'Tổng Liên đoàn Lao động'],
  ['liên đoàn lao động', 'Liên đoàn Lao động'],
  ['ủy ban nhân dân', 'Ủy ban nhân dân'],
  ['uỷ ban nhân dân', 'Ủy ban nhân dân'],
  ['hội đồng nhân dân', 'Hội đồng nhân dân'],
  ['ban thường vụ', 'Ban Thường vụ'],
  ['ban chấp hành', 'Ban Chấp hành'],
  ['ban chỉ đạo', 'Ban Chỉ đạo'],
  ['đoàn chủ tịch', 'Đoàn Chủ tịch'],
  ['thương binh và xã hội', 'Thương binh và Xã hội'],
  ['việt nam', 'Việt Nam'],
  ['trung ương', 'Trung ương'],
  ['chính phủ', 'Chính phủ'],
  ['tỉnh ủy', 'Tỉnh ủy'],
  ['tỉnh uỷ', 'Tỉnh ủy'],
  ['thành ủy', 'Thành ủy'],
  ['huyện ủy', 'Huyện ủy'],
  ['đảng ủy', 'Đảng ủy'],
  ['mặt trận tổ quốc', 'Mặt trận Tổ quốc'],
];

const PLACE_WORDS = new Set(['tinh', 'huyen', 'quan', 'xã', 'phuong', 'pho', 'tran']);
const KEEP_UPPER = /^(?:[A-ZĐ]{2,}|TP\.?|[A-ZĐ]+\.[A-ZĐ.]*)$/;

/** "VĂN PHÒNG UBND TỈNH KIÊN GIANG" → "Văn phòng Ủy ban nhân dân tỉnh Kiên Giang". */
export function caseOrganisationName(upper: string): string {
  const expanded = expandAbbreviations(upper.replace(/\s+/g, ' ').trim());
  const words = expanded.split(' ');
  const out: string[] = [];
  let properName = false;
  words.forEach((word, i) => {
    // abbreviations without vowels stay as written (CĐCS, VKSND)
    if (KEEP_UPPER.test(word) && !/[AEIOUYĂÂÊÔƠƯÁÀẢÃẠ]/.test(word.replace(/^TP\.?$/, 'X'))) {
      out.push(word);
      return;
    }
    const lower = word.toLocaleLowerCase('vi');
    if (i === 0 || properName) out.push(lower.charAt(0).toLocaleUpperCase('vi') + lower.slice(1));
    else out.push(lower);
    if (PLACE_WORDS.has(lower === 'xã' ? lower : foldChars(lower))) properName = true;
  });
  let text = out.join(' ');
  for (const [phrase, cased] of CASED_PHRASES) {
    const at = text.toLocaleLowerCase('vi').indexOf(phrase);
    if (at >= 0) text = text.slice(0, at) + cased + text.slice(at + phrase.length);
  }
  return text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);
}

/**
 * The source's own mixed-case spelling of `name` when the text writes it somewhere (the
 * header is upper case, the body usually is not), else null.
 */
export function findMixedCaseSpelling(
  name: string,
  text: string,
  foldedText = foldChars(text),
): string | null {
  const key = foldText(name);
  if (key.length < 6) return null;
  let from = 0;
  for (let guard = 0; guard < 50; guard++) {
    const at = foldedText.indexOf(key, from);
    if (at < 0) return null;
    const candidate = text.slice(at, at + key.length);
    const before = foldedText[at - 1];
    const after = foldedText[at + key.length];
    const bounded =
      (before === undefined || !/[a-z0-9]/.test(before)) && (after === undefined || !/[a-z0-9]/.test(after));
    if (bounded && /\p{Ll}/u.test(candidate)) return candidate;
    from = at + 1;
  }
  return null;
}

const CITIES = new Set(['ha noi', 'ho chi minh', 'hai phong', 'da nang', 'can tho', 'hue']);

/** "tỉnh X" or "thành phố X" for a province-level place name. */
export function provinceLevelName(place: string): string {
  const key = foldText(place).replace(/^(?:tp\.?|thanh pho|tinh)\s+/, '');
  return `${CITIES.has(key) ? 'thành phố' : 'tỉnh'} ${place.replace(/^(?:TP\.?|Thành phố|Tỉnh)\s+/i, '')}`;
}

// issuer codes of symbols ("72/KH-LĐLĐ" → LĐLĐ) and the body they name
const SYMBOL_ISSUERS: [RegExp, (place: string | null) => string | null][] = [
  [/^(?:ldld|lpld|lbld|ldlp)$/, (p) => (p ? `Liên đoàn Lao động ${provinceLevelName(p)}` : null)],
  [/^(?:ubnd)$/, (p) => (p ? `Ủy ban nhân dân ${provinceLevelName(p)}` : null)],
  [/^(?:hdnd)$/, (p) => (p ? `Hội đồng nhân dân ${provinceLevelName(p)}` : null)],
  [/^(?:tld|tldld)$/, () => 'Tổng Liên đoàn Lao động Việt Nam'],
  [/^(?:tu)$/, (p) => (p ? `Tỉnh ủy ${p}` : null)],
  [/^(?:tw)$/, () => 'Ban Chấp hành Trung ương'],
  [/^(?:ttg)$/, () => 'Thủ tướng Chính phủ'],
  [/^(?:cp)$/, () => 'Chính phủ'],
];

/** The issuing body a symbol's issuer code names, qualified by the place of issue. */
export function issuerFromSymbol(symbol: string, place: string | null): string | null {
  const folded = foldChars(symbol).replace(/\s+/g, '');
  // state style 72/KH-LĐLĐ: code after the dash; Party style 28-CT/TW: after the slash
  const m =
    /^\d+[a-z]?(?:\/\d{4})?\/[a-z]+-([a-z&]+)/.exec(folded) ?? /^\d+[a-z]?-[a-z]+\/([a-z&]+)/.exec(folded);
  if (!m) return null;
  const code = m[1]!;
  for (const [re, build] of SYMBOL_ISSUERS) if (re.test(code)) return build(place);
  return null;
}
