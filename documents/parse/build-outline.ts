/**
 * Rebuilds paragraphs and the numbering outline (I./II., 1./2., 1.1., a), -, +) of a document
 * body from its lines, whether the text came wrapped (PDF, OCR) or one paragraph a line (DOCX).
 */

import { foldChars } from '../../domain/fold-text.ts';
import { isMostlyUpper } from './normalize-text.ts';

export type MarkerKind =
  | 'roman'
  | 'caps'
  | 'article'
  | 'articleOuter'
  | 'arabic'
  | 'arabic2'
  | 'arabic3'
  | 'letter'
  | 'paren'
  | 'dash'
  | 'plus';

export interface Marker {
  kind: MarkerKind;
  label: string;
}

export interface Paragraph {
  /** text without the list marker, lines joined with one space */
  text: string;
  marker: Marker | null;
  /** index of the first and last source line */
  start: number;
  end: number;
}

const RANK: Record<MarkerKind, number> = {
  articleOuter: -1,
  roman: 0,
  caps: 0,
  article: 1,
  arabic: 2,
  arabic2: 3,
  arabic3: 4,
  letter: 5,
  paren: 6,
  dash: 7,
  plus: 8,
};

export function markerRank(marker: Marker | null): number {
  return marker ? RANK[marker.kind] : 9;
}

// OCR reads the roman "I" as "1", "|", "l" or "L": "I1." is II, "|." is I, "IL." is II.
const ROMAN = /^([IVXLl1|]{1,5})\s?[.)]\s*(?=\S)/;
const ARABIC_DEEP = /^(\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(?=\S)/;
const ARABIC = /^(\d{1,2})\s?[.)](?!\d)\s*(?=\S)/;
const LETTER = /^([a-zđ])\s?[).]\s+(?=\S)/;
// "(1) Bộ Y tế chỉ đạo …": the numbered points of a conclusion notice (Văn phòng Chính phủ's genre)
const PAREN = /^\((\d{1,2})\)\s*(?=\p{Lu})/u;
const DASH = /^[-–—•·]\s*(?=\S)/;
const PLUS = /^\+\s*(?=\S)/;
const ARTICLE = /^(?:Điều|Dieu|ĐIỀU)\s+(\d{1,3})\s?[.:]/;

/** Reads the list marker a line starts with, if any; returns it and the text after it. */
export function parseMarker(line: string): { marker: Marker | null; rest: string } {
  const text = line.trimStart();
  let m = ARTICLE.exec(text);
  if (m) return { marker: { kind: 'article', label: m[1]! }, rest: text.slice(m[0].length).trim() };
  m = ROMAN.exec(text);
  if (m && /[IVXLl|]/.test(m[1]!)) {
    const rest = text.slice(m[0].length).trim();
    const clean = /^[IVX]+$/.test(m[1]!);
    if (rest.length > 0 && (isMostlyUpper(rest) || (clean && /^\p{Lu}/u.test(rest)))) {
      return { marker: { kind: 'roman', label: m[1]! }, rest };
    }
  }
  m = ARABIC_DEEP.exec(text);
  if (m) {
    const depth = m[1]!.split('.').length;
    return {
      marker: { kind: depth === 2 ? 'arabic2' : 'arabic3', label: m[1]! },
      rest: text.slice(m[0].length).trim(),
    };
  }
  m = ARABIC.exec(text);
  if (m) return { marker: { kind: 'arabic', label: m[1]! }, rest: text.slice(m[0].length).trim() };
  m = LETTER.exec(text);
  if (m) return { marker: { kind: 'letter', label: m[1]! }, rest: text.slice(m[0].length).trim() };
  m = PAREN.exec(text);
  if (m) return { marker: { kind: 'paren', label: m[1]! }, rest: text.slice(m[0].length).trim() };
  m = DASH.exec(text);
  if (m) return { marker: { kind: 'dash', label: '-' }, rest: text.slice(m[0].length).trim() };
  m = PLUS.exec(text);
  if (m) return { marker: { kind: 'plus', label: '+' }, rest: text.slice(m[0].length).trim() };
  return { marker: null, rest: text.trim() };
}

const TERMINAL = /(?:[.:;!?…]|\.\/\.|\/\.)["”’)]*\s*$/;
const STARTS_UPPER = /^["“'(]?[\p{Lu}\d]/u;

/** Typical full-line width of wrapped text (80th percentile of line lengths). */
function typicalWidth(lines: readonly string[], from: number, to: number): number {
  const lengths: number[] = [];
  for (let i = from; i < to; i++) {
    const n = lines[i]!.trim().length;
    if (n > 0) lengths.push(n);
  }
  if (lengths.length === 0) return 0;
  lengths.sort((a, b) => a - b);
  return lengths[Math.min(lengths.length - 1, Math.floor(lengths.length * 0.8))]!;
}

/** Groups lines [from, to) into paragraphs with their list markers. */
export function buildParagraphs(lines: readonly string[], from = 0, to = lines.length): Paragraph[] {
  const width = typicalWidth(lines, from, to);
  const out: Paragraph[] = [];
  let current: { parts: string[]; marker: Marker | null; start: number; end: number } | null = null;
  let prevLine = '';
  const flush = (): void => {
    if (current) {
      const text = current.parts
        .join(' ')
        .replace(/(\d+[a-z]?\/[\p{Lu}Đđ]+-)\s+(?=[\p{Lu}Đ])/gu, '$1')
        .replace(/(\d+-)\s+(?=[\p{Lu}]{1,4}\/)/gu, '$1')
        .replace(/ {2,}/g, ' ')
        .trim();
      out.push({ text, marker: current.marker, start: current.start, end: current.end });
    }
    current = null;
  };
  for (let i = from; i < to; i++) {
    const line = lines[i]!.trim();
    if (line.length === 0) {
      flush();
      prevLine = '';
      continue;
    }
    const { marker, rest } = parseMarker(line);
    // an upper-case line heads a section only when it stands alone (not "CNVCLĐ." ending a paragraph)
    const capsHeading =
      !marker &&
      line.length <= 90 &&
      /\S\s+\S/.test(line) &&
      !/[.;,]$/.test(line) &&
      (prevLine === '' || TERMINAL.test(prevLine)) &&
      isMostlyUpper(line) &&
      /\p{Lu}{2,}/u.test(line) &&
      !/^\d/.test(line);
    const startsNew =
      current === null ||
      marker !== null ||
      capsHeading ||
      // a line ending in a hyphen or slash ("28-" / "CT/TW") always goes on
      (STARTS_UPPER.test(line) &&
        !/[-/]$/.test(prevLine) &&
        (TERMINAL.test(prevLine) || prevLine.length < width * 0.7));
    if (startsNew) {
      flush();
      current = {
        parts: [marker ? rest : line],
        marker: marker ?? (capsHeading ? { kind: 'caps', label: '' } : null),
        start: i,
        end: i,
      };
    } else if (current) {
      current.parts.push(line);
      current.end = i;
    }
    prevLine = line;
  }
  flush();
  return nestUnderArticles(out);
}

/**
 * A decision's articles hold its sections ("Điều 1. Phê duyệt … với những nội dung sau: I. …
 * V. TỔ CHỨC THỰC HIỆN", then "Điều 2."): when the first article comes before the first Roman
 * section, articles are the outer level and end the sections inside them.
 */
function nestUnderArticles(paragraphs: Paragraph[]): Paragraph[] {
  const firstArticle = paragraphs.findIndex((p) => p.marker?.kind === 'article');
  const firstRoman = paragraphs.findIndex((p) => p.marker?.kind === 'roman');
  if (firstArticle < 0 || firstRoman < 0 || firstArticle > firstRoman) return paragraphs;
  return paragraphs.map((p) =>
    p.marker?.kind === 'article' ? { ...p, marker: { kind: 'articleOuter', label: p.marker.label } } : p,
  );
}

/** Paragraph indices after `index` up to (not including) the next marker of the same or higher level. */
export function sectionScope(paragraphs: readonly Paragraph[], index: number): { from: number; to: number } {
  const rank = markerRank(paragraphs[index]?.marker ?? null);
  let to = index + 1;
  while (to < paragraphs.length && markerRank(paragraphs[to]!.marker) > rank) to++;
  return { from: index + 1, to };
}

export interface OutlineItem {
  head: Paragraph;
  /** paragraphs under the item, up to the next item of the same level */
  body: Paragraph[];
}

/** The first-level items of paragraphs [from, to): the highest-level markers found there. */
export function firstLevelItems(paragraphs: readonly Paragraph[], from: number, to: number): OutlineItem[] {
  let best = 9;
  for (let i = from; i < to; i++) best = Math.min(best, markerRank(paragraphs[i]!.marker));
  if (best === 9) return [];
  const items: OutlineItem[] = [];
  for (let i = from; i < to; i++) {
    const p = paragraphs[i]!;
    if (markerRank(p.marker) === best) items.push({ head: p, body: [] });
    else items.at(-1)?.body.push(p);
  }
  return items;
}

/** Headings (numbered or all-caps paragraphs, short) whose folded text matches `pattern`. */
export function findHeadings(paragraphs: readonly Paragraph[], pattern: RegExp, maxWords = 14): number[] {
  const found: number[] = [];
  paragraphs.forEach((p, i) => {
    if (!p.marker || p.marker.kind === 'dash' || p.marker.kind === 'plus') return;
    const words = p.text.split(/\s+/).length;
    if (words > maxWords) return;
    if (pattern.test(foldChars(p.text))) found.push(i);
  });
  return found;
}

/** First sentence of a paragraph (up to ". " before a capital), capped at `max` characters. */
export function firstSentence(text: string, max = 400): string {
  const m = /^(.{8,}?[.!?])(?=\s+["“(]?\p{Lu})/u.exec(text);
  let s = m ? m[1]! : text;
  if (s.length > max) {
    const cut = s.lastIndexOf(' ', max);
    s = s.slice(0, cut > 40 ? cut : max);
  }
  return s.replace(/[\s.;:,]+$/, '').trim();
}
