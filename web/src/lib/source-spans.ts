import { foldChars, foldText } from '../../../domain/fold-text.ts';

/** A run of the source text, [start, end) in UTF-16 units of the original. */
export interface SourceSpan {
  start: number;
  end: number;
}

/** The source folded (no diacritics, lower case, whitespace runs as one space) with a map back. */
export interface FoldedSource {
  folded: string;
  /** For each folded character, the index of the original character it came from. */
  origin: number[];
  /** For each folded character, the index just after the original character(s). */
  originEnd: number[];
}

export function foldSource(text: string): FoldedSource {
  let folded = '';
  const origin: number[] = [];
  const originEnd: number[] = [];
  let inSpace = false;
  let index = 0;
  for (const char of text) {
    const next = index + char.length;
    if (/\s/u.test(char)) {
      if (!inSpace) {
        folded += ' ';
        origin.push(index);
        originEnd.push(next);
      }
      inSpace = true;
    } else {
      inSpace = false;
      for (const out of foldChars(char.normalize('NFC')).replace(/\p{M}+/gu, '')) {
        folded += out;
        origin.push(index);
        originEnd.push(next);
      }
    }
    index = next;
  }
  return { folded, origin, originEnd };
}

/** The needle as it is searched: folded, whitespace collapsed, trimmed. */
export function foldNeedle(needle: string): string {
  return foldText(needle);
}

/** Where `needle` first occurs in the source, diacritic-, case- and whitespace-insensitive. */
export function findInSource(source: FoldedSource, needle: string, from = 0): SourceSpan | null {
  const folded = foldNeedle(needle);
  if (folded.length < 2) return null;
  const at = source.folded.indexOf(folded, from);
  if (at < 0) return null;
  const last = at + folded.length - 1;
  return { start: source.origin[at] ?? 0, end: source.originEnd[last] ?? 0 };
}

/** Ways a date is written in a Vietnamese document: "ngày 10 tháng 5 năm 2024", "10/5/2024", "10/05/2024". */
export function dateNeedles(iso: string): string[] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return [];
  const [, y, m, d] = match as unknown as [string, string, string, string];
  const dn = String(Number(d));
  const mn = String(Number(m));
  return [
    `ngày ${d} tháng ${m} năm ${y}`,
    `ngày ${dn} tháng ${mn} năm ${y}`,
    `ngày ${dn} tháng ${m} năm ${y}`,
    `ngày ${d} tháng ${mn} năm ${y}`,
    `${d}/${m}/${y}`,
    `${dn}/${mn}/${y}`,
    `${dn}/${m}/${y}`,
    `${d}/${mn}/${y}`,
    `${d}-${m}-${y}`,
  ];
}

/** The first of several spellings found in the source. */
export function findAnyInSource(source: FoldedSource, needles: readonly string[]): SourceSpan | null {
  for (const needle of needles) {
    const span = findInSource(source, needle);
    if (span) return span;
  }
  return null;
}

/** A piece of the text to render: plain, or covered by the spans listed in `keys`. */
export interface TextSegment {
  start: number;
  end: number;
  keys: string[];
  /** Keys whose span begins at this segment (the scroll target of that field). */
  startsHere: string[];
}

/** Cut the text at every span boundary; each piece knows which spans cover it. */
export function segmentText(length: number, spans: ReadonlyMap<string, SourceSpan>): TextSegment[] {
  const cuts = new Set<number>([0, length]);
  for (const span of spans.values()) {
    cuts.add(Math.max(0, Math.min(length, span.start)));
    cuts.add(Math.max(0, Math.min(length, span.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: TextSegment[] = [];
  const started = new Set<string>();
  for (let i = 0; i < points.length - 1; i++) {
    const start = points[i] as number;
    const end = points[i + 1] as number;
    if (end <= start) continue;
    const keys: string[] = [];
    const startsHere: string[] = [];
    for (const [key, span] of spans) {
      if (span.start <= start && span.end >= end) {
        keys.push(key);
        if (!started.has(key)) {
          started.add(key);
          startsHere.push(key);
        }
      }
    }
    segments.push({ start, end, keys, startsHere });
  }
  return segments;
}
