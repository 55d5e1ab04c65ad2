/**
 * Tasks (nhiệm vụ, giải pháp): the first-level items of the tasks section, each with its
 * deadline ("hoàn thành trong tháng 8/2021" → 2021-08-31) and the unit that leads it (chủ trì).
 * A letter without such a section lists its tasks as top-level numbered items, or as a
 * "Giao X chủ trì…" instruction.
 */
import type { TTask } from '../../contracts/plan-extract.ts';
import { foldChars } from '../../domain/fold-text.ts';
import { firstSentence, type OutlineItem, type Paragraph } from './build-outline.ts';
import { findDeadline } from './vietnamese-dates.ts';

/** The unit that leads: "Giao Sở X chủ trì", "Sở X chủ trì, phối hợp", "Cơ quan chủ trì: X". */
export function findLead(text: string): string | null {
  const folded = foldChars(text);
  const labelled = /(?:co quan|don vi)\s(?:chu tri|thuc hien)\s?:\s?/.exec(folded);
  if (labelled) {
    const from = labelled.index + labelled[0].length;
    const rest = text.slice(from, from + 120);
    // " - " inside a name ("Ban Tuyên giáo - Nữ công", "Sở Lao động - Thương binh và Xã hội")
    // goes on; before a label, a lower-case word or a number it ends the name
    const cut = rest.search(
      /[;.\n]|\s[-–]\s(?=\p{Ll}|\d|(?:Đơn vị|Cơ quan|Thời gian|Thời hạn|Phối hợp|Kinh phí|Sản phẩm|Hoàn thành)\b)|,\s(?:phối hợp|thời gian)|\s\((?:phối hợp|thời gian)/u,
    );
    const lead = (cut >= 0 ? rest.slice(0, cut) : rest).trim();
    return lead.length > 1 ? lead : null;
  }
  const m =
    /(?:^|[(:;,.]\s?)(?:giao(?: cho)?|de nghi|yeu cau)\s(.{3,120}?)\s(?:chu tri|lam dau moi|la co quan dau moi)/d.exec(
      folded,
    );
  const span = m?.indices?.[1];
  if (span) {
    const lead = text.slice(span[0], span[1]).trim();
    return lead.length > 1 ? lead : null;
  }
  const direct = /(?:^|[.;:]\s+)(\p{Lu}[^,;.:]{2,100}?)\s(?:chủ trì|chu tri)(?=[\s,.;:]|$)/u.exec(text);
  return direct ? direct[1]!.trim() : null;
}

function taskText(head: Paragraph): string {
  const text = head.text.replace(/[:\s]+$/, '');
  return firstSentence(text);
}

/** One task per first-level item. */
export function tasksFromItems(items: readonly OutlineItem[]): TTask[] {
  const out: TTask[] = [];
  for (const item of items) {
    const text = taskText(item.head);
    if (text.length < 3) continue;
    const whole = [item.head.text, ...item.body.map((p) => p.text)].join(' ');
    out.push({ text, deadline: findDeadline(foldChars(whole)), lead: findLead(whole) });
  }
  return out;
}

/** "Giao X chủ trì … (hoàn thành trong tháng 8/2021)" instructions of a letter without numbering. */
export function tasksFromInstructions(paragraphs: readonly Paragraph[]): TTask[] {
  const out: TTask[] = [];
  for (const p of paragraphs) {
    const folded = foldChars(p.text);
    const re =
      /(?:^|[.:;]\s)(giao(?: cho)?\s.{3,160}?\s(?:chu tri|thuc hien|tham muu|co trach nhiem|khan truong))/g;
    for (const m of folded.matchAll(re)) {
      const start = m.index + m[0].length - m[1]!.length;
      const rest = p.text.slice(start);
      const sentence = /^(.+?)(?:\.\s+(?=\p{Lu})|\.?$)/u.exec(rest)?.[1] ?? rest;
      const text = sentence.replace(/\s*\((?:hoàn thành|hoan thanh|thời hạn|xong)[^)]*\)\s*$/i, '').trim();
      out.push({
        text: firstSentence(text),
        deadline: findDeadline(foldChars(sentence)),
        lead: findLead(sentence),
      });
    }
  }
  return out;
}

// a letter's request that opens a list: "Giám đốc Sở … có trách nhiệm:", "… đề nghị các đơn vị …
// Cụ thể:" (seen in b02, a06 and b09 of the tune part; wider openings such as "như sau:" were not
// backed by two documents and are left out)
const REQUEST_OPENING = /(?:co trach nhiem|cu the)\s*:$/;
const LIST_KINDS = new Set(['dash', 'plus', 'letter']);

/**
 * Tasks of a letter with no tasks section and no numbered items: the items of a list opened by a
 * request ("Giám đốc Sở … có trách nhiệm:" then "- Phối hợp …", "- Tăng cường …").
 */
export function tasksFromRequestLists(paragraphs: readonly Paragraph[]): {
  tasks: TTask[];
  used: Set<Paragraph>;
} {
  const tasks: TTask[] = [];
  const used = new Set<Paragraph>();
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i]!;
    const folded = foldChars(p.text.trim());
    if (!REQUEST_OPENING.test(folded) || /^(?:kinh gui|noi nhan)/.test(folded)) continue;
    const first = paragraphs[i + 1]?.marker;
    if (!first || !LIST_KINDS.has(first.kind)) continue;
    const items: OutlineItem[] = [];
    let j = i + 1;
    for (; j < paragraphs.length; j++) {
      const q = paragraphs[j]!;
      if (q.marker?.kind === first.kind) items.push({ head: q, body: [] });
      else if (q.marker && LIST_KINDS.has(q.marker.kind) && items.length > 0) items.at(-1)!.body.push(q);
      else break;
      used.add(q);
    }
    tasks.push(...tasksFromItems(items));
    i = j - 1;
  }
  return { tasks, used };
}
