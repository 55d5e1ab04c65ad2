/**
 * Quantified objectives (chỉ tiêu): "Phấn đấu đến năm 2025 đạt trên 90% và đến năm 2030 đạt
 * trên 95% cán bộ…" → one target, two milestones. Comparators: trên >, trở lên / ít nhất /
 * tối thiểu >=, dưới <, không quá / tối đa <=, otherwise (đạt, a bare 100%) =. "Hằng năm"
 * makes a yearly recurrence. Two indicators in one sentence become two targets.
 */
import type { TComparator, TMilestone, TTarget } from '../../contracts/plan-extract.ts';
import { foldChars } from '../../domain/fold-text.ts';

interface YearEvent {
  type: 'year';
  year: number;
  start: number;
  end: number;
}
interface AnnualEvent {
  type: 'annual';
  start: number;
  end: number;
}
interface ValueEvent {
  type: 'value';
  op: TComparator;
  value: number;
  unit: string;
  /** counted things ("ít nhất một hoạt động") keep the whole clause as their text */
  counted: boolean;
  /** a count set as a level ("đạt 10 mô hình"): its text starts at the counted thing */
  bare?: boolean;
  start: number;
  end: number;
}
type TargetEvent = YearEvent | AnnualEvent | ValueEvent;

export interface TargetContext {
  /** year a heading gives ("Mục tiêu đến năm 2025") */
  year: number | null;
  annual: boolean;
}

const YEAR = /(?:(?:den|vao|toi|trong|cuoi|dau)\s)?n[a-z]m\s((?:19|20)\d{2})(?!\d)/g;
const ANNUAL = /\b(?:h[a-z]ng\sn[a-z]m|moi\sn[a-z]m|tung\sn[a-z]m)\b/g;
const PERCENT = /(\d{1,3}(?:[.,]\d{1,2})?)\s?%/g;
const NUMBER_WORDS: Record<string, number> = {
  mot: 1,
  hai: 2,
  ba: 3,
  bon: 4,
  sau: 6,
  bay: 7,
  tam: 8,
  chin: 9,
  muoi: 10,
};
const COUNT =
  /\b(it nhat|toi thieu|tren|duoi|khong qua|toi da|tu)\s(\d{1,3}(?:\.\d{3})*|mot|hai|ba|bon|sau|bay|tam|chin|muoi)\s(?!%)([a-z]+(?:\s[a-z]+)?)/g;
// a count reached or held ("đạt 10 mô hình", "có 50 doanh nghiệp"): op = unless "trở lên" follows
const LEVEL_COUNT =
  /\b(dat|co)\s(\d{1,3}(?:\.\d{3})*|mot|hai|ba|bon|sau|bay|tam|chin|muoi)\s(?!%)([a-z]+(?:\s[a-z]+)?)/g;
const TWO_WORD_UNITS = new Set([
  'hoat dong',
  'doan vien',
  'can bo',
  'mo hinh',
  'doanh nghiep',
  'cong doan',
  'luot nguoi',
  'sang kien',
  'cong trinh',
  'don vi',
  'gia dinh',
  'hoc sinh',
  'tre em',
  'phu nu',
  'tac pham',
  'bai viet',
  'tin bai',
  'chuyen de',
  'cuoc thi',
  'hoi nghi',
  'lop hoc',
  'co so',
  'co quan',
  'nghien cuu',
  'nguoi hoc',
]);
const UNIT_STOP =
  /^(?:nham|de|ve|cho|trong|tai|va|hoac|moi|tro|len|nam|thang|o|co|duoc|la|cua|voi|tren|theo)$/;

function comparatorBefore(foldedBefore: string): TComparator | null {
  const tail = foldedBefore.slice(-28);
  if (/(?:it nhat|toi thieu|khong (?:it|thap) hon)\s?$/.test(tail)) return '>=';
  if (/(?:khong qua|khong vuot qua|toi da|khong cao hon)\s?$/.test(tail)) return '<=';
  if (/(?:duoi|thap hon)\s?$/.test(tail)) return '<';
  if (/(?:tren|hon)\s?$/.test(tail)) return '>';
  return null;
}

function readEvents(folded: string, original: string): TargetEvent[] {
  const events: TargetEvent[] = [];
  for (const m of folded.matchAll(YEAR)) {
    events.push({ type: 'year', year: Number(m[1]), start: m.index, end: m.index + m[0].length });
  }
  for (const m of folded.matchAll(ANNUAL))
    events.push({ type: 'annual', start: m.index, end: m.index + m[0].length });
  for (const m of folded.matchAll(PERCENT)) {
    const value = Number(m[1]!.replace(',', '.'));
    if (!Number.isFinite(value) || value > 100) continue;
    let end = m.index + m[0].length;
    let op = comparatorBefore(folded.slice(0, m.index));
    const after = /^\s?(?:tro len|tro xuong)/.exec(folded.slice(end, end + 12));
    if (after) {
      op = after[0].includes('len') ? '>=' : '<=';
      end += after[0].length;
    }
    events.push({ type: 'value', op: op ?? '=', value, unit: '%', counted: false, start: m.index, end });
  }
  for (const m of folded.matchAll(COUNT)) {
    const rawNumber = m[2]!;
    const value = NUMBER_WORDS[rawNumber] ?? Number(rawNumber.replace(/\./g, ''));
    if (!Number.isFinite(value) || value <= 0) continue;
    const unitWords = m[3]!.split(' ');
    const twoWordUnit = unitWords.length > 1 && TWO_WORD_UNITS.has(unitWords.join(' '));
    if (!twoWordUnit && UNIT_STOP.test(unitWords[0]!)) continue;
    const keep = twoWordUnit ? 2 : 1;
    const unitStart = m.index + m[0].length - m[3]!.length;
    const unitLength = unitWords.slice(0, keep).join(' ').length;
    let op: TComparator =
      m[1] === 'it nhat' || m[1] === 'toi thieu'
        ? '>='
        : m[1] === 'tren'
          ? '>'
          : m[1] === 'duoi'
            ? '<'
            : m[1] === 'tu'
              ? '='
              : '<=';
    const end = unitStart + unitLength;
    if (/^\s?tro len/.test(folded.slice(end, end + 10))) op = '>=';
    else if (m[1] === 'tu') continue;
    events.push({
      type: 'value',
      op,
      value,
      unit: original.slice(unitStart, unitStart + unitLength),
      counted: true,
      start: m.index,
      end,
    });
  }
  for (const m of folded.matchAll(LEVEL_COUNT)) {
    const rawNumber = m[2]!;
    const value = NUMBER_WORDS[rawNumber] ?? Number(rawNumber.replace(/\./g, ''));
    if (!Number.isFinite(value) || value <= 0) continue;
    const unitWords = m[3]!.split(' ');
    const twoWordUnit = unitWords.length > 1 && TWO_WORD_UNITS.has(unitWords.join(' '));
    if (!twoWordUnit && UNIT_STOP.test(unitWords[0]!)) continue;
    const keep = twoWordUnit ? 2 : 1;
    const unitStart = m.index + m[0].length - m[3]!.length;
    const unitLength = unitWords.slice(0, keep).join(' ').length;
    const unitEnd = unitStart + unitLength;
    const op: TComparator = /^\s?tro len/.test(folded.slice(unitEnd, unitEnd + 10)) ? '>=' : '=';
    events.push({
      type: 'value',
      op,
      value,
      unit: original.slice(unitStart, unitEnd),
      counted: false,
      bare: true,
      start: m.index,
      end: unitStart,
    });
  }
  // a value in brackets is a variant of the one before it ("dưới 8% (khu vực miền núi dưới
  // 25%) vào năm 2025"): not a milestone of its own when the clause has values outside brackets
  const inBrackets = bracketSpans(folded);
  const inside = (e: TargetEvent): boolean => inBrackets.some(([a, b]) => e.start > a && e.start < b);
  const outsideValues = events.some((e) => e.type === 'value' && !inside(e));
  return events
    .filter((e) => !(outsideValues && e.type === 'value' && inside(e)))
    .sort((a, b) => a.start - b.start);
}

function bracketSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(' && open < 0) open = i;
    else if (text[i] === ')' && open >= 0) {
      spans.push([open, i]);
      open = -1;
    }
  }
  return spans;
}

/** The text with bracketed parts removed (same reading of what lies between two events). */
function withoutBrackets(text: string): string {
  return text.replace(/\([^()]*\)/g, ' ');
}

// words that frame a milestone rather than name the indicator
const CUE_WORDS =
  /\b(?:phan dau|den|vao|nam|dat|va|duy tri|tren|tro len|it nhat|toi thieu|hang|moi|trong|tu|khoang|con|co|la|muc)\b/g;

function contentWords(folded: string): number {
  return folded
    .replace(CUE_WORDS, ' ')
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0 && !/^\d+$/.test(w)).length;
}

function cleanTargetText(text: string): string {
  let t = text.replace(/\s+/g, ' ').trim();
  for (let k = 0; k < 4; k++) {
    const before = t;
    t = t
      .replace(/^[\s,;:.\-–)]+/, '')
      .replace(
        /^(?:và|hoặc|đạt|trở lên|trong đó|có|là|phấn đấu|Phấn đấu|Hàng năm|Hằng năm|hàng năm|hằng năm|mỗi năm|Mỗi năm)(?:\s*,\s*|\s+)/i,
        '',
      )
      .replace(/[\s,;:.(]+$/, '')
      .replace(
        /\s(?:và|đạt|phấn đấu|đến|vào|xuống|lên|còn|ở mức|dưới|trên|ít nhất|tối thiểu|không quá|tối đa|từ|khoảng|bằng)$/i,
        '',
      );
    if (t === before) break;
  }
  return t;
}

/** Targets of one clause (a sentence or a ";"-part of one). */
export function readTargetsFromClause(
  clause: string,
  context: TargetContext,
  fallbackText: string | null,
): TTarget[] {
  const folded = foldChars(clause);
  let events = readEvents(folded, clause);
  // a count beside a percentage describes the population ("trẻ em dưới 6 tuổi đạt 100%")
  const hasPercent = events.some((e) => e.type === 'value' && !e.counted && !e.bare);
  if (hasPercent) events = events.filter((e) => e.type !== 'value' || (!e.counted && !e.bare));
  const values = events.filter((e): e is ValueEvent => e.type === 'value');
  if (values.length === 0) return [];
  const firstStart = events[0]!.start;
  const beforeStyle = contentWords(folded.slice(0, firstStart)) >= 3 && !values.some((v) => v.counted);

  interface Group {
    milestones: TMilestone[];
    firstStart: number;
    lastEnd: number;
    textStart: number;
    textEnd: number;
    counted: boolean;
  }
  const groups: Group[] = [];
  let pendingYears: number[] = [];
  let annual = false;
  let lastValue: { event: ValueEvent; milestones: TMilestone[]; postYear: boolean } | null = null;
  let current: Group | null = null;
  // "đạt 60% ở thành thị và 40% ở nông thôn vào năm 2025 và đạt 90% … vào năm 2030": a clause that
  // ends on its year writes each year after the values it dates, so a year dates the values before
  // it that have none yet (a clause opening on its year, "Đến năm 2025 đạt 90%", dates forward)
  const endsOnYear = events.at(-1)?.type === 'year';
  let undated: TMilestone[] = [];
  for (const ev of events) {
    if (
      ev.type === 'year' &&
      endsOnYear &&
      pendingYears.length === 0 &&
      undated.some((m) => m.year === null)
    ) {
      for (const ms of undated) {
        if (ms.year !== null) continue;
        ms.year = ev.year;
        delete ms.recurrence;
      }
      undated = [];
      if (lastValue) lastValue.postYear = true;
      if (current) current.lastEnd = Math.max(current.lastEnd, ev.end);
      continue;
    }
    if (ev.type === 'year') {
      undated = [];
      const between = lastValue ? folded.slice(lastValue.event.end, ev.start) : '';
      if (
        lastValue &&
        !lastValue.postYear &&
        pendingYears.length === 0 &&
        lastValue.milestones.every((m) => m.year === null) &&
        /^[\s,]*(?:vao|den|toi|trong)?[\s,]*$/.test(withoutBrackets(between))
      ) {
        for (const ms of lastValue.milestones) {
          ms.year = ev.year;
          delete ms.recurrence;
        }
        lastValue.postYear = true;
        if (current) current.lastEnd = ev.end;
      } else pendingYears.push(ev.year);
      continue;
    }
    if (ev.type === 'annual') {
      annual = true;
      continue;
    }
    // a value after ≥3 words of indicator text starts a new target
    if (current) {
      const gapStart = current.lastEnd;
      const gap = folded.slice(gapStart, ev.start);
      if (contentWords(gap) >= 3) {
        if (beforeStyle) current = null;
        else {
          current.textStart = gapStart;
          current.textEnd = ev.start;
          current = null;
        }
      }
    }
    if (!current) {
      const textStart = beforeStyle ? (groups.at(-1)?.lastEnd ?? 0) : -1;
      current = {
        milestones: [],
        firstStart: ev.start,
        lastEnd: ev.end,
        textStart,
        textEnd: beforeStyle ? ev.start : -1,
        counted: ev.counted,
      };
      groups.push(current);
    }
    const years: (number | null)[] = pendingYears.length > 0 ? pendingYears : [null];
    const made: TMilestone[] = years.map((year) => {
      const ms: TMilestone = { year, op: ev.op, value: ev.value, unit: ev.unit };
      if (year === null && annual) ms.recurrence = 'annual';
      return ms;
    });
    current.milestones.push(...made);
    undated.push(...made);
    current.lastEnd = ev.end;
    lastValue = { event: ev, milestones: made, postYear: false };
    pendingYears = [];
  }

  // "Đến năm 2020, phấn đấu đạt 100% …, 98% …": a year opening the clause holds for all its values
  const years = events.filter((e): e is YearEvent => e.type === 'year');
  const leadYear = years.length === 1 && years[0]!.start < firstValueStart(events) ? years[0]!.year : null;
  const out: TTarget[] = [];
  groups.forEach((g, k) => {
    let start = g.textStart;
    let end = g.textEnd;
    if (g.counted) {
      start = k === 0 ? 0 : groups[k - 1]!.lastEnd;
      end = k + 1 < groups.length ? groups[k + 1]!.firstStart : clause.length;
    } else if (!beforeStyle && start < 0) {
      start = g.lastEnd;
      end = clause.length;
    }
    let text = cleanTargetText(clause.slice(Math.max(0, start), Math.max(start, end)));
    if (g.counted) text = text.replace(/^(?:(?:đến|vào|trong)\s+)?năm\s+\d{4}\s*,?\s*/i, '');
    if (contentWords(foldChars(text)) < 2) {
      const before = cleanTargetText(clause.slice(0, g.firstStart));
      text = contentWords(foldChars(before)) >= 2 ? before : (fallbackText ?? '');
    }
    if (text.length === 0) return;
    for (const ms of g.milestones) {
      if (ms.year === null && !ms.recurrence) {
        if (leadYear !== null) ms.year = leadYear;
        else if (context.year !== null) ms.year = context.year;
        else if (context.annual) ms.recurrence = 'annual';
      }
    }
    out.push({ text, milestones: g.milestones });
  });
  return out;
}

function firstValueStart(events: readonly TargetEvent[]): number {
  return events.find((e) => e.type === 'value')?.start ?? Number.POSITIVE_INFINITY;
}

/** Splits a paragraph into clauses: sentences, then ";"-parts. */
const SENTENCE_BREAK = /(?<=[.!?])\s+(?=\p{Lu})/u;

function splitSentences(text: string): string[] {
  return text.split(SENTENCE_BREAK).filter((sentence) => sentence.trim().length > 0);
}

const SHARE = /([\p{L}][\p{L} ]{0,24}?)\s*:\s*(\d{1,3}(?:[.,]\d{1,2})?)\s?%/uy;

/**
 * A breakdown by category — "Hạnh kiểm: Tốt: 60%  Khá: 35%  TB: 5%", "Kiểm tra toàn diện: Tốt:
 * 30%; Khá: 50%; TB: 20%" — the way school and union reports rate pupils, staff and unions (tốt,
 * khá, trung bình, yếu; vững mạnh, khá …): one target per category, "Hạnh kiểm: Khá". Null unless
 * the sentence is a label and at least two "category: n%" shares and nothing else.
 */
export function readBreakdown(sentence: string, year: number | null): TTarget[] | null {
  const text = sentence.replace(/^\s*[-+•*]\s*/, '').replace(/[.\s]+$/, '');
  const colon = text.indexOf(':');
  if (colon <= 0 || colon > 60) return null;
  const label = text.slice(0, colon).replace(/\s+/g, ' ').trim();
  if (!/^\p{L}/u.test(label) || /\d/.test(label)) return null;
  const shares: TTarget[] = [];
  let at = colon + 1;
  while (at < text.length) {
    const gap = /[\s;,]*/y;
    gap.lastIndex = at;
    gap.exec(text);
    at = gap.lastIndex;
    if (at >= text.length) break;
    SHARE.lastIndex = at;
    const share = SHARE.exec(text);
    if (!share) return null;
    const category = share[1]!.replace(/\s+/g, ' ').trim();
    shares.push({
      text: `${label}: ${category}`,
      milestones: [{ year, op: '=', value: Number(share[2]!.replace(',', '.')), unit: '%' }],
    });
    at = SHARE.lastIndex;
  }
  return shares.length >= 2 ? shares : null;
}

export function splitClauses(text: string): string[] {
  return text
    .split(new RegExp(`${SENTENCE_BREAK.source}|;\\s*`, 'u'))
    .map((c) => c.trim())
    .filter((c) => c.length > 0);
}

/**
 * The year a span of years is reached in: a phase ("giai đoạn 2025-2027") at its end (gold
 * rulebook), a school year ("năm học 2020-2021", September to May) in its second year. Folded text.
 */
export function spanEndYear(folded: string): number | null {
  const span = /(?:giai doan|nam hoc)\s*((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})/.exec(folded);
  return span ? Number(span[2]) : null;
}

/** Reads a heading's context: a year ("đến năm 2025") or "hằng năm". */
export function headingContext(text: string): TargetContext {
  const folded = foldChars(text);
  // a phase ("Giai đoạn 2025-2027") is reached at its end (gold rulebook)
  const span = spanEndYear(folded);
  if (span !== null) return { year: span, annual: false };
  const years = [...folded.matchAll(YEAR)];
  const annual = /h[a-z]ng\sn[a-z]m|moi\sn[a-z]m/.test(folded);
  return { year: years.length === 1 ? Number(years[0]![1]) : null, annual };
}

/** Targets of the paragraphs of target sections; headings set the year context. */
export function extractTargets(
  paragraphs: readonly { text: string; isHeading: boolean; headingText: string | null }[],
): TTarget[] {
  const out: TTarget[] = [];
  let context: TargetContext = { year: null, annual: false };
  for (const p of paragraphs) {
    if (p.isHeading) {
      context = headingContext(p.text);
      const folded = foldChars(p.text);
      if (!/\d\s?%/.test(folded)) continue;
    }
    // "Đến năm 2020, 100% …; 98% …": a year opening the paragraph holds for its ";"-parts
    const opening = /^\s*(?:phan dau\s)?(?:den|vao|trong|nam)\s(?:nam\s)?((?:19|20)\d{2})\b/.exec(
      foldChars(p.text),
    );
    const own: TargetContext =
      opening && !p.isHeading ? { year: Number(opening[1]), annual: false } : context;
    for (const sentence of splitSentences(p.text)) {
      const breakdown = readBreakdown(sentence, own.year);
      if (breakdown) {
        out.push(...breakdown);
        continue;
      }
      for (const clause of splitClauses(sentence))
        out.push(...readTargetsFromClause(clause, own, p.headingText));
    }
  }
  return out;
}
