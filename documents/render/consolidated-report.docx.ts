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
import type { TSigner } from '../../contracts/plan-extract.ts';
import { formatDateVi } from '../../domain/dates.ts';
import { officialVerdict } from '../../domain/progress/assess-progress.ts';
import { formatNumberVi } from '../../domain/progress/format-number.ts';
import { compareNames } from '../../domain/reporting/group-narratives.ts';
import { breakdownTable } from './breakdown-table.ts';
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

/** What the paper says of itself beside the report: the issuer's place, the date, "BC-LĐLĐ", the signer. */
export interface ConsolidatedPaper {
  place: string | null;
  date: string;
  /** the part of the symbol after the number: "BC-LĐLĐ" */
  symbolSuffix: string;
  /** who signs for the unit (its last signer); without one the block names the leading body only */
  signer?: TSigner | null;
}

/**
 * The signature when the unit has signed nothing yet: its leading body (a province's standing
 * committee, a commune's or grassroots union's executive committee) and its chair; the name is
 * written by hand when signing.
 */
function defaultSigner(unitType: string): TSigner {
  const body = unitType === 'province' || unitType === 'national' ? 'BAN THƯỜNG VỤ' : 'BAN CHẤP HÀNH';
  return { authority: 'TM.', on_behalf_of: body, title: 'CHỦ TỊCH', name: null };
}

/** "ngày 15/8/2025": a date inside a sentence, as papers cite one another. */
function citedDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `ngày ${Number(d)}/${Number(m)}/${y}`;
}

/**
 * The opening sentence: the plan it answers (number, date, issuer), the period's dates, the data's
 * span — never past the paper's own date — and the plan's deadline for the report.
 */
export function openingSentence(report: TConsolidatedReport, paperDate: string): string {
  const { plan, period } = report;
  const cited = plan.symbol
    ? `Kế hoạch số ${plan.symbol}${plan.issuedOn ? ` ${citedDate(plan.issuedOn)}` : ''}` +
      (plan.issuerName && plan.issuerName !== report.unit.unitName ? ` của ${plan.issuerName}` : '')
    : plan.title.trim().replace(/[.;]+$/u, '');
  const dataTo = period.cutoffTo < paperDate ? period.cutoffTo : paperDate;
  const dataFrom = period.cutoffFrom <= dataTo ? period.cutoffFrom : period.startsOn;
  return (
    `Thực hiện ${cited}, ${report.unit.unitName} báo cáo kết quả ${period.label.toLocaleLowerCase('vi')} ` +
    `(kỳ báo cáo từ ngày ${formatDateVi(period.startsOn)} đến ngày ${formatDateVi(period.endsOn)}; ` +
    `số liệu từ ngày ${formatDateVi(dataFrom)} đến ngày ${formatDateVi(dataTo)}; ` +
    `thời hạn báo cáo theo kế hoạch: ngày ${formatDateVi(period.dueOn)}) như sau:`
  );
}

const STATE_OF_MISSING: Record<string, string> = {
  not_started: 'chưa gửi báo cáo',
  draft: 'chưa gửi báo cáo',
  returned: 'báo cáo bị trả lại, chưa gửi lại',
  submitted: 'đã gửi, chưa được duyệt',
};

/**
 * The units without an approved report, grouped by where they stand, names in natural order; the
 * count comes from completeness, so a list cut short says how many it leaves out.
 */
export function missingLines(report: TConsolidatedReport): string[] {
  const missing = Math.max(0, report.completeness.expected - report.completeness.approved);
  if (missing === 0 && report.notReported.length === 0) return [];
  const lines = [
    `Còn ${formatNumberVi(Math.max(missing, report.notReported.length))}/${formatNumberVi(report.completeness.expected)} đơn vị chưa có báo cáo được duyệt.`,
  ];
  const byState = new Map<string, string[]>();
  for (const u of report.notReported) {
    const state = STATE_OF_MISSING[u.status] ?? 'chưa gửi báo cáo';
    byState.set(state, [...(byState.get(state) ?? []), u.unitName]);
  }
  for (const [state, names] of byState) {
    lines.push(`- ${upperFirst(state)}: ${names.sort(compareNames).join('; ')}.`);
  }
  const left = missing - report.notReported.length;
  if (left > 0) lines.push(`- Và ${formatNumberVi(left)} đơn vị khác.`);
  return lines;
}

/** Said once, above the narratives, when more units wrote than the report gathers. */
export function narrativesCutLine(gathered: number): string {
  return `Các nội dung dưới đây tổng hợp từ báo cáo của ${formatNumberVi(gathered)} đơn vị (theo thứ tự tên); báo cáo của các đơn vị khác cùng cấp chưa được đưa vào bản này.`;
}

const upperFirst = (text: string) => text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);

/** A count with its unit ("12 người"); a percentage already carries "%". */
function resultText(indicator: { kind: string; aggregation: string; unit: string | null }, figure: TFigure) {
  const text = figureText(indicator, figure);
  const unit = indicator.unit?.trim();
  return text === '—' || text.endsWith('%') || !unit || unit === '%' ? text : `${text} ${unit}`;
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

/** Words that begin a document's name, kept capitalised inside a sentence ("thực hiện Chỉ thị số …"). */
const DOCUMENT_KINDS =
  /^(kế hoạch|chỉ thị|nghị quyết|nghị định|quyết định|chương trình|kết luận|đề án|thông tư|luật|hướng dẫn|công văn|điều lệ|quy định|quy chế)(?=\s|$)/iu;

/**
 * "Kết quả thực hiện Chỉ thị số 28-CT/TW năm 2025", as offices title such reports: never "Kết quả
 * thực hiện Thực hiện …" nor "… kế hoạch thực hiện …"; the period follows in lower case.
 */
export function reportSubject(planTitle: string, periodLabel: string): string {
  const title = planTitle
    .trim()
    .replace(/[.;]+$/u, '')
    .replace(/^(kế hoạch\s+)?thực hiện\s+/iu, '');
  const what = DOCUMENT_KINDS.test(title)
    ? title
    : `${title.charAt(0).toLocaleLowerCase('vi')}${title.slice(1)}`;
  const period = `${periodLabel.charAt(0).toLocaleLowerCase('vi')}${periodLabel.slice(1)}`;
  return `Kết quả thực hiện ${what} ${period}`;
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
  children.push(body([run(openingSentence(report, paper.date))]));
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
  const rows = report.values.map((v, k) => [
    String(k + 1),
    v.indicator.name,
    resultText(v.indicator, v.total),
    partsText(v.indicator, v.total),
    String(v.total.reportingUnits),
  ]);
  // the column of numerators and denominators only when a figure has them
  const withParts = rows.some((r) => r[3] !== '');
  children.push(
    withParts
      ? numbersTable(['TT', 'Chỉ tiêu', 'Kết quả', 'Số liệu', 'Số đơn vị báo cáo'], rows, [6, 44, 16, 18, 16])
      : numbersTable(
          ['TT', 'Chỉ tiêu', 'Kết quả', 'Số đơn vị báo cáo'],
          rows.map((r) => [r[0]!, r[1]!, r[2]!, r[4]!]),
          [6, 54, 22, 18],
        ),
  );
  // the table's last row is not run into the next heading
  children.push(new Paragraph({ spacing: { before: 0, after: 120 }, children: [] }));
  report.values.forEach((v, k) => {
    if (!v.breakdown) return;
    const table = breakdownTable(v.indicator, v.breakdown, v.total);
    children.push(
      body([run(`${k + 1}. ${v.indicator.name} — phân tổ theo ${v.breakdown.label.toLowerCase()}:`)]),
      numbersTable(table.headers, table.rows, table.widths),
      new Paragraph({ spacing: { before: 0, after: 120 }, children: [] }),
    );
  });
  if (report.targets.length > 0) {
    startSection('Kết quả so với mục tiêu');
    for (const t of report.targets) {
      // the official text carries no instruction of the app; a target nothing measures is said so
      const verdict = t.indicator ? officialVerdict(t.verdict) : 'chưa có số liệu để đánh giá.';
      children.push(
        body([run(`- ${t.text.trim().replace(/[.;:]+$/u, '')}: `), run(verdict, { italics: true })]),
      );
    }
  }
  for (const [k, s] of report.sections.entries()) {
    startSection(s.title);
    if (k === 0 && report.narrativeUnits?.more)
      children.push(body([run(narrativesCutLine(report.narrativeUnits.gathered), { italics: true })]));
    const lines = s.text.split('\n').filter((line) => line.trim().length > 0);
    if (lines.length === 0) children.push(body([run('Chưa có đơn vị nào báo cáo nội dung này.')]));
    for (const line of lines) children.push(body([run(line)]));
  }
  const missing = missingLines(report);
  if (missing.length > 0) {
    startSection('Đơn vị chưa báo cáo');
    for (const line of missing) children.push(body([run(line)]));
  }
  const closing = closingBlock(
    [...(report.parent ? [report.parent.unitName] : []), 'Lưu: VT'],
    paper.signer ?? defaultSigner(report.unit.unitType),
    'state',
  );
  if (closing)
    children.push(
      new Paragraph({ spacing: { before: 0, after: 120 }, keepNext: true, children: [] }),
      closing,
    );
  return officialDocx({ title: `Báo cáo tổng hợp ${report.period.label}`, papers: [children] });
}
