/**
 * The header of a Decree 30 document: issuing body (top left, possibly flattened onto the
 * motto's line), "Số: 72/KH-LĐLĐ", "Lai Châu, ngày 10 tháng 5 năm 2024", the type name
 * (KẾ HOẠCH…), the subject line or "V/v …", and "Kính gửi:".
 */

import { foldChars } from '../../domain/fold-text.ts';
import { caseOrganisationName, findMixedCaseSpelling } from './issuer-names.ts';
import { isMostlyUpper, trimListItem } from './normalize-text.ts';
import { isoDate } from './vietnamese-dates.ts';

export interface DocumentHeader {
  kind: string | null;
  symbol: string | null;
  issuer: string | null;
  place: string | null;
  date: string | null;
  title: string | null;
  addressees: string[];
  /** index (within the document's lines) of the first line after the header */
  bodyStart: number;
}

// type names (folded) and their Decree 30 / Party codes, longest first
export const DOCUMENT_TYPES: [RegExp, string][] = [
  [/^chuong trinh hanh dong\b/, 'CTr'],
  [/^ke hoach lien tich\b/, 'KH'],
  [/^ke ho[a-z]ch\b/, 'KH'],
  [/^cong van\b/, 'CV'],
  [/^quyet d[i1]nh\b/, 'QĐ'],
  [/^chi th[ij1]\b/, 'CT'],
  [/^nghi quyet\b/, 'NQ'],
  [/^nghi dinh\b/, 'NĐ'],
  [/^thong tu\b/, 'TT'],
  [/^chuong trinh\b/, 'CTr'],
  [/^huong dan\b/, 'HD'],
  [/^bao c[a-z]o\b/, 'BC'],
  [/^thong bao\b/, 'TB'],
  [/^thong tri\b/, 'TT'],
  [/^to trinh\b/, 'TTr'],
  [/^ket luan\b/, 'KL'],
  [/^quy che\b/, 'QC'],
  [/^quy dinh\b/, 'QyĐ'],
  [/^de an\b/, 'ĐA'],
  [/^phuong an\b/, 'PA'],
  [/^giay moi\b/, 'GM'],
  [/^cong dien\b/, 'CĐ'],
  [/^bien ban\b/, 'BB'],
  [/^thong cao\b/, 'TC'],
  [/^lenh\b/, 'L'],
];

/** The type code of a folded type name at the start of `folded`, with the length matched. */
export function matchDocumentType(folded: string): { code: string; length: number } | null {
  for (const [re, code] of DOCUMENT_TYPES) {
    const m = re.exec(folded);
    if (m) return { code, length: m[0].length };
  }
  return null;
}

const KNOWN_CODES = new Set(DOCUMENT_TYPES.map(([, code]) => foldChars(code)));

/** The type code inside a symbol: "72/KH-LĐLĐ" → KH, "28-CT/TW" → CT, "5732/VP-KGVX" → null. */
export function kindFromSymbol(symbol: string): string | null {
  const compact = symbol.replace(/\s+/g, '');
  const m =
    /^\d+[a-zđ]?(?:\/\d{4})?\/([\p{L}]+)-/u.exec(compact) ?? /^\d+[a-zđ]?-([\p{L}]+)\//u.exec(compact);
  if (!m) return null;
  const code = foldChars(m[1]!);
  if (!KNOWN_CODES.has(code)) return null;
  for (const [, known] of DOCUMENT_TYPES) if (foldChars(known) === code) return known;
  return null;
}

const MOTTO_PARTS = [
  /c[o0]ng\s*h[o0]a\s*x[a-z]\s*h[o0]i\s*ch[a-z]\s*ngh[il1]a\s*vi[e-z]t\s*nam/,
  /dang\s*cong\s*san\s*viet\s*nam/,
  /d[o0]c\s*l[a-z]p\s*-?\s*t[uy]\s*do\s*-?\s*h[a-z]nh\s*ph[a-z]c/,
];
// "Số: 72/KH-LĐLĐ" — OCR reads "Số" as Sé, S6, Sb, So
// matched on the folded line; the `d` flag gives the span to cut from the source line
const SYMBOL_LINE =
  /(?:^|\s)s[o0-9a-z]?\s?:\s?([0-9…. ]{0,12}[/-]?\s?[a-z\d&]+(?:\s?[/-]\s?[a-z\d&.]+){0,4})|(?:^|\s)so\s(\d{1,5}[a-z]?\s?[/-]\s?[a-z&]+(?:\s?[/-]\s?[a-z\d&.]+){1,3})/d;
const DATE_LINE =
  /,?\s*ng[a-z]y\s*(\d{1,2}|[.…_ ]+)\s*th[a-z]ng\s*(\d{1,2}|[.…_ ]+)\s*n[a-z]m\s*((?:19|20)\d{2}|[.…_ ]+)/;

interface DateLine {
  line: number;
  place: string | null;
  date: string | null;
  /** where the place starts on the line, so the rest of the line can be read as header */
  cutFrom: number;
  cutTo: number;
}

function readDateLine(raw: string, index: number): DateLine | null {
  // a month or day typed with a space inside ("tháng 0 6 năm 2018")
  const line = raw.replace(/((?:ngày|tháng|ngay|thang)\s\d) (\d)(?=\s)/giu, '$1$2');
  const folded = foldChars(line);
  const m = DATE_LINE.exec(folded);
  if (!m) return null;
  // the place is the capitalised words just before ", ngày"
  const before = line.slice(0, m.index);
  const words = before.trimEnd().split(/\s+/);
  const placeWords: string[] = [];
  for (let k = words.length - 1; k >= 0 && placeWords.length < 5; k--) {
    const w = words[k]!;
    if (w.length === 0) continue;
    if (/[\d/:]/.test(w) || !/^[\p{Lu}]/u.test(w)) {
      if (/^(?:phố|thị|xã)$/.test(w) && placeWords.length > 0) {
        placeWords.unshift(w);
        continue;
      }
      break;
    }
    placeWords.unshift(w);
  }
  const place = placeWords.length > 0 ? placeWords.join(' ').replace(/[,.]+$/, '') : null;
  const date = isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
  const cutFrom = place ? before.lastIndexOf(placeWords[0]!) : m.index;
  return { line: index, place, date, cutFrom, cutTo: m.index + m[0].length };
}

/**
 * A place-and-date line wrapped in its cell: "Hà Nội, ngày 24" / "tháng 11 năm 2025". The first
 * part ends inside the date (after "ngày" or its day); the second carries the rest.
 */
function readSplitDateLine(lines: readonly string[], index: number): DateLine | null {
  const line = lines[index]!.trim();
  const folded = foldChars(line);
  if (!/(?:^|[\s,])ngay\b/.test(folded) || DATE_LINE.test(folded) || line.length > 120) return null;
  const next = lines[index + 1]?.trim() ?? '';
  if (!/^(?:ng[a-z]y|th[a-z]ng|n[a-z]m|\d)/.test(foldChars(next))) return null;
  const joined = readDateLine(`${line} ${next}`, index);
  if (!joined?.date) return null;
  // the cut applies to the first line only (the second is all date)
  return { ...joined, cutTo: line.length };
}

const BODY_START =
  /^(?:can cu|thuc hien|theo |nham |de |ngay \d|tren co so|qua |tiep (?:theo|tuc|nhan)|kinh gui|thi hanh|trien khai|chap hanh|sau khi|xet |vua qua|trong (?:thoi gian|nhung nam|nam)|uy ban|ban thuong vu|ban chap hanh|thuong truc)/;

function isTitleContinuation(
  prev: string,
  next: string,
  blankBetween: boolean,
  firstUpper: boolean,
): boolean {
  if (next.length > 220 || /^(?:[-–+•]|\d{1,2}[.)]\s|[IVX]+\.\s)/.test(next)) return false;
  const foldedNext = foldChars(next);
  // "Kính gửi", and a telegram's "THỦ TƯỚNG CHÍNH PHỦ điện:", open the addressees
  if (/^kinh gui/.test(foldedNext) || /\sdien\s*:\s*$/.test(foldedNext)) return false;
  // the place-date line or the "Số:" line of a one-row header table read after the subject
  if (DATE_LINE.test(foldedNext) || /^s[o0-9a-z]?\s?:\s?\d/.test(foldedNext)) return false;
  // the national motto or the Party's name (Decree 30, Party rules): the other header column
  if (/^(?:cong hoa xa hoi chu nghia viet nam|doc lap\s*-\s*tu do|dang cong san viet nam)/.test(foldedNext))
    return false;
  if (/^["“(]?\p{Ll}/u.test(next)) return true;
  if (firstUpper) return isMostlyUpper(next) && !blankBetween;
  if (BODY_START.test(foldedNext)) return false;
  if (isMostlyUpper(next)) return false;
  return !blankBetween && !/[.:;]$/.test(prev) && next.length <= 120;
}

/** Reads the header of one document's lines. */
export function extractHeader(lines: readonly string[], fullText: string): DocumentHeader {
  const limit = Math.min(lines.length, 60);
  let typeLine = -1;
  let kind: string | null = null;
  let titleStartText: string | null = null;
  let vvLine = -1;
  let dateLine: DateLine | null = null;
  let symbol: string | null = null;
  let symbolLine = -1;
  let kinhGui = -1;
  for (let i = 0; i < limit; i++) {
    const line = lines[i]!.trim();
    // header lines are short; a huge line is body text (and would only cost time here)
    if (line.length === 0 || line.length > 2000) continue;
    const folded = foldChars(line);
    if (typeLine < 0 && vvLine < 0 && line.length <= 200) {
      const type = matchDocumentType(folded);
      const head = line.slice(0, type?.length ?? 0);
      if (
        type &&
        isMostlyUpper(head) &&
        (line.length <= 40 || isMostlyUpper(line) || /^\s*[:\-–]?\s*\p{Lu}/u.test(line.slice(type.length)))
      ) {
        typeLine = i;
        kind = type.code;
        const rest = line.slice(type.length).replace(/^[\s:\-–]+/, '');
        titleStartText = rest.length > 0 ? rest : null;
        continue;
      }
    }
    if (vvLine < 0 && typeLine < 0 && /^(?:v\/v|v\.v|ve viec)\b/.test(folded)) vvLine = i;
    // a letter's subject written "Về …" right under its number
    if (vvLine < 0 && typeLine < 0 && symbolLine >= 0 && i === symbolLine + 1 && /^ve\s\p{L}/u.test(folded))
      vvLine = i;
    if (!dateLine && i < 40) {
      const d = readDateLine(line, i) ?? readSplitDateLine(lines, i);
      if (d && (d.date || d.place)) dateLine = d;
    }
    if (!symbol && i < 30 && (typeLine < 0 || i < typeLine)) {
      const m = SYMBOL_LINE.exec(folded.length > 300 ? folded.slice(0, 300) : folded);
      const span = m?.indices?.[1] ?? m?.indices?.[2];
      if (m && span) {
        const raw = line
          .slice(span[0], span[1])
          .replace(/\s+/g, '')
          .replace(/[.,;]+$/, '');
        if (/[/-]/.test(raw) && /\p{L}/u.test(raw) && raw.length <= 40) {
          symbol = raw;
          symbolLine = i;
        }
      }
    }
    if (/^kinh gui\b/.test(folded)) {
      kinhGui = i;
      break;
    }
    // a numbered section means the body has begun
    if (typeLine >= 0 && i > typeLine + 1 && /^(?:[IVX]+|\d{1,2})[.)]\s/.test(line)) break;
  }

  // title: the lines after the type name, or the "V/v" lines of a công văn
  let title: string | null = null;
  let titleEnd = -1;
  const titleFrom = typeLine >= 0 ? typeLine : vvLine;
  if (titleFrom >= 0) {
    const parts: string[] = [];
    let i = titleFrom;
    if (typeLine >= 0) {
      if (titleStartText) parts.push(titleStartText);
      i = typeLine + 1;
    } else {
      parts.push(lines[vvLine]!.trim());
      i = vvLine + 1;
    }
    let blank = 0;
    for (; i < lines.length && parts.length < 8; i++) {
      const line = lines[i]!.trim();
      if (line.length === 0) {
        blank++;
        if (blank > 1 && parts.length > 0) break;
        continue;
      }
      if (parts.length === 0) {
        if (/^kinh gui/.test(foldChars(line)) || line.length > 400) break;
        parts.push(line);
        titleEnd = i;
        blank = 0;
        continue;
      }
      if (!isTitleContinuation(parts.at(-1)!, line, blank > 0, isMostlyUpper(parts[0]!))) break;
      parts.push(line);
      titleEnd = i;
      blank = 0;
    }
    if (parts.length > 0) {
      title = parts
        .join(' ')
        .replace(/\s+/g, ' ')
        .replace(/^[\s\-–:]+|[\s.;:]+$/g, '')
        .trim();
      if (title.length === 0) title = null;
    }
    if (titleEnd < 0) titleEnd = titleFrom;
  }
  if (!kind && vvLine >= 0) kind = 'CV';
  if (!kind && symbol) kind = kindFromSymbol(symbol) ?? 'CV';

  // addressees: "Kính gửi: A" or a list of "- A;" lines below it
  const addressees: string[] = [];
  let afterAddressees = -1;
  if (kinhGui < 0) {
    for (let i = Math.max(0, titleEnd + 1); i < Math.min(lines.length, titleEnd + 6); i++) {
      if (/^kinh gui\b/.test(foldChars(lines[i]!.trim()))) kinhGui = i;
    }
  }
  // a telegram (công điện) names its addressees after "THỦ TƯỚNG CHÍNH PHỦ điện:"
  if (kinhGui < 0 && kind === 'CĐ') {
    for (let i = Math.max(0, titleEnd + 1); i < Math.min(lines.length, titleEnd + 6); i++) {
      if (/\sdien\s*:\s*$/.test(foldChars(lines[i]!.trim()))) kinhGui = i;
    }
  }
  if (kinhGui >= 0) {
    // "Kính gửi: Các" / "Doanh nghiệp …": a single addressee wrapped onto the next line
    const own = lines[kinhGui]!.trim();
    const next = lines[kinhGui + 1]?.trim() ?? '';
    const wrapped =
      /:\s*\S/.test(own) &&
      !/[;.,:]$/.test(own) &&
      next.length > 0 &&
      !/^[-–+•]/.test(next) &&
      !BODY_START.test(foldChars(next)) &&
      next.length < 200;
    const rest = (wrapped ? `${own} ${next}` : own).replace(/^[^:]*:\s*/, '');
    const first = /^kinh gui\s*$/.test(foldChars(rest)) ? '' : rest;
    for (const part of first.split(/;\s*/)) {
      const item = trimListItem(part);
      if (item.length > 1) addressees.push(item);
    }
    afterAddressees = wrapped ? kinhGui + 1 : kinhGui;
    for (let i = afterAddressees + 1; i < Math.min(lines.length, kinhGui + 40); i++) {
      const line = lines[i]!.trim();
      if (line.length === 0) continue;
      if (!/^[-–+•]/.test(line) && !(addressees.length === 0 && line.length < 120 && /[;.]$/.test(line)))
        break;
      const item = trimListItem(line);
      if (item.length > 1) addressees.push(item);
      afterAddressees = i;
    }
  }

  // issuer: upper-case lines above the type name, minus motto, symbol and date parts
  const headerEnd = [typeLine, vvLine, symbolLine >= 0 ? symbolLine + 1 : -1, kinhGui]
    .filter((n) => n >= 0)
    .reduce((a, b) => Math.min(a, b), Math.min(lines.length, 12));
  const issuerParts: string[] = [];
  for (let i = 0; i < headerEnd; i++) {
    let line = lines[i]!.trim();
    if (line.length > 300) continue;
    if (dateLine && dateLine.line === i) line = line.slice(0, dateLine.cutFrom) + line.slice(dateLine.cutTo);
    let folded = foldChars(line);
    for (const re of MOTTO_PARTS) {
      const m = re.exec(folded);
      if (m) {
        line = line.slice(0, m.index) + ' '.repeat(m[0].length) + line.slice(m.index + m[0].length);
        folded = foldChars(line);
      }
    }
    if (isMottoFragment(folded)) continue;
    if (dateLine && dateLine.line + 1 === i && /^(?:th[a-z]ng|n[a-z]m)\s*\d/.test(folded)) continue;
    // "Số: 72/KH-…", and an OCR that lost the colon and the handwritten number ("Số /TTr-CAT")
    const sym = /(?:^|\s)s[o0-9a-z]?\s?(?::|\s(?=[\d/]))/.exec(folded);
    if (sym && i <= (symbolLine >= 0 ? symbolLine : headerEnd)) line = line.slice(0, sym.index);
    const cleaned = line
      .replace(/[-_=*]{3,}/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    if (cleaned.length >= 2 && isMostlyUpper(cleaned) && /\p{L}{2,}/u.test(cleaned) && cleaned.length <= 90) {
      issuerParts.push(cleaned);
    }
  }
  // a section heading ("I. QUAN ĐIỂM CHỈ ĐẠO") of a text without its header is no issuer
  while (issuerParts.length > 0 && /^(?:[IVX]+|\d{1,2})[.)\-–]\s/.test(issuerParts[0]!)) issuerParts.shift();
  const issuer = composeIssuer(issuerParts, fullText);

  // the place wrapped onto the line above ("Lai" / "Châu, ngày …", "Lai Châu," / "ngày …")
  if (dateLine && dateLine.line > 0) {
    const prev = lines[dateLine.line - 1]!.trim();
    const own = lines[dateLine.line]!.trim();
    const placeAtStart = dateLine.place !== null && own.startsWith(dateLine.place);
    const titleWords = /^(?:\p{Lu}\p{Ll}*\s?){1,3},?$/u.test(prev);
    if (
      titleWords &&
      (placeAtStart || (dateLine.place === null && /,$/.test(prev) && /^ng[aà]y/iu.test(own)))
    ) {
      dateLine = {
        ...dateLine,
        place: `${prev.replace(/,$/, '')}${dateLine.place ? ` ${dateLine.place}` : ''}`,
      };
    }
  }
  const bodyStart = Math.max(titleEnd, afterAddressees, dateLine?.line ?? -1, symbolLine, typeLine) + 1;
  return {
    kind,
    symbol,
    issuer,
    place: dateLine?.place ?? null,
    date: dateLine?.date ?? null,
    title,
    addressees,
    bodyStart,
  };
}

// the national motto and the Party's name word by word: a header wrapped or interleaved line by
// line leaves pieces of them ("CHỦ NGHĨA VIỆT NAM", "HỘI CHỦ NGHĨA VIỆT NAM") among the issuer's lines
const MOTTO_WORDS = 'cong hoa xa hoi chu nghia viet nam doc lap tu do hanh phuc'.split(' ');
const PARTY_WORDS = 'dang cong san viet nam'.split(' ');

/** True when the folded line is only a run of the motto's (or the Party name's) words. */
export function isMottoFragment(folded: string): boolean {
  const words = folded
    .replace(/[^a-z0-9\s]/g, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 0);
  if (words.length < 2) return false;
  for (const seq of [MOTTO_WORDS, PARTY_WORDS]) {
    for (let start = 0; start + words.length <= seq.length; start++) {
      if (words.every((w, k) => seq[start + k] === w)) {
        // "VIỆT NAM" alone ends many names; a fragment must carry a word of the motto itself
        return words.some((w) => !['viet', 'nam'].includes(w)) && !(seq === PARTY_WORDS && words.length < 3);
      }
    }
  }
  return false;
}

// words an organisation's name starts with (Decree 30 header lines name a body)
const NAME_HEAD =
  /^(?:bo|so|uy ban|ubnd|hdnd|hoi dong|ban|van phong|cong doan|lien doan|ldld|tong|dang|tinh uy|thanh uy|huyen uy|quan uy|thi uy|dang uy|chi bo|hoi|truong|cuc|chi cuc|vu|phong|trung tam|cong an|benh vien|thu tuong|chinh phu|quoc hoi|bch|doan|cong ty|ngan hang|bao hiem|bhxh|kho bac|vien|toa an|mat tran|cdcs|thanh doan|tinh doan|ubmttq|kiem toan|thanh tra|hoc vien|dai hoc|tap doan|tong cong ty|quan khu|bo chi huy|bo tu lenh|ky niem|huyen|quan|xa|phuong|thi xa|tinh|thanh pho|tp)\b/;

const OWN_BODY =
  /^(?:so|cong doan|lien doan|phong|trung tam|chi cuc|hoi|truong|benh vien|dang uy|doan thanh nien|ban quan ly)\s/;
const PARENT_PLACE = /(?:^|\s)(?:tinh|thanh pho|tp\.?|huyen|quan|thi xa)\s(?!uy\b)/;
const PLACE_IN_NAME = /\b(?:tinh|thanh pho|tp|huyen|quan|thi xa|xa(?! hoi)|phuong|viet nam|trung uong)\b/;

/**
 * Header lines → one name. A wrapped name ("BỘ LAO ĐỘNG - THƯƠNG BINH" / "VÀ XÃ HỘI") is joined;
 * a parent over a child ("UBND TỈNH KIÊN GIANG" / "VĂN PHÒNG") becomes "Văn phòng UBND tỉnh…".
 */
export function composeIssuer(parts: readonly string[], fullText: string): string | null {
  if (parts.length === 0) return null;
  const units: string[] = [];
  for (const part of parts) {
    const prev = units.at(-1);
    const wrapped =
      prev !== undefined &&
      (/^(?:VÀ|&|-|–|CỦA)(?=\s|$)/u.test(part) ||
        /(?:-|VÀ|&)$/u.test(prev) ||
        // a name wrapped mid-phrase ("THỦ TƯỚNG CHÍNH" / "PHỦ", "UBND THÀNH PHỐ HÀ" / "NỘI")
        !NAME_HEAD.test(foldChars(part)) ||
        // "ỦY BAN NHÂN DÂN" / "TỈNH NAM ĐỊNH": the place completes the name (not "TỈNH ỦY …")
        /^(?:tinh|thanh pho|huyen|quan|thi xa|xa|phuong|tp\.?)\s(?!uy\b)/.test(foldChars(part)));
    if (wrapped) units[units.length - 1] = `${prev} ${part}`;
    else units.push(part);
  }
  const child = units.at(-1)!;
  const parents = units.slice(0, -1).reverse();
  let name = child;
  if (parents.length > 0 && !PLACE_IN_NAME.test(foldChars(child))) {
    // a body of its own under its parent ("LĐLĐ TỈNH BẮC GIANG" / "CÔNG ĐOÀN CÁC KHU CÔNG
    // NGHIỆP", "UBND TỈNH X" / "SỞ Y TẾ") takes the parent's place; an office of the parent
    // ("VĂN PHÒNG", "BAN TUYÊN GIÁO") takes the parent's whole name
    const place = PARENT_PLACE.exec(foldChars(parents[0]!));
    name =
      OWN_BODY.test(foldChars(child)) && place
        ? `${child} ${parents[0]!.slice(place.index).trim()}`
        : `${child} ${parents[0]}`;
  }
  const cased = caseOrganisationName(name);
  return findMixedCaseSpelling(cased, fullText) ?? cased;
}
