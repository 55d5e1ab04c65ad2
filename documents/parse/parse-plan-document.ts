/**
 * Entry of the document reader: text (or a file) → plan-extract/v1. Splits the file into
 * documents, reads each header, rebuilds the numbering outline of the body and hands its
 * sections to the extractors. Rules are those of the genre (Decree 30/2020 layout), never of
 * particular documents.
 */
import { basename } from 'node:path';
import type { TExtractedDocument, TPlanExtract, TTask } from '../../contracts/plan-extract.ts';
import { foldChars } from '../../domain/fold-text.ts';
import {
  buildParagraphs,
  findHeadings,
  firstLevelItems,
  type OutlineItem,
  type Paragraph,
  sectionScope,
} from './build-outline.ts';
import { assignmentOfArticle, extractAssignments, headedByUnit } from './extract-assignments.ts';
import { extractEvents } from './extract-events.ts';
import { composeIssuer, extractHeader, matchDocumentType } from './extract-header.ts';
import { extractRecipients, findRecipientsLine } from './extract-recipients.ts';
import { extractReferences, type ReferenceSource } from './extract-references.ts';
import { extractReporting } from './extract-reporting.ts';
import { extractSigner } from './extract-signer.ts';
import { extractTargets, spanEndYear } from './extract-targets.ts';
import { tasksFromInstructions, tasksFromItems, tasksFromRequestLists } from './extract-tasks.ts';
import { inferIssuerFromBody } from './infer-issuer.ts';
import { issuerFromSymbol } from './issuer-names.ts';
import { isMostlyUpper, normalizeText } from './normalize-text.ts';
import { dropPageChrome } from './page-chrome.ts';
import { readPipeTargetTables } from './read-pipe-target-table.ts';
import { readTargetTables } from './read-target-table.ts';
import { readTaskTables } from './read-task-table.ts';
import { rebuildBarTables, rebuildPipeHeader } from './rebuild-tables.ts';
import { splitDocuments } from './split-documents.ts';
import { unflattenClosing } from './unflatten-closing.ts';
import { unflattenHeader } from './unflatten-header.ts';
import { isoDate } from './vietnamese-dates.ts';

export interface ParseOptions {
  /** file name to report as `source` */
  source: string;
}

const TCTH =
  /to chuc thuc hien|phan cong (?:nhiem vu|thuc hien|trach nhiem)|trach nhiem (?:thuc hien|cua cac|cua co quan|cua don vi)|to chuc trien khai/;
const TASKS =
  /nhiem vu|giai phap|bien phap|phuong huong|noi dung(?:,| (?:trong tam|chu yeu|hoat dong|thuc hien|cong tac|cong viec|va|,|hinh thuc|tien do))|cac hoat dong/;

/** Kinds whose bodies are each given their task by name: conclusion notices, directives, telegrams. */
const NOTICE_KINDS = new Set(['TB', 'CT', 'CĐ', 'KL']);
/** A point that asks for what the items under it say: a sentence of its own ending on ":". */
const opensRequest = (text: string): boolean => /:\s*$/.test(text) && text.split(/\s+/).length > 12;

/**
 * "1. Đối với Ủy ban nhân dân các cấp: 1.1. Ủy ban nhân dân Thành phố: … 1.2. …", "2. Các sở,
 * ngành: a) Sở Xây dựng: …": a first level of groups whose items name the units; the units are
 * the items under the groups (a group that names no two units stays an item).
 */
function unitsUnderGroups(items: readonly OutlineItem[]): OutlineItem[] {
  return items.flatMap((it) => {
    const head = foldChars(it.head.text.trim());
    const group =
      it.head.text.split(/\s+/).length <= 12 &&
      !/[.;]./.test(head) &&
      (/^(?:doi voi|cac|cap)\b/.test(head) ||
        /\bcac (?:cap|so|nganh|don vi|co quan|dia phuong)\b/.test(head));
    if (!group) return [it];
    const subs = firstLevelItems(it.body, 0, it.body.length).filter(
      (sub) => sub.head.marker && sub.head.marker.kind !== 'dash' && sub.head.marker.kind !== 'plus',
    );
    return extractAssignments(subs).length >= 2 ? subs : [it];
  });
}

/** A letter's tasks: the lists its requests open, and its "Giao X chủ trì …" sentences. */
function tasksOfLetter(body: readonly Paragraph[]): TTask[] {
  const lists = tasksFromRequestLists(body);
  return [...lists.tasks, ...tasksFromInstructions(body.filter((p) => !lists.used.has(p)))];
}

/**
 * A heading that names both ("NỘI DUNG, TIẾN ĐỘ, PHÂN CÔNG TRÁCH NHIỆM THỰC HIỆN") takes the role
 * its first words name: the tasks when it starts with them.
 */
function tasksFirst(folded: string): boolean {
  const t = TASKS.exec(folded);
  const o = TCTH.exec(folded);
  return t !== null && (o === null || t.index < o.index);
}
const TARGETS = /muc tieu|chi tieu/;
// a report's sections: its account of work done, and what it plans next
const REPORT_RESULTS =
  /ket qua|tinh hinh|danh gia|ton tai|han che|khuyet diem|nguyen nhan|bai hoc|nhan xet|khai quat|da dat|thuc hien duoc/;
const REPORT_FORWARD =
  /phuong huong|nhiem vu (?:trong tam |chu yeu |cong tac )?(?:thang|quy|nam|giai doan|\d)|(?:nhiem vu|ke hoach|chuong trinh) (?:cong tac )?(?:thang|quy|nam) (?:toi|sau|tiep theo)|(?:thang|quy|nam) toi|thoi gian toi|nhiem vu,? giai phap|thang cuoi nam/;
const LEAD_START = /^(?:can cu|thuc hien|theo|tiep nhan|trien khai|thi hanh|xet|nham)/;

function sentencesOf(paragraphs: readonly Paragraph[]): string[] {
  return paragraphs.flatMap((p) =>
    p.text
      .split(/(?<=[.!?])\s+(?=\p{Lu})|;\s*/u)
      .map((s) => s.trim())
      .filter((s) => s.length > 0),
  );
}

/** Outermost headings among `indices` (a heading inside another's scope is dropped). */
function outermost(paragraphs: readonly Paragraph[], indices: readonly number[]): number[] {
  const out: number[] = [];
  for (const i of indices) {
    const inside = out.some((o) => {
      const scope = sectionScope(paragraphs, o);
      return i >= scope.from && i < scope.to;
    });
    if (!inside) out.push(i);
  }
  return out;
}

const ATTACHED_HEAD =
  /^(?:ke hoach|chuong trinh(?: hanh dong)?|de an|quy che|quy dinh|huong dan|phu luc|danh muc)\b|^(?:[ivx]+)[.\-–]\s/;

/** The first line of a part attached after the closing (a plan a decision issues), or -1. */
function findAttachedPart(lines: readonly string[], from: number): number {
  for (let i = Math.max(0, from); i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line.length === 0 || line.length > 400) continue;
    const folded = foldChars(line);
    if (ATTACHED_HEAD.test(folded) && (/^[ivx]+[.\-–]\s/.test(folded) || isMostlyUpper(line.slice(0, 40))))
      return i;
  }
  return -1;
}

/** Two indicator texts name the same thing (most of the shorter one's words are in the other). */
function sameIndicator(a: string, b: string): boolean {
  const words = (t: string): string[] =>
    foldChars(t)
      .split(/[^a-z0-9%]+/)
      .filter((w) => w.length > 1);
  const [short, long] =
    words(a).length <= words(b).length ? [words(a), new Set(words(b))] : [words(b), new Set(words(a))];
  if (short.length === 0) return false;
  return short.filter((w) => long.has(w)).length / short.length >= 0.8;
}

const SELF_REFERENCE =
  /\b(nghi quyet|quyet dinh|ke hoach|chi thi|ket luan|thong bao|huong dan|chuong trinh|cong van|quy dinh) nay\b/g;

/** The type a document gives itself ("Nghị quyết này phổ biến đến chi bộ"), if one dominates. */
function kindFromSelfReference(text: string): string | null {
  const counts = new Map<string, number>();
  for (const m of foldChars(text).matchAll(SELF_REFERENCE)) counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + 1);
  const best = [...counts].sort((a, b) => b[1] - a[1])[0];
  return best ? (matchDocumentType(best[0])?.code ?? null) : null;
}

/** The adoption date of a law or resolution ("… được Quốc hội … thông qua ngày 19 tháng 02 năm 2025"). */
function adoptionDate(text: string): string | null {
  const m = /thong qua ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*((?:19|20)\d{2})/.exec(foldChars(text));
  return m ? isoDate(Number(m[3]), Number(m[2]), Number(m[1])) : null;
}

function isHeadingParagraph(p: Paragraph): boolean {
  if (!p.marker) return false;
  if (p.marker.kind === 'dash' || p.marker.kind === 'plus') {
    // "- Giai đoạn 2025-2027:" heads the indicators listed under it
    return (
      p.text.split(/\s+/).length <= 8 &&
      !/\d\s?%/.test(p.text) &&
      /^(?:giai doan|den nam|nam|trong nam)\s/.test(foldChars(p.text))
    );
  }
  return p.text.split(/\s+/).length <= 25 && !/\d\s?%/.test(p.text);
}

function parseOneDocument(lines: readonly string[]): TExtractedDocument {
  const fullText = lines.join('\n');
  const header = extractHeader(lines, fullText);
  const bodyStart = Math.min(header.bodyStart, lines.length);
  const docYear = Number(
    header.date?.slice(0, 4) ?? /(?:19|20)\d{2}/.exec(header.title ?? '')?.[0] ?? Number.NaN,
  );

  const recipientsLine = findRecipientsLine(lines, bodyStart);
  const signerFrom = recipientsLine >= 0 ? Math.max(bodyStart, recipientsLine - 8) : bodyStart;
  const signed =
    extractSigner(lines, signerFrom, lines.length) ?? extractSigner(lines, bodyStart, lines.length);
  const ends = [lines.length];
  if (recipientsLine >= 0) ends.push(recipientsLine);
  if (signed) ends.push(signed.line);
  const bodyEnd = Math.max(bodyStart, Math.min(...ends));

  // what a decision issues ("KẾ HOẠCH … (Ban hành kèm theo Quyết định …)") and its appendices
  // follow the closing: their sections are the document's own (gold rulebook, Decree 30)
  const attachedFrom = findAttachedPart(lines, Math.max(bodyEnd, signed?.line ?? -1, recipientsLine) + 1);
  const body = [
    ...buildParagraphs(lines, bodyStart, bodyEnd),
    ...(attachedFrom >= 0 ? buildParagraphs(lines, attachedFrom, lines.length) : []),
  ];
  const tailFrom = Math.max(bodyEnd, recipientsLine, signed?.line ?? -1);
  const tail = buildParagraphs(lines, tailFrom, lines.length).filter(
    (p) => !/^[-–+•]/.test(lines[p.start]!.trim()),
  );

  // opening clauses: paragraphs before the first numbered one ("Căn cứ…", "Thực hiện…")
  const lead: Paragraph[] = [];
  for (const p of body) {
    if (p.marker) break;
    if (lead.length < 3 || LEAD_START.test(foldChars(p.text))) lead.push(p);
    else break;
  }

  const tcth = findHeadings(body, TCTH, 12).filter((i) => !tasksFirst(foldChars(body[i]!.text)));
  const inTcth = (i: number): boolean =>
    tcth.some((t) => {
      const s = sectionScope(body, t);
      return i === t || (i >= s.from && i < s.to);
    });

  // A report (BC) gives an account of work done: its results are not targets and its numbered
  // results are not tasks. Targets of a report are only goals it sets ("phấn đấu", "chỉ tiêu … năm
  // tới"), its tasks only the items of its "phương hướng, nhiệm vụ" section.
  const isReport = header.kind === 'BC';
  const inScopeOf = (heads: readonly number[], i: number): boolean =>
    heads.some((h) => {
      const sc = sectionScope(body, h);
      return i === h || (i >= sc.from && i < sc.to);
    });
  const forwardHeads = isReport
    ? outermost(
        body,
        findHeadings(body, REPORT_FORWARD, 20).filter(
          (i) => !/ket qua|tinh hinh|danh gia/.test(foldChars(body[i]!.text)),
        ),
      )
    : [];
  const resultHeads = isReport
    ? outermost(
        body,
        findHeadings(body, REPORT_RESULTS, 20).filter((i) => !forwardHeads.includes(i)),
      ).filter((i) => !inScopeOf(forwardHeads, i))
    : [];

  // targets
  const targetHeads = outermost(
    body,
    findHeadings(body, TARGETS).filter(
      (i) =>
        !inTcth(i) &&
        (!isReport || (!inScopeOf(resultHeads, i) && !REPORT_RESULTS.test(foldChars(body[i]!.text)))),
    ),
  );
  const bodyLineEnd = body.length > 0 ? body.at(-1)!.end + 1 : bodyStart;
  const tables = isReport
    ? { targets: [], used: new Set<number>() }
    : readTargetTables(lines, bodyStart, bodyLineEnd);
  let firstTableLine = Number.POSITIVE_INFINITY;
  for (const line of tables.used) firstTableLine = Math.min(firstTableLine, line);
  const targetParagraphs: { text: string; isHeading: boolean; headingText: string | null; line: number }[] =
    [];
  for (const h of targetHeads) {
    const { from, to } = sectionScope(body, h);
    let headingText: string | null = null;
    for (let i = from; i < to; i++) {
      const p = body[i]!;
      if (tables.used.has(p.start)) continue;
      const heading = isHeadingParagraph(p);
      if (heading) headingText = p.text.replace(/^Mục tiêu\s*\d*\s*:\s*/iu, '');
      targetParagraphs.push({
        text: p.text,
        isHeading: heading,
        headingText: heading ? null : headingText,
        line: p.start,
      });
    }
  }
  if (targetHeads.length === 0) {
    body.forEach((p, i) => {
      if (tables.used.has(p.start)) return;
      const folded = foldChars(p.text);
      if (isReport) {
        // a report's goals: "phấn đấu …", "chỉ tiêu/mục tiêu … (năm|tháng|quý) tới", outside its results
        if (inScopeOf(resultHeads, i) || !/\d\s?%|\d\s\p{L}/u.test(p.text)) return;
        if (/phan dau|(?:chi tieu|muc tieu).{0,80}(?:toi|tiep theo|sau)\b/.test(folded))
          targetParagraphs.push({ text: p.text, isHeading: false, headingText: null, line: p.start });
        return;
      }
      if (/phan dau/.test(folded) && /\d\s?%/.test(p.text)) {
        targetParagraphs.push({ text: p.text, isHeading: false, headingText: null, line: p.start });
      }
    });
  }
  const textTargets = [
    ...extractTargets(targetParagraphs.filter((p) => p.line < firstTableLine)),
    ...tables.targets,
    ...extractTargets(targetParagraphs.filter((p) => p.line > firstTableLine)),
  ];
  // row-a-line target tables (appendices); an indicator the text already gave is not repeated
  const pipeTargets = isReport
    ? []
    : readPipeTargetTables(lines, bodyStart, lines.length, Number.isFinite(docYear) ? docYear : null).filter(
        (t) => !textTargets.some((u) => sameIndicator(u.text, t.text)),
      );
  const targets = [...textTargets, ...pipeTargets];
  // a plan for one year ("Kế hoạch … năm 2025") sets that year for targets that name none: the
  // title is the heading of the whole document
  const titleYears = [
    ...foldChars(header.title ?? '').matchAll(
      /(?<!ngay \d{1,2} thang \d{1,2} )nam ((?:19|20)\d{2})(?!\s*[-–])/g,
    ),
  ];
  // …or for one school year ("Nghị quyết hội nghị CBCCVC năm học 2020-2021": its second year)
  const titleSchoolYear = /nam hoc\s*(?:19|20)\d{2}\s*[-–]/.test(foldChars(header.title ?? ''))
    ? spanEndYear(foldChars(header.title ?? ''))
    : null;
  const titleYear = titleYears.length === 1 ? Number(titleYears[0]![1]) : titleSchoolYear;
  if (titleYear !== null)
    for (const t of targets)
      for (const m of t.milestones) if (m.year === null && !m.recurrence) m.year = titleYear;

  // tasks
  const hasSections = body.some((p) => p.marker?.kind === 'roman' || p.marker?.kind === 'caps');
  let taskItems: OutlineItem[];
  // "1. Nhiệm vụ" / "2. Giải pháp": a first level of bare headings; the tasks are the items under them
  const underBareHeadings = (items: OutlineItem[]): OutlineItem[] => {
    // a heading: short, or with no sentence of its own before its numbered sub-items
    const bare = (it: OutlineItem): boolean => {
      const words = it.head.text.split(/\s+/).length;
      // "1. Nội dung công việc." — a short heading may close with a full stop
      if (words <= 6 && !/;$/.test(it.head.text.trim()) && it.body.some((p) => p.marker)) return true;
      return (
        !/[.;]$/.test(it.head.text.trim()) &&
        words <= 30 &&
        it.body.length > 0 &&
        (it.body[0]!.marker?.kind === 'arabic2' || it.body[0]!.marker?.kind === 'letter')
      );
    };
    if (items.length === 0 || !items.every(bare)) return items;
    return items.flatMap((it) => {
      const sub = firstLevelItems(it.body, 0, it.body.length);
      return sub.length > 0 ? sub : [it];
    });
  };
  if (isReport) {
    taskItems = forwardHeads.flatMap((h) => {
      const { from, to } = sectionScope(body, h);
      return firstLevelItems(body, from, to);
    });
  } else {
    const taskHeads = outermost(
      body,
      findHeadings(body, TASKS).filter((i) => !inTcth(i) && !targetHeads.includes(i)),
    );
    taskItems = taskHeads.flatMap((h) => {
      const { from, to } = sectionScope(body, h);
      return underBareHeadings(firstLevelItems(body, from, to));
    });
    if (taskItems.length === 0 && !hasSections) {
      taskItems = underBareHeadings(
        firstLevelItems(body, 0, body.length).filter(
          (item) => item.head.marker?.kind === 'arabic' && !inTcth(body.indexOf(item.head)),
        ),
      );
    }
  }
  // a conclusion notice or a directive with no "Tổ chức thực hiện" gives each body its task as an
  // item headed by the body's name (gold rulebook), also where a numbered point's request opens
  // them ("2. … yêu cầu … như sau: (1) Bộ Y tế chỉ đạo …; (3) Bộ Công an tiếp tục …"); under a
  // topic heading ("Về ứng dụng trí tuệ nhân tạo") the topic is the task, as before
  if (tcth.length === 0 && NOTICE_KINDS.has(header.kind ?? '') && taskItems.length > 0)
    taskItems = taskItems.flatMap((it) =>
      opensRequest(it.head.text)
        ? [it, ...firstLevelItems(it.body, 0, it.body.length).filter((sub) => headedByUnit(sub.head.text))]
        : [it],
    );
  const bodyTasks = taskItems.length > 0 ? tasksFromItems(taskItems) : isReport ? [] : tasksOfLetter(body);
  // numbered rows of task tables, in the body or its appendices
  const tableTasks = isReport
    ? []
    : readTaskTables(lines, bodyStart, lines.length, Number.isFinite(docYear) ? docYear : null).tasks;
  const tasks = [...bodyTasks.filter((t) => !t.text.startsWith('|')), ...tableTasks];

  // assignments
  const assignments = tcth.flatMap((h) => {
    const { from, to } = sectionScope(body, h);
    const items = unitsUnderGroups(firstLevelItems(body, from, to));
    // a section written as plain paragraphs ("Sở Y tế chủ trì …"): each paragraph an item
    const plain = body.slice(from, to).filter((p) => !p.marker);
    return extractAssignments(
      items.length > 0 && items.length >= plain.length / 2
        ? items
        : plain.map((p) => ({ head: p, body: [] })),
    );
  });

  // a decision's own article "Điều 2. Giao <unit> …" outside any "Tổ chức thực hiện"
  body.forEach((p, i) => {
    if ((p.marker?.kind !== 'article' && p.marker?.kind !== 'articleOuter') || inTcth(i)) return;
    const { from, to } = sectionScope(body, i);
    const a = assignmentOfArticle(
      p.text,
      body.slice(from, to).map((q) => q.text),
    );
    if (!a) return;
    // "Điều 2. Giao các cơ quan, đơn vị: 1. Sở Y tế … 2. Sở Tài chính …": the units are its items
    const named = extractAssignments(firstLevelItems(body, from, to));
    for (const b of named.length >= 2 ? named : [a])
      if (!assignments.some((c) => c.unit === b.unit)) assignments.push(b);
  });

  // references
  const sources: ReferenceSource[] = [];
  if (header.title) sources.push({ text: header.title, basis: true });
  for (const p of lead) sources.push({ text: p.text, basis: true });
  for (const p of body) if (!lead.includes(p)) sources.push({ text: p.text, basis: false });
  for (const p of tail) sources.push({ text: p.text, basis: false });
  const references = extractReferences(sources, header.symbol);

  const sentences = [...sentencesOf(body), ...sentencesOf(tail)];
  const reporting = extractReporting(sentences);
  const events = extractEvents(sentencesOf(body));
  const recipients = extractRecipients(lines, recipientsLine);

  let issuer = header.issuer;
  if (!issuer && header.symbol) issuer = issuerFromSymbol(header.symbol, header.place);
  // the enacting authority's line above the "Căn cứ" clauses ("QUỐC HỘI", "THỦ TƯỚNG CHÍNH PHỦ")
  if (!issuer) {
    const first = body[0];
    if (first && !first.marker && isMostlyUpper(first.text) && first.text.split(/\s+/).length <= 8) {
      const named = composeIssuer([first.text.replace(/[:.]+$/, '')], fullText);
      if (
        named &&
        /^(?:quoc hoi|chinh phu|thu tuong|uy ban|hoi dong|ban chap hanh|ban thuong vu|doan chu tich|bo chinh tri|ban bi thu)/.test(
          foldChars(named),
        )
      )
        issuer = named;
    }
  }
  if (!issuer) {
    const closing = body.filter((p) => !p.marker).slice(-3);
    issuer = inferIssuerFromBody(
      lead.map((p) => p.text),
      closing.map((p) => p.text),
      header.place,
    );
  }

  // a text that lost its header still names itself ("Nghị quyết này …") and may close with its
  // adoption ("… thông qua ngày 19 tháng 02 năm 2025"); a letter is addressed "Kính gửi"
  const kind = header.kind ?? kindFromSelfReference(fullText) ?? (header.addressees.length > 0 ? 'CV' : null);
  const date = header.date ?? adoptionDate(lines.slice(Math.max(0, lines.length - 40)).join(' '));

  return {
    kind,
    symbol: header.symbol,
    issuer,
    place: header.place,
    date,
    title: header.title,
    addressees: header.addressees,
    signer: signed?.signer ?? null,
    references,
    targets,
    tasks,
    assignments,
    reporting,
    recipients,
    events,
  };
}

/** Reads plan-extract/v1 out of a document's text. Never throws on odd input. */
export function parsePlanDocument(text: string, options: ParseOptions): TPlanExtract {
  // the page's lines back from how the file flattened them: chrome off, tables rebuilt, the
  // header's and the closing's blocks on lines of their own
  const cleaned = dropPageChrome(normalizeText(text).split('\n'));
  const lines = unflattenClosing(unflattenHeader(rebuildPipeHeader(rebuildBarTables(cleaned))));
  const documents = splitDocuments(lines)
    .map(({ start, end }) => lines.slice(start, end))
    .filter((docLines) => docLines.some((l) => /\p{L}{2}/u.test(l)))
    .map(parseOneDocument);
  return { format: 'plan-extract/v1', source: options.source, documents };
}

export interface ParseFileOptions {
  /** OCR progress (page done, pages in all) */
  onProgress?: (done: number, total: number) => void;
  /** file name reported as `source` (default: the path's base name) */
  source?: string;
}

/** Reads a file of any supported kind (text, DOCX, PDF, scanned PDF, image) into plan-extract/v1. */
export async function parsePlanFile(path: string, options: ParseFileOptions = {}): Promise<TPlanExtract> {
  const { readInput } = await import('./read-input.ts');
  const text = await readInput(path, options.onProgress ? { onProgress: options.onProgress } : {});
  return parsePlanDocument(text, { source: options.source ?? basename(path) });
}
