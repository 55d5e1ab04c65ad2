/**
 * The parts every official paper shares: the two-column header (bodies | national motto, number |
 * place and date), the closing block ("Nơi nhận" beside the signature) and the file itself (A4
 * sections, page numbers from page 2, the paper's Word styles). Plans, derived plans and
 * consolidated reports are all written through these; each renderer writes only its own body.
 */
import { AlignmentType, Document, LineRuleType, Packer, PageOrientation, Paragraph, type Table } from 'docx';
import type { TSigner } from '../../../contracts/plan-extract.ts';
import { headerDate } from '../plan-for-render.ts';
import {
  A4,
  borderlessTable,
  headerLine,
  MARGINS,
  mm,
  nameLines,
  officialNumbering,
  officialStyles,
  pageHeaders,
  pt,
  rule,
  run,
  TEXT_WIDTH,
  upper,
} from './page.ts';

/** State (and union) papers, or Party papers (Quy định 66-QĐ/TW: "ĐẢNG CỘNG SẢN VIỆT NAM", a star). */
export type TPaperLayout = 'state' | 'party';

export interface PaperHead {
  layout: TPaperLayout;
  /** The body above the issuer ("TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM"), or null. */
  supervisingBody: string | null;
  issuer: string | null;
  /** "72/KH-LĐLĐ" once numbered; null before. */
  symbol: string | null;
  /** Before a number is given: the issuer's own suffix, printed "Số:        /KH-CĐ". */
  blankNumberSuffix: string | null;
  /** A công văn's "V/v …" line under the number. */
  subjectLine: string | null;
  place: string | null;
  /** ISO date, or null for a paper not yet dated. */
  date: string | null;
  /** The year printed on an undated paper's date line ("ngày     tháng     năm 2026"). */
  blankDateYear: number | null;
}

// the header: left 40 % (bodies, number, V/v), right 60 % (motto, place and date)
const HEADER_WIDTHS: [number, number] = [
  Math.round(TEXT_WIDTH * 0.4),
  TEXT_WIDTH - Math.round(TEXT_WIDTH * 0.4),
];

/**
 * Two rows so that a reader of the flattened table meets the bodies and the motto before the
 * number and the date — and "Số" and the date line stand side by side, as Decree 30 draws them.
 */
export function headerTable(head: PaperHead): Table {
  const party = head.layout === 'party';
  const [leftWidth, rightWidth] = HEADER_WIDTHS;
  const bodies: Paragraph[] = [];
  if (head.supervisingBody) bodies.push(nameLines(upper(head.supervisingBody), leftWidth, { size: pt(13) }));
  if (head.issuer) {
    bodies.push(nameLines(upper(head.issuer), leftWidth, { size: pt(13), bold: true }));
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
  if (head.symbol)
    number.push(headerLine(party ? `Số ${head.symbol}` : `Số: ${head.symbol}`, { size: pt(13) }));
  else if (head.blankNumberSuffix)
    number.push(headerLine(`Số:${'\u00a0'.repeat(8)}/${head.blankNumberSuffix}`, { size: pt(13) }));
  if (head.subjectLine) {
    const vv = /^v\/v\b/i.test(head.subjectLine) ? head.subjectLine : `V/v ${head.subjectLine}`;
    number.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 60, after: 0, line: 240, lineRule: LineRuleType.AUTO },
        children: [run(vv, { size: pt(12) })],
      }),
    );
  }
  const dated: Paragraph[] = [];
  if (head.date || head.place || head.blankDateYear !== null) {
    const blank = '\u00a0'.repeat(5);
    const date = head.date
      ? headerDate(head.date)
      : head.blankDateYear !== null
        ? `ngày${blank}tháng${blank}năm ${head.blankDateYear}`
        : 'ngày … tháng … năm …';
    dated.push(headerLine(head.place ? `${head.place}, ${date}` : date, { size: pt(14), italics: true }));
  }
  return borderlessTable(HEADER_WIDTHS, [
    [bodies, motto],
    [number, dated],
  ]);
}

/** "TM. BAN THƯỜNG VỤ" (Party: "T/M BAN THƯỜNG VỤ"). */
export function authorityLine(signer: TSigner, layout: TPaperLayout): string | null {
  const word =
    signer.authority && layout === 'party'
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

/** "Nơi nhận" (each recipient a line, ";" between, "." at the end) beside the signature block. */
export function closingBlock(
  recipients: readonly string[],
  signer: TSigner | null,
  layout: TPaperLayout,
): Table | null {
  const left: Paragraph[] = [];
  if (recipients.length > 0) {
    left.push(
      new Paragraph({
        spacing: { before: 0, after: 0 },
        children: [run('Nơi nhận:', { size: pt(12), bold: true, italics: true })],
      }),
    );
    recipients.forEach((r, k) => {
      const last = k === recipients.length - 1;
      left.push(
        new Paragraph({
          spacing: { before: 0, after: 0 },
          children: [run(`- ${r.replace(/[;.]+$/u, '')}${last ? '.' : ';'}`, { size: pt(11) })],
        }),
      );
    });
  }
  const right: Paragraph[] = [];
  const [, rightWidth] = CLOSING_WIDTHS;
  if (signer) {
    // Decree 30: authority and the body acted for, then the title, bold capitals; the name bold
    const authority = authorityLine(signer, layout);
    if (authority) right.push(nameLines(authority, rightWidth, { bold: true }));
    if (signer.title) right.push(nameLines(upper(signer.title), rightWidth, { bold: true }));
    // room for the signature and the seal
    for (let k = 0; k < 4; k++) right.push(new Paragraph({ spacing: { before: 0, after: 0 }, children: [] }));
    if (signer.name) right.push(nameLines(signer.name, rightWidth, { bold: true }));
  }
  if (left.length === 0 && right.length === 0) return null;
  return borderlessTable(CLOSING_WIDTHS, [[left, right]]);
}

export interface OfficialFile {
  /** Title in the file's properties. */
  title?: string;
  creator?: string;
  /** One paper a section: each starts on a new page, numbered from 1, its first page unnumbered. */
  papers: readonly (Paragraph | Table)[][];
}

/** The DOCX of one or several papers: A4 portrait, Decree 30 margins, the paper's Word styles. */
export async function officialDocx(file: OfficialFile): Promise<Buffer> {
  if (file.papers.length === 0) throw new Error('officialDocx: no paper to write');
  const document = new Document({
    title: file.title,
    creator: file.creator ?? 'Tiến Độ',
    styles: officialStyles(),
    numbering: officialNumbering(),
    sections: file.papers.map((children) => ({
      properties: {
        titlePage: true,
        page: {
          size: { width: A4.width, height: A4.height, orientation: PageOrientation.PORTRAIT },
          margin: { ...MARGINS, header: mm(10), footer: mm(10) },
          pageNumbers: { start: 1 },
        },
      },
      headers: pageHeaders(),
      children,
    })),
  });
  return Packer.toBuffer(document);
}
