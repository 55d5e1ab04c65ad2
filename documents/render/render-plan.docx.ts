/**
 * A plan as a DOCX in the official administrative layout (Decree 30/2020/NĐ-CP, which unions
 * follow through Quyết định 933/QĐ-TLĐ), written through the one official layer (`official/`):
 * its header, the type name and subject, the body with its numbered sections, then "Nơi nhận"
 * beside the signature block. Each document of a file is its own section.
 */
import { LineRuleType, Paragraph, type Table } from 'docx';
import { closingBlock, headerTable, officialDocx, type PaperHead } from './official/blocks.ts';
import {
  body,
  centred,
  draftMark,
  heading,
  LIST,
  listCounter,
  mm,
  numberedBody,
  rule,
  run,
  TEXT_WIDTH,
  text,
  upper,
} from './official/page.ts';
import { formatDate, layoutOf, type PlanForRender, typeName } from './plan-for-render.ts';
import { eventSentence, reportingSentence, targetSentence } from './plan-sentences.ts';

type Lists = ReturnType<typeof listCounter>;

export interface RenderOptions {
  /** document title in the file's properties (default: the first document's subject) */
  title?: string;
  /** author in the file's properties */
  creator?: string;
}

/** What the plan's header shows: its bodies, number (or a draft's blank one), place and date. */
export function planHead(plan: PlanForRender): PaperHead {
  return {
    layout: layoutOf(plan) === 'party' ? 'party' : 'state',
    supervisingBody: plan.supervisingBody ?? null,
    issuer: plan.issuer,
    symbol: plan.symbol,
    blankNumberSuffix: plan.symbol ? null : (plan.draft?.symbolSuffix ?? null),
    subjectLine: plan.kind === 'CV' ? plan.title : null,
    place: plan.place,
    date: plan.date,
    blankDateYear: plan.date ? null : (plan.draft?.year ?? null),
  };
}

const sentence = (value: string): string => {
  const trimmed = value.trim();
  return /[.!?:;…]$/u.test(trimmed) ? trimmed : `${trimmed}.`;
};

function titleBlock(plan: PlanForRender): Paragraph[] {
  const out: Paragraph[] = [];
  const type = plan.kind === 'CV' ? null : typeName(plan.kind);
  if (type) out.push(centred(upper(type), { bold: true }, { before: 360 }));
  if (plan.title && plan.kind !== 'CV') {
    out.push(centred(plan.title, { bold: true }, { before: type ? 0 : 360 }));
  }
  if (out.length > 0) out.push(rule(TEXT_WIDTH, mm(35)));
  if (plan.kind === 'CV' && plan.addressees.length > 0) {
    const indent = { left: mm(35) };
    const spacing = { before: 0, after: 0, line: 276, lineRule: LineRuleType.AUTO };
    if (plan.addressees.length === 1) {
      out.push(
        new Paragraph({
          // a long addressee wraps under itself, not under "Kính gửi"
          indent: { left: indent.left + mm(20), hanging: mm(20) },
          spacing: { ...spacing, before: 240, after: 240 },
          children: [run('Kính gửi: '), run(sentence(plan.addressees[0]!))],
        }),
      );
    } else {
      out.push(new Paragraph({ indent, spacing: { ...spacing, before: 240 }, children: [run('Kính gửi:')] }));
      plan.addressees.forEach((a, k) => {
        const last = k === plan.addressees.length - 1;
        out.push(
          new Paragraph({
            indent: { left: indent.left + mm(20) },
            spacing: last ? { ...spacing, after: 240 } : spacing,
            children: [run(`- ${a.replace(/[;.]+$/u, '')}${last ? '.' : ';'}`)],
          }),
        );
      });
    }
  }
  if (out.length > 0) out.push(new Paragraph({ spacing: { before: 0, after: 120 }, children: [] }));
  return out;
}

/** A plan that is a plain letter: a công văn with tasks and reports only, no sections. */
function isPlainLetter(plan: PlanForRender): boolean {
  return (
    plan.kind === 'CV' &&
    plan.targets.length === 0 &&
    plan.assignments.length === 0 &&
    (plan.purposes ?? []).length === 0 &&
    plan.events.length === 0 &&
    !plan.fundingText &&
    (plan.sections ?? []).length === 0
  );
}

function taskParagraphs(plan: PlanForRender, lists: Lists): Paragraph[] {
  const out: Paragraph[] = [];
  const bold = !isPlainLetter(plan);
  const numbered = lists(bold ? LIST.boldItems : LIST.items);
  plan.tasks.forEach((task) => {
    out.push(numberedBody([run(sentence(task.text), { bold })], numbered));
    if (task.lead) out.push(body([run('Đơn vị chủ trì: ', { italics: true }), run(sentence(task.lead))]));
    if (task.deadline) {
      out.push(
        body([run('Thời gian hoàn thành: ', { italics: true }), run(`${formatDate(task.deadline)}.`)]),
      );
    }
  });
  return out;
}

function bodyParagraphs(plan: PlanForRender, lists: Lists): Paragraph[] {
  const out: Paragraph[] = [];
  if (plan.preamble) out.push(text(plan.preamble));
  const reporting = plan.reporting.map((r) => text(reportingSentence(r)));
  if (isPlainLetter(plan)) {
    out.push(...taskParagraphs(plan, lists), ...reporting);
  } else {
    const sections: { heading: string; paragraphs: Paragraph[] }[] = [];
    const purposes = plan.purposes ?? [];
    if (purposes.length > 0) sections.push({ heading: 'MỤC ĐÍCH, YÊU CẦU', paragraphs: purposes.map(text) });
    if (plan.targets.length > 0) {
      sections.push({
        heading: 'MỤC TIÊU',
        paragraphs: plan.targets.map((t) => text(`- ${targetSentence(t)}`)),
      });
    }
    if (plan.tasks.length > 0)
      sections.push({ heading: 'NHIỆM VỤ, GIẢI PHÁP', paragraphs: taskParagraphs(plan, lists) });
    for (const s of plan.sections ?? []) {
      sections.push({ heading: upper(s.heading), paragraphs: s.paragraphs.map(text) });
    }
    if (plan.events.length > 0) {
      sections.push({
        heading: 'CÁC ĐỢT CAO ĐIỂM',
        paragraphs: plan.events.map((e) => text(`- Hưởng ứng ${eventSentence(e)}`)),
      });
    }
    if (plan.fundingText)
      sections.push({ heading: 'KINH PHÍ THỰC HIỆN', paragraphs: [text(plan.fundingText)] });
    if (plan.assignments.length > 0 || reporting.length > 0) {
      const numbered = lists(LIST.boldItems);
      const assignments = plan.assignments.map((a) => {
        const unit = a.unit.replace(/[\s.:;]+$/u, '');
        return a.text?.trim()
          ? numberedBody([run(`${unit}: `, { bold: true }), run(sentence(a.text))], numbered)
          : numberedBody([run(`${unit}.`, { bold: true })], numbered);
      });
      sections.push({ heading: 'TỔ CHỨC THỰC HIỆN', paragraphs: [...assignments, ...reporting] });
    }
    const numbered = lists(LIST.sections);
    for (const s of sections) out.push(heading(s.heading, numbered), ...s.paragraphs);
  }
  for (const p of plan.closing ?? []) out.push(text(p));
  return out;
}

function documentChildren(plan: PlanForRender, lists: Lists): (Paragraph | Table)[] {
  const head = planHead(plan);
  const children: (Paragraph | Table)[] = [
    ...(plan.draft ? [draftMark()] : []),
    headerTable(head),
    ...titleBlock(plan),
    ...bodyParagraphs(plan, lists),
  ];
  const closing = closingBlock(plan.recipients, plan.signer, head.layout);
  if (closing) {
    children.push(
      new Paragraph({ spacing: { before: 0, after: 120 }, keepNext: true, children: [] }),
      closing,
    );
  }
  return children;
}

/** Renders one plan, or several (each from a new page, numbered from 1), as a DOCX file. */
export async function renderPlanDocx(
  plans: PlanForRender | readonly PlanForRender[],
  options: RenderOptions = {},
): Promise<Buffer> {
  const list: readonly PlanForRender[] = Array.isArray(plans) ? plans : [plans as PlanForRender];
  if (list.length === 0) throw new Error('renderPlanDocx: no document to render');
  const lists = listCounter();
  return officialDocx({
    title: options.title ?? list[0]!.title ?? undefined,
    creator: options.creator,
    papers: list.map((plan) => documentChildren(plan, lists)),
  });
}
