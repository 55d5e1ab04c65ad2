import {
  AlignmentType,
  BorderStyle,
  Document,
  LineRuleType,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import type { TConsolidatedReport, TFigure } from '../../contracts/dashboard.ts';
import { formatDateVi } from '../../domain/dates.ts';
import { officialVerdict } from '../../domain/progress/assess-progress.ts';
import { formatNumberVi } from '../../domain/progress/format-number.ts';
import { headerDate } from './plan-for-render.ts';
import { A4, FONT, MARGINS, pageHeaders } from './render-plan.docx.ts';

/** A figure as text: "90,5%" for a percentage, "1.234" otherwise; "—" without data. */
export function figureText(indicator: { kind: string; aggregation: string }, figure: TFigure): string {
  if (figure.value === null) return '—';
  const percentage = indicator.kind === 'ratio' || indicator.aggregation === 'count_units_meeting';
  return percentage ? `${formatNumberVi(figure.value)}%` : formatNumberVi(figure.value);
}

/** "9/10" for a ratio, "3/12 đơn vị" for units meeting, empty otherwise. */
function partsText(indicator: { kind: string; aggregation: string }, figure: TFigure): string {
  if (figure.value === null) return '';
  if (indicator.aggregation === 'count_units_meeting') {
    return `${formatNumberVi(figure.numerator)}/${formatNumberVi(figure.denominator)} đơn vị`;
  }
  if (indicator.kind === 'ratio')
    return `${formatNumberVi(figure.numerator)}/${formatNumberVi(figure.denominator)}`;
  return '';
}

// ----- DOCX in the official layout (Decree 30/2020) ---------------------------------------------

const BLACK = '000000';
const pt = (size: number) => size * 2;
const TEXT_WIDTH = A4.width - MARGINS.left - MARGINS.right;
const mm = (value: number): number => Math.round((value * 1440) / 25.4);

const run = (text: string, style: { size?: number; bold?: boolean; italics?: boolean } = {}) =>
  new TextRun({
    text,
    font: FONT,
    color: BLACK,
    size: style.size ?? pt(14),
    bold: style.bold,
    italics: style.italics,
  });

const centred = (text: string, style: { size?: number; bold?: boolean; italics?: boolean }, after = 0) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 0, after, line: 240, lineRule: LineRuleType.AUTO },
    children: [run(text, style)],
  });

const rule = (cellWidth: number, width: number) => {
  const side = Math.max(0, Math.round((cellWidth - width) / 2));
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    indent: { left: side, right: side },
    spacing: { before: 90, after: 0, line: 80, lineRule: LineRuleType.EXACT },
    border: { top: { style: BorderStyle.SINGLE, size: 6, color: BLACK, space: 1 } },
    children: [],
  });
};

const body = (children: TextRun[]) =>
  new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: 720 },
    spacing: { before: 0, after: 120, line: 276, lineRule: LineRuleType.AUTO },
    children,
  });

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };

function plainCell(width: number, children: Paragraph[], borders = false) {
  const line = { style: BorderStyle.SINGLE, size: 4, color: BLACK };
  const side = borders ? line : NO_BORDER;
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    verticalAlign: VerticalAlign.CENTER,
    borders: { top: side, bottom: side, left: side, right: side },
    children: children.length > 0 ? children : [new Paragraph({ children: [] })],
  });
}

/** What the paper says of itself beside the report: the issuer's place, the date, "BC-LĐLĐ". */
export interface ConsolidatedPaper {
  place: string | null;
  date: string;
  /** the part of the symbol after the number: "BC-LĐLĐ" */
  symbolSuffix: string;
}

function headerTable(report: TConsolidatedReport, paper: ConsolidatedPaper): Table {
  const left = Math.round(TEXT_WIDTH * 0.4);
  const right = TEXT_WIDTH - left;
  const upper = (s: string) => s.toLocaleUpperCase('vi');
  const bodies: Paragraph[] = [];
  if (report.parent) bodies.push(centred(upper(report.parent.unitName), { size: pt(13) }));
  bodies.push(centred(upper(report.unit.unitName), { size: pt(13), bold: true }), rule(left, mm(22)));
  const motto = [
    centred('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: pt(13), bold: true }),
    centred('Độc lập - Tự do - Hạnh phúc', { size: pt(14), bold: true }),
    rule(right, mm(62)),
  ];
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [left, right],
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: [
      new TableRow({ children: [plainCell(left, bodies), plainCell(right, motto)] }),
      new TableRow({
        children: [
          plainCell(left, [centred(`Số:${'\u00a0'.repeat(8)}/${paper.symbolSuffix}`, { size: pt(13) })]),
          plainCell(right, [
            centred(paper.place ? `${paper.place}, ${headerDate(paper.date)}` : headerDate(paper.date), {
              size: pt(14),
              italics: true,
            }),
          ]),
        ],
      }),
    ],
  });
}

function numbersTable(headers: string[], rows: string[][], widths: number[]): Table {
  const total = widths.reduce((s, w) => s + w, 0);
  const scaled = widths.map((w) => Math.round((w / total) * TEXT_WIDTH));
  const cellText = (text: string, bold: boolean, align: (typeof AlignmentType)[keyof typeof AlignmentType]) =>
    new Paragraph({
      alignment: align,
      spacing: { before: 0, after: 0 },
      children: [run(text, { size: pt(12), bold })],
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: scaled,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({
        tableHeader: true,
        children: headers.map((h, k) =>
          plainCell(scaled[k]!, [cellText(h, true, AlignmentType.CENTER)], true),
        ),
      }),
      ...rows.map(
        (cells) =>
          new TableRow({
            children: cells.map((c, k) =>
              plainCell(
                scaled[k]!,
                [cellText(c, false, k === 1 ? AlignmentType.LEFT : AlignmentType.CENTER)],
                true,
              ),
            ),
          }),
      ),
    ],
  });
}

/**
 * "Kết quả thực hiện Kế hoạch … — Năm 2025", never "Kết quả thực hiện Thực hiện …": a title that
 * already says what is carried out is not said twice.
 */
export function reportSubject(planTitle: string, periodLabel: string): string {
  const title = planTitle.trim().replace(/[.;]+$/u, '');
  const subject = /^(kế hoạch\s+)?thực hiện\s/iu.test(title)
    ? `Kết quả ${title.charAt(0).toLocaleLowerCase('vi')}${title.slice(1)}`
    : `Kết quả thực hiện ${title}`;
  return `${subject} — ${periodLabel}`;
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

/** The consolidated report as a DOCX: A4, Times New Roman, two-column header, "BÁO CÁO", "Kính gửi". */
export async function renderConsolidatedDocx(
  report: TConsolidatedReport,
  paper: ConsolidatedPaper,
): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [headerTable(report, paper)];
  children.push(
    centred('BÁO CÁO', { bold: true }, 0),
    centred(reportSubject(report.plan.title, report.period.label), { bold: true }, 0),
    rule(TEXT_WIDTH, mm(35)),
  );
  if (report.parent) {
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 240, after: 240 },
        children: [run('Kính gửi: '), run(`${report.parent.unitName}.`)],
      }),
    );
  }
  children.push(
    body([
      run(
        `Thực hiện ${report.plan.symbol ? `Kế hoạch số ${report.plan.symbol}` : report.plan.title} (${report.scheduleName}), ` +
          `${report.unit.unitName} báo cáo kết quả ${report.period.label.toLocaleLowerCase('vi')} ` +
          `(số liệu từ ngày ${formatDateVi(report.period.cutoffFrom)} đến ngày ${formatDateVi(report.period.cutoffTo)}) như sau:`,
      ),
    ]),
  );
  let section = 0;
  const heading = (text: string) =>
    children.push(
      body([run(`${ROMAN[section++] ?? section}. ${text.toLocaleUpperCase('vi')}`, { bold: true })]),
    );

  heading('Kết quả thực hiện các chỉ tiêu');
  const c = report.completeness;
  children.push(
    body([
      run(
        `Có ${formatNumberVi(c.approved)}/${formatNumberVi(c.expected)} đơn vị đã báo cáo và được duyệt` +
          (c.completeness === null ? '' : ` (${formatNumberVi(c.completeness)}%)`) +
          `; ${formatNumberVi(c.onTime)} đơn vị gửi đúng hạn, ${formatNumberVi(c.late)} đơn vị chậm.`,
      ),
    ]),
  );
  children.push(
    numbersTable(
      ['TT', 'Chỉ tiêu', 'Kết quả', 'Số liệu', 'Số đơn vị báo cáo'],
      report.values.map((v, k) => [
        String(k + 1),
        v.indicator.name,
        figureText(v.indicator, v.total),
        partsText(v.indicator, v.total),
        String(v.total.reportingUnits),
      ]),
      [6, 44, 16, 18, 16],
    ),
  );
  if (report.targets.some((t) => t.indicator)) {
    heading('Kết quả so với mục tiêu');
    for (const t of report.targets.filter((x) => x.indicator)) {
      // the official text carries no instruction of the app
      children.push(body([run(`- ${t.text}: `), run(officialVerdict(t.verdict), { italics: true })]));
    }
  }
  for (const s of report.sections) {
    heading(s.title);
    const lines = s.text.split('\n').filter((line) => line.trim().length > 0);
    if (lines.length === 0) children.push(body([run('(Chưa có nội dung.)', { italics: true })]));
    for (const line of lines) children.push(body([run(line)]));
  }
  if (report.notReported.length > 0) {
    heading('Đơn vị chưa báo cáo');
    children.push(body([run(`${report.notReported.map((u) => u.unitName).join('; ')}.`)]));
  }
  const closingLeft = Math.round(TEXT_WIDTH * 0.45);
  children.push(
    new Paragraph({ spacing: { before: 0, after: 120 }, children: [] }),
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: [closingLeft, TEXT_WIDTH - closingLeft],
      layout: TableLayoutType.FIXED,
      borders: TableBorders.NONE,
      rows: [
        new TableRow({
          children: [
            plainCell(closingLeft, [
              new Paragraph({ children: [run('Nơi nhận:', { size: pt(12), bold: true, italics: true })] }),
              ...(report.parent
                ? [new Paragraph({ children: [run(`- ${report.parent.unitName};`, { size: pt(11) })] })]
                : []),
              new Paragraph({ children: [run('- Lưu: VT.', { size: pt(11) })] }),
            ]),
            plainCell(TEXT_WIDTH - closingLeft, [
              centred('TM. BAN THƯỜNG VỤ', { bold: true }),
              centred('CHỦ TỊCH', { bold: true }),
            ]),
          ],
        }),
      ],
    }),
  );
  const document = new Document({
    title: `Báo cáo tổng hợp ${report.period.label}`,
    creator: 'Tiến Độ',
    styles: {
      default: {
        document: { run: { font: FONT, size: pt(14), color: BLACK, language: { value: 'vi-VN' } } },
      },
    },
    sections: [
      {
        properties: {
          // page numbers centred at the top from page 2, as on every official paper
          titlePage: true,
          page: {
            size: { width: A4.width, height: A4.height, orientation: PageOrientation.PORTRAIT },
            margin: { ...MARGINS, header: mm(10), footer: mm(10) },
            pageNumbers: { start: 1 },
          },
        },
        headers: pageHeaders(),
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
