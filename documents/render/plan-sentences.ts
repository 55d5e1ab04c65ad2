/**
 * Structured plan data written back as the genre's sentences: a target and its milestones
 * ("Phấn đấu đến năm 2025 đạt trên 90% và đến năm 2030 đạt trên 95% cán bộ…"), a reporting
 * duty ("Báo cáo kết quả thực hiện hằng năm gửi về … trước ngày 10/11."), a dated campaign.
 * The wording is the one plans use, so a reader of plans reads the same data back.
 */

import type { TEvent, TMilestone, TReporting, TTarget } from '../../contracts/plan-extract.ts';
import { foldText } from '../../domain/fold-text.ts';
import { formatDate } from './plan-for-render.ts';

/** 90 → "90", 2.5 → "2,5", 1500 → "1.500" (Vietnamese separators). */
export function formatNumber(value: number): string {
  const [int, frac] = String(Math.abs(value)).split('.') as [string, string | undefined];
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${value < 0 ? '-' : ''}${grouped}${frac ? `,${frac}` : ''}`;
}

const isPercent = (m: TMilestone): boolean => m.unit === '%';

function amount(m: TMilestone): string {
  return isPercent(m) ? `${formatNumber(m.value)}%` : `${formatNumber(m.value)} ${m.unit ?? ''}`.trimEnd();
}

/** The comparator in words before (or around) the amount. */
function comparison(m: TMilestone): string {
  const a = amount(m);
  switch (m.op) {
    case '>':
      return isPercent(m) ? `đạt trên ${a}` : `trên ${a}`;
    case '>=':
      return isPercent(m) ? `đạt từ ${a} trở lên` : `ít nhất ${a}`;
    case '<':
      return `còn dưới ${a}`;
    case '<=':
      return `ở mức không quá ${a}`;
    default:
      return `đạt ${a}`;
  }
}

function when(m: TMilestone): string | null {
  if (m.year !== null) return `đến năm ${m.year}`;
  if (m.recurrence === 'annual') return 'hằng năm';
  return null;
}

function lowerFirst(text: string): string {
  // "Tỷ lệ nữ…" → "tỷ lệ nữ…", but "CNVCLĐ…" and "Công đoàn ngành" stay (a name keeps its capital)
  if (/^\p{Lu}\p{Ll}/u.test(text) && !/^(?:Công đoàn|Liên đoàn|Ban|Sở|Ủy ban|Hội)\s/u.test(text)) {
    return text.charAt(0).toLocaleLowerCase('vi') + text.slice(1);
  }
  return text;
}

const stripEnd = (text: string): string => text.replace(/[\s.;:,]+$/u, '').trim();

/** True when the target's text already states its only count ("ít nhất một hoạt động"). */
function statesOwnCount(target: TTarget): boolean {
  if (target.milestones.length !== 1) return false;
  const m = target.milestones[0]!;
  if (isPercent(m) || !m.unit) return false;
  const folded = foldText(target.text);
  const words: Record<number, string> = { 1: 'mot', 2: 'hai', 3: 'ba', 4: 'bon', 5: 'nam' };
  const numbers = [formatNumber(m.value), words[m.value]].filter(Boolean).join('|');
  return new RegExp(`(?:^|\\s)(?:${numbers})\\s${foldText(m.unit)}`).test(folded);
}

/** One sentence stating a target with every milestone. */
export function targetSentence(target: TTarget): string {
  const text = stripEnd(target.text);
  if (target.milestones.length === 0) return `${text.charAt(0).toLocaleUpperCase('vi')}${text.slice(1)}.`;
  if (statesOwnCount(target)) {
    const at = when(target.milestones[0]!);
    const lead = at ? `${at.charAt(0).toLocaleUpperCase('vi')}${at.slice(1)}, ` : '';
    return `${lead}${lead ? lowerFirst(text) : text}.`;
  }
  const phrases = target.milestones.map((m) => [when(m), comparison(m)].filter(Boolean).join(' '));
  if (target.milestones.every(isPercent)) return `Phấn đấu ${phrases.join(' và ')} ${lowerFirst(text)}.`;
  // counted things: the indicator first, then the numbers
  return `${text.charAt(0).toLocaleUpperCase('vi')}${text.slice(1)}: phấn đấu ${phrases.join(' và ')}.`;
}

/** "10/11" from "11-10" (annual and semiannual dues are MM-DD). */
function dayMonth(mmdd: string): string {
  const [m, d] = mmdd.split('-');
  return `${d}/${m}`;
}

/** One sentence stating a reporting duty. */
export function reportingSentence(r: TReporting): string {
  const to = r.to ? ` gửi về ${stripEnd(r.to)}` : '';
  switch (r.frequency) {
    case 'annual':
      return `Báo cáo kết quả thực hiện hằng năm${to}${r.due ? ` trước ngày ${dayMonth(r.due)}` : ''}.`;
    case 'semiannual':
      return `Báo cáo kết quả thực hiện 6 tháng${to}${r.due ? ` trước ngày ${dayMonth(r.due)}` : ''}.`;
    case 'quarterly':
      return `Báo cáo kết quả thực hiện hằng quý${to}${r.due ? ` trước ngày ${r.due} tháng cuối quý` : ''}.`;
    case 'monthly':
      return `Báo cáo kết quả thực hiện hằng tháng${to}${r.due ? ` trước ngày ${r.due}` : ''}.`;
    case 'periodic':
      return `Định kỳ báo cáo kết quả thực hiện${to}.`;
    case 'on_request':
      return `Báo cáo đột xuất${to} khi có yêu cầu.`;
    case 'once':
      return `Báo cáo kết quả thực hiện${to}${r.due ? ` trước ngày ${formatDate(r.due)}` : ''}.`;
  }
}

/** "Tháng hành động quốc gia về dân số từ ngày 01/12 đến ngày 31/12." */
export function eventSentence(event: TEvent): string {
  const name = stripEnd(event.name);
  if (event.start && event.end && event.start !== event.end) {
    return `${name} từ ngày ${dayMonth(event.start)} đến ngày ${dayMonth(event.end)}.`;
  }
  const day = event.start ?? event.end;
  return day ? `${name} (ngày ${dayMonth(day)}).` : `${name}.`;
}
