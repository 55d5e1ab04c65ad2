/**
 * The official paper's measures and building blocks (Decree 30/2020/NĐ-CP, Appendix I, which unions
 * follow through QĐ 933/QĐ-TLĐ): A4, margins, Times New Roman in black, and the paragraphs every
 * paper is made of. Body paragraphs and section headings carry named Word styles (`OFFICIAL_STYLES`),
 * so an office that opens the file finds "Nội dung" and "Đề mục" in Word's style list, not direct
 * formatting on each line.
 */
import {
  AlignmentType,
  BorderStyle,
  Header,
  LevelFormat,
  LevelSuffix,
  LineRuleType,
  PageNumber,
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
import { wrapName } from '../header-lines.ts';

/** A4 in twips: `convertMillimetersToTwip(210)` gives 11905, Word's A4 is 11906 × 16838. */
export const A4 = { width: 11906, height: 16838 } as const;
export const mm = (value: number): number => Math.round((value * 1440) / 25.4);
/** Decree 30: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm. */
export const MARGINS = { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) } as const;
export const TEXT_WIDTH = A4.width - MARGINS.left - MARGINS.right;
export const FONT = 'Times New Roman';
export const BLACK = '000000';
/** Sizes in half-points, as docx takes them. */
export const pt = (size: number): number => size * 2;
export const BODY = pt(14);

export interface RunStyle {
  size?: number;
  bold?: boolean;
  italics?: boolean;
}

export const run = (text: string, style: RunStyle = {}): TextRun =>
  new TextRun({
    text,
    font: FONT,
    color: BLACK,
    size: style.size ?? BODY,
    bold: style.bold,
    italics: style.italics,
  });

export const upper = (text: string): string => text.toLocaleUpperCase('vi');

/** Word style ids of the paper's paragraphs (defined once in `officialStyles`). */
export const STYLE = { body: 'NoiDung', heading: 'DeMuc' } as const;

/** A body paragraph: 14 pt, justified, first line indented 1.27 cm, 6 pt after, 1.15 lines. */
export function body(children: ParagraphChild[], options: { keepNext?: boolean } = {}): Paragraph {
  return new Paragraph({ style: STYLE.body, keepNext: options.keepNext, children });
}

export const text = (value: string): Paragraph => body([run(value)]);

/** Word numbering lists of the paper: its sections "I.", "II." and its numbered items "1.", "2.". */
export const LIST = { sections: 'DeMucLaMa', items: 'MucSo', boldItems: 'MucSoDam' } as const;

/** Hands out list instances for one file, each list restarting at its first number. */
export function listCounter(): (list: ListInstance['list']) => ListInstance {
  let instance = 0;
  return (list) => ({ list, instance: ++instance });
}

/**
 * A numbered list of one paper: every paper of a file restarts its own numbering (`instance`), so
 * the second plan of a file starts again at "I." and "1.".
 */
export interface ListInstance {
  list: (typeof LIST)[keyof typeof LIST];
  instance: number;
}

/** A section heading ("I. MỤC ĐÍCH, YÊU CẦU"): bold, Word-numbered, kept with what follows. */
export const heading = (value: string, numbered: ListInstance): Paragraph =>
  new Paragraph({
    style: STYLE.heading,
    numbering: { reference: numbered.list, level: 0, instance: numbered.instance },
    children: [run(value, { bold: true })],
  });

/** A numbered body paragraph ("1. Nâng cao hiệu quả …"), Word-numbered. */
export const numberedBody = (children: ParagraphChild[], numbered: ListInstance): Paragraph =>
  new Paragraph({
    style: STYLE.body,
    numbering: { reference: numbered.list, level: 0, instance: numbered.instance },
    children,
  });

/** The numbering definitions of every paper: the number, a space, then the text; first line indented. */
export function officialNumbering() {
  const level = (format: (typeof LevelFormat)[keyof typeof LevelFormat], bold: boolean) => ({
    level: 0,
    format,
    text: '%1.',
    alignment: AlignmentType.LEFT,
    suffix: LevelSuffix.SPACE,
    style: { paragraph: { indent: { left: 0, firstLine: 720 } }, run: { bold, font: FONT, color: BLACK } },
  });
  return {
    config: [
      { reference: LIST.sections, levels: [level(LevelFormat.UPPER_ROMAN, true)] },
      { reference: LIST.items, levels: [level(LevelFormat.DECIMAL, false)] },
      { reference: LIST.boldItems, levels: [level(LevelFormat.DECIMAL, true)] },
    ],
  };
}

/** The paragraph styles of every official paper, for `new Document({ styles })`. */
export function officialStyles() {
  const black = { run: { color: BLACK, font: FONT } };
  const bodyParagraph = {
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: 720 },
    spacing: { before: 0, after: 120, line: 276, lineRule: LineRuleType.AUTO },
  };
  return {
    default: {
      document: {
        run: { font: FONT, size: BODY, color: BLACK, language: { value: 'vi-VN' } },
        paragraph: { spacing: { line: 276 } },
      },
      // docx's built-in headings, caption and hyperlink are coloured; the paper uses its own
      // styles, and these are kept black so no style of the file is blue
      title: black,
      heading1: black,
      heading2: black,
      heading3: black,
      heading4: black,
      heading5: black,
      heading6: black,
      caption: { run: { color: BLACK, italics: true, size: pt(12) } },
      hyperlink: { run: { color: BLACK, underline: {} } },
    },
    paragraphStyles: [
      {
        id: STYLE.body,
        name: 'Nội dung',
        basedOn: 'Normal',
        quickFormat: true,
        run: { font: FONT, size: BODY, color: BLACK },
        paragraph: bodyParagraph,
      },
      {
        id: STYLE.heading,
        name: 'Đề mục',
        basedOn: STYLE.body,
        next: STYLE.body,
        quickFormat: true,
        run: { bold: true },
        paragraph: { ...bodyParagraph, keepNext: true, keepLines: true },
      },
    ],
  };
}

export function centred(
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

/** A centred header line (single spacing, no space after). */
export function headerLine(value: string, style: RunStyle): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO },
    children: [run(value, style)],
  });
}

// cells have 1 mm of side padding so the motto's line fits on one line at 13 pt
const CELL_MARGIN = { top: 0, bottom: 0, left: 57, right: 57 };

/**
 * A centred name over as many lines as it needs in a column `width` twips wide, broken at word
 * boundaries (`wrapName`) rather than wherever Word runs out of room.
 */
export function nameLines(value: string, width: number, style: RunStyle): Paragraph {
  const size = style.size ?? BODY;
  const lines = wrapName(value, width - CELL_MARGIN.left - CELL_MARGIN.right, size, style.bold ?? false);
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
export function rule(cellWidth: number, width: number): Paragraph {
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

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };

function cell(width: number, children: Paragraph[]): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    margins: CELL_MARGIN,
    verticalAlign: VerticalAlign.TOP,
    borders: { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER },
    children: children.length > 0 ? children : [new Paragraph({ children: [] })],
  });
}

/** The header and the closing block: two columns, no borders, fixed widths. */
export function borderlessTable(widths: [number, number], rows: [Paragraph[], Paragraph[]][]): Table {
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

/** "DỰ THẢO" in a box at the top right: a draft is never taken for the signed paper. */
export function draftMark(): Paragraph {
  const line = { style: BorderStyle.SINGLE, size: 6, color: BLACK, space: 2 };
  return new Paragraph({
    alignment: AlignmentType.RIGHT,
    spacing: { before: 0, after: 120 },
    children: [
      new TextRun({ text: 'DỰ THẢO', font: FONT, color: BLACK, size: pt(13), bold: true, border: line }),
    ],
  });
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
