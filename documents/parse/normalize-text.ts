/**
 * Text clean-up shared by every extractor: Unicode NFC, legacy TCVN3 (ABC) conversion, markdown
 * and layout noise removal, and a length-preserving "folded" form used for matching rules while
 * the output keeps the source's own words.
 */

// TCVN3 (ABC, fonts .VnTime…) puts Vietnamese letters on Latin-1 code points.
const TCVN3_TO_UNICODE: Record<string, string> = {
  µ: 'à',
  '¶': 'ả',
  '·': 'ã',
  '¸': 'á',
  '¹': 'ạ',
  '¨': 'ă',
  '»': 'ằ',
  '¼': 'ẳ',
  '½': 'ẵ',
  '¾': 'ắ',
  Æ: 'ặ',
  '©': 'â',
  Ç: 'ầ',
  È: 'ẩ',
  É: 'ẫ',
  Ê: 'ấ',
  Ë: 'ậ',
  '®': 'đ',
  Ì: 'è',
  Î: 'ẻ',
  Ï: 'ẽ',
  Ð: 'é',
  Ñ: 'ẹ',
  ª: 'ê',
  Ò: 'ề',
  Ó: 'ể',
  Ô: 'ễ',
  Õ: 'ế',
  Ö: 'ệ',
  '×': 'ì',
  Ø: 'ỉ',
  Ü: 'ĩ',
  Ý: 'í',
  Þ: 'ị',
  ß: 'ò',
  á: 'ỏ',
  â: 'õ',
  ã: 'ó',
  ä: 'ọ',
  '«': 'ô',
  å: 'ồ',
  æ: 'ổ',
  ç: 'ỗ',
  è: 'ố',
  é: 'ộ',
  '¬': 'ơ',
  ê: 'ờ',
  ë: 'ở',
  ì: 'ỡ',
  í: 'ớ',
  î: 'ợ',
  ï: 'ù',
  ñ: 'ủ',
  ò: 'ũ',
  ó: 'ú',
  ô: 'ụ',
  '\u00ad': 'ư',
  õ: 'ừ',
  ö: 'ử',
  '÷': 'ữ',
  ø: 'ứ',
  ù: 'ự',
  ú: 'ỳ',
  û: 'ỷ',
  ü: 'ỹ',
  þ: 'ỵ',
  '¡': 'Ă',
  '¢': 'Â',
  '£': 'Ê',
  '¤': 'Ô',
  '¥': 'Ơ',
  '¦': 'Ư',
  '§': 'Đ',
};

// Characters that only TCVN3 text uses often (Vietnamese Unicode text never needs them).
// (not é, ó, á…: OCR of Vietnamese without its fonts produces those too)
const TCVN3_SIGNS = /[µ¶·¸¹¨»¼½¾©®ª«¬§¡¢£¤¥¦ßÜÖËØ×Þ÷þ]/g;
const UNICODE_VIETNAMESE = /[\u1ea0-\u1ef9đĐơƠưƯ]/g;

/** True when the text looks like TCVN3 bytes read as Latin-1 (e.g. "Céng hßa x· héi"). */
export function looksLikeTcvn3(text: string): boolean {
  const sample = text.length > 200_000 ? text.slice(0, 200_000) : text;
  const found = sample.match(TCVN3_SIGNS) ?? [];
  const unicode = sample.match(UNICODE_VIETNAMESE)?.length ?? 0;
  // real TCVN3 text uses many different signs; OCR noise repeats one ("¢6" for "có")
  return new Set(found).size >= 3 && found.length > unicode * 4;
}

export function convertTcvn3(text: string): string {
  let out = '';
  for (const ch of text) out += TCVN3_TO_UNICODE[ch] ?? ch;
  return out;
}

// VNI (VNI-Windows fonts) writes a letter as its base vowel followed by mark characters taken
// from Latin-1: "Vieät Nam" = "Việt Nam", "ñ" = đ, "ô"/"ö" = ơ/ư, "í ì æ ó ò" = the i forms.
const ACUTE = '\u0301';
const GRAVE = '\u0300';
const HOOK = '\u0309';
const TILDE = '\u0303';
const DOT = '\u0323';
const CIRC = '\u0302';
const BREVE = '\u0306';
const HORN = '\u031b';
const VNI_TONES: Record<string, string> = { ù: ACUTE, ø: GRAVE, û: HOOK, õ: TILDE, ï: DOT };
const VNI_CIRCUMFLEX: Record<string, string> = {
  â: CIRC,
  á: CIRC + ACUTE,
  à: CIRC + GRAVE,
  å: CIRC + HOOK,
  ã: CIRC + TILDE,
  ä: CIRC + DOT,
};
const VNI_BREVE: Record<string, string> = {
  ê: BREVE,
  é: BREVE + ACUTE,
  è: BREVE + GRAVE,
  ú: BREVE + HOOK,
  ü: BREVE + TILDE,
  ë: BREVE + DOT,
};
const VNI_SINGLE: Record<string, string> = {
  ñ: 'đ',
  ô: `o${HORN}`,
  ö: `u${HORN}`,
  í: 'í',
  ì: 'ì',
  æ: 'ỉ',
  ó: 'ĩ',
  ò: 'ị',
  î: 'ỵ',
};

function vniMark(base: string, mark: string): string | null {
  const key = mark.toLowerCase();
  const b = base.toLowerCase();
  const horn = base === 'ô' || base === 'ö' || base === 'Ô' || base === 'Ö';
  if (horn) {
    const tone = VNI_TONES[key];
    return tone === undefined ? null : tone;
  }
  const tone = VNI_TONES[key];
  if (tone !== undefined && 'aeiouy'.includes(b)) return tone;
  if ((b === 'a' || b === 'e' || b === 'o') && VNI_CIRCUMFLEX[key] !== undefined) return VNI_CIRCUMFLEX[key]!;
  if (b === 'a' && VNI_BREVE[key] !== undefined) return VNI_BREVE[key]!;
  return null;
}

// marks that no NFC Vietnamese text contains (VNI and TCVN3 both use them)
const LEGACY_ONLY = /[øïûäåüëæîñöØÏÛÄÅÜËÆÎÑÖ]/g;
// signs of TCVN3 that VNI never writes
const TCVN3_ONLY = /[µ¶·¸¹¨»¼½¾©®ª«¬§¡¢£¤¥¦×Þ÷þß\u00ad]/g;

/** True when the text looks like VNI-Windows text read as Latin-1 ("Coäng hoøa xaõ hoäi"). */
export function looksLikeVni(text: string): boolean {
  const sample = text.length > 200_000 ? text.slice(0, 200_000) : text;
  const found = sample.match(LEGACY_ONLY) ?? [];
  if (new Set(found.map((c) => c.toLowerCase())).size < 3) return false;
  const tcvn3 = sample.match(TCVN3_ONLY)?.length ?? 0;
  const unicode = sample.match(UNICODE_VIETNAMESE)?.length ?? 0;
  // a VNI mark follows a vowel: "eä", "oø", "öô"; count those pairs
  const pairs = sample.match(/[aeiouyôöAEIOUYÔÖ][ùøûõïâáàåãäêéèúüëÙØÛÕÏÂÁÀÅÃÄÊÉÈÚÜË]/g)?.length ?? 0;
  return pairs >= 5 && tcvn3 * 10 < found.length && found.length + pairs > unicode * 4;
}

/** VNI → Unicode (NFC). */
export function convertVni(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    let base = ch;
    const lower = ch.toLowerCase();
    const single = VNI_SINGLE[lower];
    const upper = ch !== lower;
    if (single !== undefined) base = upper ? single.toUpperCase() : single;
    const next = text[i + 1];
    if (next !== undefined && ('aeiouyAEIOUY'.includes(ch) || 'ôöÔÖ'.includes(ch))) {
      const mark = vniMark(ch, next);
      if (mark !== null) {
        // a second tone after a circumflex/breve group is not VNI; one mark a letter
        out += base + mark;
        i++;
        continue;
      }
    }
    out += base;
  }
  return out.normalize('NFC');
}

const MARKDOWN_HEADING = /^ {0,3}#{1,6} /;
const BOOKMARK = /\[bookmark:[^\]]{0,200}\]/g;

/**
 * Turns raw extracted text into clean lines: NFC, no markdown emphasis or headings, no
 * zero-width characters, tabs and non-breaking spaces as spaces, trailing spaces removed.
 */
export function normalizeText(raw: string): string {
  let text = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (looksLikeVni(text)) text = convertVni(text);
  else if (looksLikeTcvn3(text)) text = convertTcvn3(text);
  text = text.normalize('NFC');
  text = text
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/[\u00a0\u2007\u202f\t\f\v]/g, ' ')
    .replace(BOOKMARK, '');
  // spaces are collapsed first so that no pattern below can backtrack over a long run of them
  const lines = text.split('\n').map((line) =>
    line
      .replace(/ {2,}/g, ' ')
      .replace(MARKDOWN_HEADING, '')
      .replace(/\*\*|__/g, '')
      .replace(/(^|[ (])\*(?=\S)([^*\n]{1,400}?)\*(?=$|[ ),.;:])/g, '$1$2')
      .trimEnd()
      .replace(/ \*$/, '')
      // emphasis spanning lines: "*V/v tăng cường …" / "… trên địa bàn Thành phố*"
      .replace(/^\*(?=[^\s*])/, '')
      .replace(/(?<=[^\s*])\*$/, ''),
  );
  return lines.join('\n');
}

/** Joins a wrapped line pair, removing a hyphenation break inside a symbol like "28-\nCT/TW". */
export function joinWrapped(parts: readonly string[]): string {
  return parts
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .join(' ')
    .replace(/ {2,}/g, ' ');
}

/** Removes the list punctuation a field value should not carry: leading dash, closing ; or . */
export function trimListItem(text: string): string {
  return text
    .replace(/^[\s\-–—+•*·]+/, '')
    .replace(/[\s;,.]+$/, '')
    .trim();
}

/** True when the letters of the text are mostly upper case (header lines, section headings). */
export function isMostlyUpper(text: string): boolean {
  let upper = 0;
  let lower = 0;
  for (const ch of text) {
    if (ch.toLowerCase() !== ch) upper++;
    else if (ch.toUpperCase() !== ch) lower++;
  }
  return upper >= 2 && upper >= lower * 3;
}
