/**
 * Reporting duties: "trước ngày 10/11 hằng năm" → annual "11-10"; "báo cáo 6 tháng, báo cáo
 * năm" → semiannual + annual; "hằng tháng … trước ngày 20" → monthly "20"; "khi có yêu cầu"
 * → on_request; "trước ngày 16 tháng 12 năm 2025" → once "2025-12-16"; "định kỳ báo cáo"
 * alone → periodic.
 */
import type { TReporting, TReportingFrequency } from '../../contracts/plan-extract.ts';
import { foldChars } from '../../domain/fold-text.ts';
import { isoDate, monthDay } from './vietnamese-dates.ts';

// "báo cáo" and its OCR misreadings (bao cdo, bao céo), not "báo cáo viên"
const REPORT = /\bb[a-z]o\sc[a-z]{1,2}o\b(?!\svien)/;
const TRUOC = 'tr[uw][o0d6e]?[cde]';

interface Cue {
  frequency: TReportingFrequency;
  at: number;
}

function frequencyCues(folded: string): Cue[] {
  const cues: Cue[] = [];
  const add = (re: RegExp, frequency: TReportingFrequency): void => {
    for (const m of folded.matchAll(re)) cues.push({ frequency, at: m.index });
  };
  add(/\b(?:0?6|sau)\sth[a-z]ng(?:\sdau\sn[a-z]m)?\b|\bsemi|\bnua\sn[a-z]m\b/g, 'semiannual');
  add(
    /\bh[a-z]ng\sn[a-z]m\b|\bb[a-z]o\sc[a-z]{1,2}o\sn[a-z]m\b|\bca\sn[a-z]m\b|\bt[o0]ng\sket\sn[a-z]m\b|\bmoi\sn[a-z]m\b/g,
    'annual',
  );
  add(/\bh[a-z]ng\squy\b|\bb[a-z]o\sc[a-z]{1,2}o\squy\b|\btheo\squy\b(?!\s(?:dinh|che|trinh))/g, 'quarterly');
  add(/\bh[a-z]ng\sth[a-z]ng\b|\bb[a-z]o\sc[a-z]{1,2}o\sth[a-z]ng\b(?!\s\d)|\btheo\sth[a-z]ng\b/g, 'monthly');
  add(/\bkhi\sco\s(?:yeu\scau|huong\sdan|van\sban)|\bdot\sxuat\b|\btheo\syeu\scau\b/g, 'on_request');
  add(/\bdinh\sky\b|\bthuong\sky\b/g, 'periodic');
  return cues.sort((a, b) => a.at - b.at);
}

interface Due {
  at: number;
  day: number;
  month: number | null;
  year: number | null;
  annualAfter: boolean;
  monthlyAfter: boolean;
  /** dates listed after one "trước ngày" ("trước ngày 15/6 và 15/12") share a chain */
  chain: number;
  /** a date after the chain's first */
  follower: boolean;
}

// a further day/month after a due date: "… và 15/12", "…, ngày 15/12"
const NEXT_DUE = /^\s?(?:,|va)\s(?:ngay\s)?(\d{1,2})\s?[/.-]\s?(\d{1,2})(?!\d|\s?[/.-]\s?\d)/;

function dueDates(folded: string): Due[] {
  const out: Due[] = [];
  const re = new RegExp(
    `${TRUOC}\\s(?:ngay\\s)?(\\d{1,2})(?:\\s?[/.-]\\s?(\\d{1,2})(?:\\s?[/.-]\\s?((?:19|20)\\d{2}))?|\\sth[a-z]ng\\s(\\d{1,2})(?:\\s?,?\\sn[a-z]m\\s((?:19|20)\\d{2}))?)?`,
    'g',
  );
  let chain = 0;
  for (const m of folded.matchAll(re)) {
    const month = m[2] ?? m[4];
    const year = m[3] ?? m[5];
    let end = m.index + m[0].length;
    const tail = folded.slice(end, end + 24);
    chain++;
    out.push({
      at: m.index,
      day: Number(m[1]),
      month: month ? Number(month) : null,
      year: year ? Number(year) : null,
      annualAfter: /^\s?,?\s?(?:h[a-z]ng|moi|cua)\sn[a-z]m/.test(tail),
      monthlyAfter:
        /^\s?,?\s?(?:h[a-z]ng|moi)\sth[a-z]ng/.test(tail) ||
        /^\s?(?:cua\s)?th[a-z]ng\s(?:cuoi|sau)/.test(tail),
      chain,
      follower: false,
    });
    if (!m[2] || m[3]) continue;
    // "trước ngày 25/5 và 25/11": each further day/month is a due of its own, in the same chain
    for (let next = NEXT_DUE.exec(folded.slice(end)); next; next = NEXT_DUE.exec(folded.slice(end))) {
      out.push({
        at: end + (next.index ?? 0),
        day: Number(next[1]),
        month: Number(next[2]),
        year: null,
        annualAfter: false,
        monthlyAfter: false,
        chain,
        follower: true,
      });
      end += next[0].length;
    }
    // "trước ngày 01/6 và 15/11 hằng năm": the period after the list holds for each of its dates
    if (/^\s?,?\s?(?:h[a-z]ng|moi)\sn[a-z]m/.test(folded.slice(end, end + 24)))
      for (const due of out) if (due.chain === chain) due.annualAfter = true;
  }
  return out;
}

const ORG_WORD =
  /(?:ubnd|uy ban|so|ban|lien doan|ldld|thuong truc|tinh uy|huyen uy|thanh uy|dang uy|bo|cuc|van phong|hdnd|cong doan|phong)\b(?!\s?ket)/;
// a new unit after a comma ends the first one; "Sở Văn hóa, Thể thao và Du lịch" goes on
const NEXT_UNIT =
  /^(?:sở|ban|ủy ban|ubnd|uỷ ban|liên đoàn|phòng|bộ|cục|văn phòng|hội|tỉnh ủy|huyện ủy|công đoàn|các|và)\b/iu;

function readTo(sentence: string, folded: string): string | null {
  const m =
    /\b(?:gui\s(?:ve\s)?|ve\s(?=[a-z]*\s?(?:lien|ban|uy|so|bo|ldld|tong|thuong|van|phong|cuc|hoi|tinh|huyen|ubnd|cong))|cho\s(?=ban|thuong|lien|uy|so|bo))/d.exec(
      folded,
    ) ?? new RegExp(`\\bb[a-z]o\\sc[a-z]{1,2}o\\s(?=${ORG_WORD.source})`).exec(folded);
  if (!m) return null;
  const from = m.index + m[0].length;
  const rest = sentence.slice(from, from + 160);
  // keep a "(qua Ban …)" aside, stop at the date or the next clause
  const stopRe =
    /\s(?:trước|trươc|truoc|trude|để|theo|định kỳ|hằng|hàng|trong|khi|sau khi|vào|và báo cáo|kết quả|tình hình)\s|[;.]|,\s/giu;
  let end = rest.length;
  for (const stop of rest.matchAll(stopRe)) {
    if (
      stop[0] === ', ' &&
      /^\p{Lu}/u.test(rest.slice(stop.index + 2)) &&
      !NEXT_UNIT.test(rest.slice(stop.index + 2))
    )
      continue;
    end = stop.index;
    break;
  }
  const to = rest.slice(0, end).trim();
  return to.length >= 3 && /^\p{Lu}/u.test(to) ? to : null;
}

/**
 * "Báo cáo 6 tháng và hằng năm … trước ngày 25/5 và 25/11": dates listed after one "trước ngày"
 * answer the frequencies named before them in the same order (the genre lists the periods in the
 * order of the year). Paired only when the counts agree; otherwise each date reads alone.
 */
function pairChains(dues: readonly Due[], cues: readonly Cue[]): Map<Due, Cue> {
  const pairs = new Map<Due, Cue>();
  const chains = new Map<number, Due[]>();
  for (const due of dues) {
    if (due.month === null || due.year !== null) continue;
    chains.set(due.chain, [...(chains.get(due.chain) ?? []), due]);
  }
  for (const chain of chains.values()) {
    if (chain.length < 2) continue;
    const before = cues.filter(
      (c) => c.at < chain[0]!.at && (c.frequency === 'semiannual' || c.frequency === 'annual'),
    );
    const distinct = before.filter((c, k) => before.findIndex((o) => o.frequency === c.frequency) === k);
    if (distinct.length !== chain.length) continue;
    for (const [k, due] of chain.entries()) pairs.set(due, distinct[k]!);
  }
  return pairs;
}

/** Reporting duties set by the sentences of the text. */
export function extractReporting(sentences: readonly string[]): TReporting[] {
  const out: TReporting[] = [];
  for (const sentence of sentences) {
    const folded = foldChars(sentence);
    if (!REPORT.test(folded)) continue;
    const cues = frequencyCues(folded);
    const dues = dueDates(folded);
    const to = readTo(sentence, folded);
    const found: TReporting[] = [];
    const usedCues = new Set<Cue>();
    const paired = pairChains(dues, cues);
    const chainFrequencies = new Map<number, TReportingFrequency>();
    for (const due of dues) {
      let frequency: TReportingFrequency | null = null;
      let value: string | null = null;
      const pair = paired.get(due);
      const chainFrequency = chainFrequencies.get(due.chain);
      if (due.month !== null && due.year !== null) {
        frequency = 'once';
        value = isoDate(due.year, due.month, due.day);
      } else if (pair) {
        frequency = pair.frequency;
        usedCues.add(pair);
        value = monthDay(due.month!, due.day);
      } else if (due.follower) {
        // "trước ngày 01/6 và 15/11 hằng năm" is two duties of the first date's period (gold rulebook)
        frequency = chainFrequency ?? null;
        value = monthDay(due.month!, due.day);
      } else if (due.month !== null) {
        const cue = [...cues]
          .reverse()
          .find((c) => c.at < due.at && (c.frequency === 'semiannual' || c.frequency === 'annual'));
        frequency = due.annualAfter ? 'annual' : (cue?.frequency ?? 'annual');
        if (cue && !due.annualAfter) usedCues.add(cue);
        value = monthDay(due.month, due.day);
      } else {
        const cue = [...cues]
          .reverse()
          .find((c) => c.at < due.at && (c.frequency === 'monthly' || c.frequency === 'quarterly'));
        if (due.monthlyAfter || cue) {
          frequency = cue?.frequency ?? 'monthly';
          if (cue) usedCues.add(cue);
          value = due.day >= 1 && due.day <= 31 ? String(due.day).padStart(2, '0') : null;
        }
      }
      if (frequency && value) {
        if (!due.follower) chainFrequencies.set(due.chain, frequency);
        found.push({ frequency, due: value, to });
        // the cue right after "trước ngày 10/11 hằng năm" is this duty's own
        for (const c of cues)
          if (c.at > due.at && c.at - due.at < 40 && c.frequency === frequency) usedCues.add(c);
      }
    }
    const specific = cues.some((c) => c.frequency !== 'periodic' && c.frequency !== 'on_request');
    for (const cue of cues) {
      if (usedCues.has(cue)) continue;
      if (cue.frequency === 'periodic' && (specific || found.length > 0)) continue;
      if (found.some((f) => f.frequency === cue.frequency)) continue;
      found.push({ frequency: cue.frequency, due: null, to });
    }
    for (const f of found) {
      // one duty per frequency: a dated one replaces an undated one
      const same = out.findIndex(
        (o) => o.frequency === f.frequency && (o.due === f.due || o.due === null || f.due === null),
      );
      if (same < 0) out.push(f);
      else if (out[same]!.due === null && f.due !== null) out[same] = f;
    }
  }
  return out;
}
