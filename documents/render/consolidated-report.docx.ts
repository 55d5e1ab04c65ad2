import {
  AlignmentType,
  BorderStyle,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  VerticalAlign,
  WidthType,
} from 'docx';
import type { TConsolidatedReport, TFigure } from '../../contracts/dashboard.ts';
import { formatDateVi } from '../../domain/dates.ts';
import { officialVerdict } from '../../domain/progress/assess-progress.ts';
import { formatNumberVi } from '../../domain/progress/format-number.ts';
import { closingBlock, headerTable, officialDocx } from './official/blocks.ts';
import {
  BLACK,
  body,
  centred,
  heading,
  LIST,
  listCounter,
  mm,
  pt,
  rule,
  run,
  TEXT_WIDTH,
  upper,
} from './official/page.ts';

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

// ----- DOCX in the official layout (Decree 30/2020), through the one official layer ----------

const LINE = { style: BorderStyle.SINGLE, size: 4, color: BLACK };

function gridCell(width: number, children: Paragraph[]) {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    verticalAlign: VerticalAlign.CENTER,
    borders: { top: LINE, bottom: LINE, left: LINE, right: LINE },
    children,
  });
}

/** What the paper says of itself beside the report: the issuer's place, the date, "BC-LĐLĐ". */
export interface ConsolidatedPaper {
  place: string | null;
  date: string;
  /** the part of the symbol after the number: "BC-LĐLĐ" */
  symbolSuffix: string;
}

function numbersTable(headers: string[], rows: string[][], widths: number[]): Table {
  const total = widths.reduce((s, w) => s + w, 0);
  const scaled = widths.map((w) => Math.round((w / total) * TEXT_WIDTH));
  const cellText = (
    value: string,
    bold: boolean,
    align: (typeof AlignmentType)[keyof typeof AlignmentType],
  ) =>
    new Paragraph({
      alignment: align,
      spacing: { before: 0, after: 0 },
      children: [run(value, { size: pt(12), bold })],
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: scaled,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({
        tableHeader: true,
        children: headers.map((h, k) => gridCell(scaled[k]!, [cellText(h, true, AlignmentType.CENTER)])),
      }),
      ...rows.map(
        (cells) =>
          new TableRow({
            children: cells.map((c, k) =>
              gridCell(scaled[k]!, [cellText(c, false, k === 1 ? AlignmentType.LEFT : AlignmentType.CENTER)]),
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

/** The consolidated report as a DOCX: A4, Times New Roman, two-column header, "BÁO CÁO", "Kính gửi". */
export async function renderConsolidatedDocx(
  report: TConsolidatedReport,
  paper: ConsolidatedPaper,
): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    headerTable({
      layout: 'state',
      supervisingBody: report.parent?.unitName ?? null,
      issuer: report.unit.unitName,
      symbol: null,
      blankNumberSuffix: paper.symbolSuffix,
      subjectLine: null,
      place: paper.place,
      date: paper.date,
      blankDateYear: null,
    }),
  ];
  children.push(
    centred('BÁO CÁO', { bold: true }, { before: 360 }),
    centred(reportSubject(report.plan.title, report.period.label), { bold: true }),
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
  const sections = listCounter()(LIST.sections);
  const startSection = (title: string) => children.push(heading(upper(title), sections));

  startSection('Kết quả thực hiện các chỉ tiêu');
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
  // the table's last row is not run into the next heading
  children.push(new Paragraph({ spacing: { before: 0, after: 120 }, children: [] }));
  if (report.targets.some((t) => t.indicator)) {
    startSection('Kết quả so với mục tiêu');
    for (const t of report.targets.filter((x) => x.indicator)) {
      // the official text carries no instruction of the app
      children.push(body([run(`- ${t.text}: `), run(officialVerdict(t.verdict), { italics: true })]));
    }
  }
  for (const s of report.sections) {
    startSection(s.title);
    const lines = s.text.split('\n').filter((line) => line.trim().length > 0);
    if (lines.length === 0) children.push(body([run('(Chưa có nội dung.)', { italics: true })]));
    for (const line of lines) children.push(body([run(line)]));
  }
  if (report.notReported.length > 0) {
    startSection('Đơn vị chưa báo cáo');
    children.push(body([run(`${report.notReported.map((u) => u.unitName).join('; ')}.`)]));
  }
  const closing = closingBlock(
    [...(report.parent ? [report.parent.unitName] : []), 'Lưu: VT'],
    // the signature of whoever leads the issuing unit: the name is written by hand when signing
    { authority: 'TM.', on_behalf_of: 'BAN THƯỜNG VỤ', title: 'CHỦ TỊCH', name: null },
    'state',
  );
  if (closing)
    children.push(
      new Paragraph({ spacing: { before: 0, after: 120 }, keepNext: true, children: [] }),
      closing,
    );
  return officialDocx({ title: `Báo cáo tổng hợp ${report.period.label}`, papers: [children] });
}
