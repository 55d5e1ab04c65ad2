/**
 * A plan as a DOCX in the official administrative layout (Decree 30/2020/NĐ-CP, which unions
 * follow through Quyết định 933/QĐ-TLĐ): A4 portrait, Times New Roman in black, the two-column
 * header (bodies | national motto, number | place and date), type name and subject, the body
 * with its numbered sections, then "Nơi nhận" beside the signature block. Page numbers sit
 * centred in the top margin from page 2 on. Each document of a file is its own section.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  type ParagraphChild,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import type { TSigner } from '../../contracts/plan-extract.ts';
import { wrapName } from './header-lines.ts';
import { formatDate, headerDate, layoutOf, type PlanForRender, typeName } from './plan-for-render.ts';
import { eventSentence, reportingSentence, targetSentence } from './plan-sentences.ts';

/** A4 in twips: `convertMillimetersToTwip(210)` gives 11905, Word's A4 is 11906 × 16838. */
export const A4 = { width: 11906, height: 16838 } as const;
const mm = (value: number): number => Math.round((value * 1440) / 25.4);
/** Decree 30: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm. */
export const MARGINS = { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) } as const;
const TEXT_WIDTH = A4.width - MARGINS.left - MARGINS.right;
export const FONT = 'Times New Roman';
const BLACK = '000000';

export interface RenderOptions {
  /** document title in the file's properties (default: the first document's subject) */
  title?: string;
  /** author in the file's properties */
  creator?: string;
}

// sizes in half-points, as docx takes them
const pt = (size: number): number => size * 2;
const BODY = pt(14);

interface RunStyle {
  size?: number;
  bold?: boolean;
  italics?: boolean;
}

const run = (text: string, style: RunStyle = {}): TextRun =>
  new TextRun({
    text,
    font: FONT,
    color: BLACK,
    size: style.size ?? BODY,
    bold: style.bold,
    italics: style.italics,
  });

const upper = (text: string): string => text.toLocaleUpperCase('vi');

/** A centred header line (single spacing, no space after). */
function headerLine(text: string, style: RunStyle): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO },
    children: [run(text, style)],
  });
}

/**
 * A centred name over as many lines as it needs in a column `width` twips wide, broken at word
 * boundaries (`wrapName`) rather than wherever Word runs out of room.
 */
function nameLines(text: string, width: number, style: RunStyle): Paragraph {
  const size = style.size ?? BODY;
  const lines = wrapName(text, width - CELL_MARGIN.left - CELL_MARGIN.right, size, style.bold ?? false);
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO },
    children: lines.map(
      (line, k) =>
        new TextRun({
          text: line,
          break: k > 0 ? 1 : undefined,
          font: FONT,
          color: BLACK,
          size,
          bold: style.bold,
        }),
    ),
  });
}

/** A short centred rule: an empty paragraph whose top border is `width` twips long. */
function rule(cellWidth: number, width: number): Paragraph {
  const side = Math.max(0, Math.round((cellWidth - width) / 2));
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    indent: { left: side, right: side },
    spacing: { before: 90, after: 0, line: 80, lineRule: LineRuleType.EXACT },
    border: { top: { style: BorderStyle.SINGLE, size: 6, color: BLACK, space: 1 } },
    run: { size: 4 },
    children: [],
  });
}

// cells have 1 mm of side padding so the motto's line fits on one line at 13 pt
const CELL_MARGIN = { top: 0, bottom: 0, left: 57, right: 57 };

function cell(width: number, children: Paragraph[]): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    margins: CELL_MARGIN,
    verticalAlign: VerticalAlign.TOP,
    borders: {
      top: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
      bottom: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
      left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
      right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
    },
    children: children.length > 0 ? children : [new Paragraph({ children: [] })],
  });
}

function borderlessTable(widths: [number, number], rows: [Paragraph[], Paragraph[]][]): Table {
  return new Table({
    width: { size: widths[0] + widths[1], type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: rows.map(
      ([left, right]) => new TableRow({ children: [cell(widths[0], left), cell(widths[1], right)] }),
    ),
  });
}

// the header: left 40 % (bodies, number, V/v), right 60 % (motto, place and date)
const HEADER_WIDTHS: [number, number] = [
  Math.round(TEXT_WIDTH * 0.4),
  TEXT_WIDTH - Math.round(TEXT_WIDTH * 0.4),
];

function isParty(plan: PlanForRender): boolean {
  return layoutOf(plan) === 'party';
}

/**
 * Two rows so that a reader of the flattened table meets the bodies and the motto before the
 * number and the date — and "Số" and the date line stand side by side, as Decree 30 draws them.
 */
function headerTable(plan: PlanForRender): Table {
  const party = isParty(plan);
  const [leftWidth, rightWidth] = HEADER_WIDTHS;
  const bodies: Paragraph[] = [];
  if (plan.supervisingBody) bodies.push(nameLines(upper(plan.supervisingBody), leftWidth, { size: pt(13) }));
  if (plan.issuer) {
    bodies.push(nameLines(upper(plan.issuer), leftWidth, { size: pt(13), bold: true }));
    // Party documents put a star under the issuing body; state ones a short rule
    bodies.push(party ? headerLine('*', { size: pt(13) }) : rule(leftWidth, mm(22)));
  }
  const motto: Paragraph[] = party
    ? [headerLine('ĐẢNG CỘNG SẢN VIỆT NAM', { size: pt(15), bold: true }), rule(rightWidth, mm(80))]
    : [
        headerLine('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: pt(13), bold: true }),
        headerLine('Độc lập - Tự do - Hạnh phúc', { size: pt(14), bold: true }),
        rule(rightWidth, mm(62)),
      ];
  const number: Paragraph[] = [];
  if (plan.symbol)
    number.push(headerLine(party ? `Số ${plan.symbol}` : `Số: ${plan.symbol}`, { size: pt(13) }));
  // a draft: room for the number before the issuer's own suffix ("Số:      /KH-CĐ")
  else if (plan.draft)
    number.push(headerLine(`Số:${'\u00a0'.repeat(8)}/${plan.draft.symbolSuffix}`, { size: pt(13) }));
  if (plan.kind === 'CV' && plan.title) {
    const vv = /^v\/v\b/i.test(plan.title) ? plan.title : `V/v ${plan.title}`;
    number.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 60, after: 0, line: 240, lineRule: LineRuleType.AUTO },
        children: [run(vv, { size: pt(12) })],
      }),
    );
  }
  const dated: Paragraph[] = [];
  if (plan.date || plan.place || plan.draft) {
    const blank = '\u00a0'.repeat(5);
    const date = plan.date
      ? headerDate(plan.date)
      : plan.draft
        ? `ngày${blank}tháng${blank}năm ${plan.draft.year}`
        : 'ngày … tháng … năm …';
    dated.push(headerLine(plan.place ? `${plan.place}, ${date}` : date, { size: pt(14), italics: true }));
  }
  return borderlessTable(HEADER_WIDTHS, [
    [bodies, motto],
    [number, dated],
  ]);
}

/** A body paragraph: 14 pt, justified, first line indented 1.27 cm, 6 pt after, 1.15 lines. */
function body(children: ParagraphChild[], options: { keepNext?: boolean } = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: 720 },
    spacing: { before: 0, after: 120, line: 276, lineRule: LineRuleType.AUTO },
    keepNext: options.keepNext,
    children,
  });
}

const text = (value: string): Paragraph => body([run(value)]);
const heading = (value: string): Paragraph => body([run(value, { bold: true })], { keepNext: true });

function centred(
  value: string,
  style: RunStyle,
  spacing: { before?: number; after?: number } = {},
): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: {
      before: spacing.before ?? 0,
      after: spacing.after ?? 0,
      line: 240,
      lineRule: LineRuleType.AUTO,
    },
    keepNext: true,
    children: [run(value, style)],
  });
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

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

function taskParagraphs(plan: PlanForRender): Paragraph[] {
  const out: Paragraph[] = [];
  plan.tasks.forEach((task, k) => {
    out.push(body([run(`${k + 1}. ${sentence(task.text)}`, { bold: !isPlainLetter(plan) })]));
    if (task.lead) out.push(body([run('Đơn vị chủ trì: ', { italics: true }), run(sentence(task.lead))]));
    if (task.deadline) {
      out.push(
        body([run('Thời gian hoàn thành: ', { italics: true }), run(`${formatDate(task.deadline)}.`)]),
      );
    }
  });
  return out;
}

function bodyParagraphs(plan: PlanForRender): Paragraph[] {
  const out: Paragraph[] = [];
  if (plan.preamble) out.push(text(plan.preamble));
  const reporting = plan.reporting.map((r) => text(reportingSentence(r)));
  if (isPlainLetter(plan)) {
    out.push(...taskParagraphs(plan), ...reporting);
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
      sections.push({ heading: 'NHIỆM VỤ, GIẢI PHÁP', paragraphs: taskParagraphs(plan) });
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
      const assignments = plan.assignments.map((a, k) => {
        const unit = a.unit.replace(/[\s.:;]+$/u, '');
        return a.text?.trim()
          ? body([run(`${k + 1}. ${unit}: `, { bold: true }), run(sentence(a.text))])
          : body([run(`${k + 1}. ${unit}.`, { bold: true })]);
      });
      sections.push({ heading: 'TỔ CHỨC THỰC HIỆN', paragraphs: [...assignments, ...reporting] });
    }
    sections.forEach((s, k) => {
      out.push(heading(`${ROMAN[k] ?? k + 1}. ${s.heading}`), ...s.paragraphs);
    });
  }
  for (const p of plan.closing ?? []) out.push(text(p));
  return out;
}

/** "TM. BAN THƯỜNG VỤ" (Party: "T/M BAN THƯỜNG VỤ"). */
function authorityLine(signer: TSigner, party: boolean): string | null {
  const word =
    signer.authority && party
      ? signer.authority.replace(/^TM\.$/, 'T/M').replace(/^KT\.$/, 'K/T')
      : signer.authority;
  const line = [word, signer.on_behalf_of ? upper(signer.on_behalf_of) : null].filter(Boolean).join(' ');
  return line.length > 0 ? line : null;
}

// the closing block: "Nơi nhận" left 45 %, the signature right 55 %
const CLOSING_WIDTHS: [number, number] = [
  Math.round(TEXT_WIDTH * 0.45),
  TEXT_WIDTH - Math.round(TEXT_WIDTH * 0.45),
];

function closingTable(plan: PlanForRender): Table | null {
  const left: Paragraph[] = [];
  if (plan.recipients.length > 0) {
    left.push(
      new Paragraph({
        spacing: { before: 0, after: 0 },
        children: [run('Nơi nhận:', { size: pt(12), bold: true, italics: true })],
      }),
    );
    plan.recipients.forEach((r, k) => {
      const last = k === plan.recipients.length - 1;
      left.push(
        new Paragraph({
          spacing: { before: 0, after: 0 },
          children: [run(`- ${r.replace(/[;.]+$/u, '')}${last ? '.' : ';'}`, { size: pt(11) })],
        }),
      );
    });
  }
  const right: Paragraph[] = [];
  const signer = plan.signer;
  const [, rightWidth] = CLOSING_WIDTHS;
  if (signer) {
    // Decree 30: authority and the body acted for, then the title, bold capitals; the name bold
    const authority = authorityLine(signer, isParty(plan));
    if (authority) right.push(nameLines(authority, rightWidth, { bold: true }));
    if (signer.title) right.push(nameLines(upper(signer.title), rightWidth, { bold: true }));
    // room for the signature and the seal
    for (let k = 0; k < 4; k++) right.push(new Paragraph({ spacing: { before: 0, after: 0 }, children: [] }));
    if (signer.name) right.push(nameLines(signer.name, rightWidth, { bold: true }));
  }
  if (left.length === 0 && right.length === 0) return null;
  return borderlessTable(CLOSING_WIDTHS, [[left, right]]);
}

/** "DỰ THẢO" in a box at the top right: a draft is never taken for the signed paper. */
function draftMark(): Paragraph {
  const line = { style: BorderStyle.SINGLE, size: 6, color: BLACK, space: 2 };
  return new Paragraph({
    alignment: AlignmentType.RIGHT,
    spacing: { before: 0, after: 120 },
    children: [
      new TextRun({
        text: 'DỰ THẢO',
        font: FONT,
        color: BLACK,
        size: pt(13),
        bold: true,
        border: line,
      }),
    ],
  });
}

function documentChildren(plan: PlanForRender): (Paragraph | Table)[] {
  const children: (Paragraph | Table)[] = [
    ...(plan.draft ? [draftMark()] : []),
    headerTable(plan),
    ...titleBlock(plan),
    ...bodyParagraphs(plan),
  ];
  const closing = closingTable(plan);
  if (closing) {
    children.push(
      new Paragraph({ spacing: { before: 0, after: 120 }, keepNext: true, children: [] }),
      closing,
    );
  }
  return children;
}

/** Page number centred in the top margin; the first page of each document has none. */
export function pageHeaders(): { default: Header; first: Header } {
  return {
    default: new Header({
      children: [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: BODY, color: BLACK })],
        }),
      ],
    }),
    first: new Header({ children: [new Paragraph({ children: [] })] }),
  };
}

const BLACK_HEADING = { run: { color: BLACK, font: FONT } };

/** Renders one plan, or several (each from a new page, numbered from 1), as a DOCX file. */
export async function renderPlanDocx(
  plans: PlanForRender | readonly PlanForRender[],
  options: RenderOptions = {},
): Promise<Buffer> {
  const list: readonly PlanForRender[] = Array.isArray(plans) ? plans : [plans as PlanForRender];
  if (list.length === 0) throw new Error('renderPlanDocx: no document to render');
  const document = new Document({
    title: options.title ?? list[0]!.title ?? undefined,
    creator: options.creator ?? 'Tiến Độ',
    styles: {
      default: {
        document: {
          run: { font: FONT, size: BODY, color: BLACK, language: { value: 'vi-VN' } },
          paragraph: { spacing: { line: 276 } },
        },
        // docx's built-in headings, caption and hyperlink are coloured; nothing here uses them, but
        // keep them black so no style of the file is blue
        title: BLACK_HEADING,
        heading1: BLACK_HEADING,
        heading2: BLACK_HEADING,
        heading3: BLACK_HEADING,
        heading4: BLACK_HEADING,
        heading5: BLACK_HEADING,
        heading6: BLACK_HEADING,
        caption: { run: { color: BLACK, italics: true, size: pt(12) } },
        hyperlink: { run: { color: BLACK, underline: {} } },
      },
    },
    sections: list.map((plan) => ({
      properties: {
        titlePage: true,
        page: {
          size: { width: A4.width, height: A4.height, orientation: PageOrientation.PORTRAIT },
          margin: { ...MARGINS, header: mm(10), footer: mm(10) },
          pageNumbers: { start: 1 },
        },
      },
      headers: pageHeaders(),
      children: documentChildren(plan),
    })),
  });
  return Packer.toBuffer(document);
}
