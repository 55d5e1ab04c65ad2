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
import ExcelJS from 'exceljs';
import { STATUS_COLOURS, type TConsolidatedReport, type TFigure } from '../../contracts/dashboard.ts';
import type { TUnitType } from '../../contracts/org.ts';
import type { TMilestone } from '../../contracts/plan-extract.ts';
import type { TFormContent, TReportStatus } from '../../contracts/reporting.ts';
import { headerDate } from '../../documents/render/plan-for-render.ts';
import { A4, FONT, MARGINS, pageHeaders } from '../../documents/render/render-plan.docx.ts';
import { formatDateVi } from '../../domain/dates.ts';
import { placeOfUnit } from '../../domain/plans/place-of-unit.ts';
import { symbolSuffix } from '../../domain/plans/symbol.ts';
import { assessTarget, officialVerdict } from '../../domain/progress/assess-progress.ts';
import { formatNumberVi } from '../../domain/progress/format-number.ts';
import { compareNames, groupNarratives } from '../../domain/reporting/group-narratives.ts';
import { TOTAL } from '../../domain/rollup/indicator.ts';
import { valueIsPercent } from '../../domain/rollup/roll-up.ts';
import type { Database } from '../db/client.ts';
import { AppError, notFound } from '../errors.ts';
import type { OrgRepository } from '../repositories/org.repository.ts';
import type { PlanRepository } from '../repositories/plan.repository.ts';
import type { ReportingRepository } from '../repositories/reporting.repository.ts';
import type { RollupRepository } from '../repositories/rollup.repository.ts';
import type { AccessService } from './access.service.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import { type DashboardService, indicatorRef, ownFigure, storedFigure } from './dashboard.service.ts';
import type { ReportingService } from './reporting.service.ts';
import { toPeriod } from './reporting.service.ts';
import { indicatorOf, isExpected, scopeOf } from './rollup.service.ts';

/** At most this many units' texts are gathered into one consolidated report. */
const MAX_SOURCES = 300;

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

/**
 * The consolidated report upward (báo cáo tổng hợp): a unit's numbers from its subtree, its units'
 * narratives gathered by section with each source named, results against the plan's targets, the
 * units that did not report; as JSON to edit, DOCX in the official layout, XLSX, and filed as the
 * unit's own report to its parent.
 */
export class ConsolidatedReportService {
  constructor(
    private readonly database: Database,
    private readonly rollups: RollupRepository,
    private readonly reporting: ReportingRepository,
    private readonly plans: PlanRepository,
    private readonly org: OrgRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly reportingService: ReportingService,
    private readonly dashboard: DashboardService,
  ) {}

  async compile(actor: Actor, periodId: number, unitId: number): Promise<TConsolidatedReport> {
    this.access.assertRole(actor, 'viewer');
    const period = await this.reporting.period(periodId);
    if (!period) throw notFound('period');
    await this.access.assertUnitAccess(actor, unitId);
    const scopeRow = (await this.rollups.periodScope(periodId))!;
    const scope = scopeOf(scopeRow);
    const date = period.endsOn;
    const [self] = await this.rollups.units([unitId], date);
    const ancestors = await this.org.ancestors(unitId, date);
    if (!self || (unitId !== scope.planUnitId && !ancestors.some((a) => a.id === scope.planUnitId))) {
      throw new AppError(
        400,
        'validation',
        { field: 'unitId', detail: 'đơn vị không thuộc kế hoạch trong kỳ này' },
        'unitId',
      );
    }
    const schedule = (await this.reporting.schedule(period.scheduleId))!;
    const plan = (await this.plans.find(schedule.planId))!;
    const form = (await this.reporting.form(schedule.formId))!;
    const version = (await this.reporting.formVersion(form.currentVersionId!))!;
    const formIndicators = version.indicators as TFormContent['indicators'];
    const sections = version.sections as TFormContent['sections'];
    const ids = formIndicators.map((i) => i.indicatorId);
    const indicatorRows = (await this.reporting.indicatorsByIds(ids)).sort(
      (a, b) => ids.indexOf(a.id) - ids.indexOf(b.id),
    );
    const children = await this.rollups.children(unitId, date);
    const figures = await this.dashboard.figures(period, [self, ...children], indicatorRows);
    const ownRows = self.has_children ? await this.rollups.ownValues(periodId, [unitId], ids) : [];
    const selfExpected = isExpected({ id: self.id, type: self.type, parentId: self.parent_id }, scope);
    const values = indicatorRows.map((indicator, k) => {
      const own = ownRows.filter((r) => r.indicator_id === indicator.id);
      return {
        indicator: indicatorRef(indicator),
        total: figures.get(unitId)![k]!,
        own: self.has_children
          ? own.length > 0
            ? ownFigure(indicator, own, selfExpected)
            : null
          : figures.get(unitId)![k]!.reportingUnits > 0
            ? figures.get(unitId)![k]!
            : null,
        units: children.map((c) => ({
          unitId: c.id,
          unitName: c.name,
          unitType: c.type as TUnitType,
          figure: figures.get(c.id)![k]!,
        })),
      };
    });

    // Narratives: the nearest reporting units' texts, approved ones and those waiting for review.
    const sources = await this.rollups.subtreeReports(
      periodId,
      unitId,
      date,
      ['approved', 'submitted'],
      MAX_SOURCES,
    );
    const nearest = sources.length > 0 ? Math.min(...sources.map((s) => s.depth)) : 0;
    const chosen = sources.filter((s) => s.depth === nearest);
    const compiledSections = sections.map((section) => {
      const found = chosen
        .map((s) => ({ unitId: s.unit_id, unitName: s.name, text: (s.narrative[section.key] ?? '').trim() }))
        .filter((s) => s.text.length > 0)
        .sort((a, b) => compareNames(a.unitName, b.unitName));
      return {
        key: section.key,
        title: section.title,
        text: groupNarratives(found)
          .map((g) => `- ${g.unitNames.join(', ')}: ${g.text}`)
          .join('\n'),
        sources: found,
      };
    });

    // Results against the plan's targets, for this unit.
    const [{ targets }, bindings, periods] = await Promise.all([
      this.plans.children(plan.id),
      this.reporting.bindingsOfPlan(plan.id),
      this.reporting.periodsOfSchedule(schedule.id),
    ]);
    const boundTo = new Map(bindings.map((b) => [b.target_id, b.indicator_id]));
    const bound = await this.reporting.indicatorsByIds([...new Set(boundTo.values())]);
    const series = self.has_children
      ? await this.rollups.rowsOf({
          periodIds: periods.map((p) => p.id),
          indicatorIds: bound.map((b) => b.id),
          unitIds: [unitId],
          category: TOTAL,
        })
      : [];
    const targetRows = targets.map((target) => {
      const indicator = bound.find((b) => b.id === boundTo.get(target.id)) ?? null;
      const milestones = target.milestones as TMilestone[];
      const points = indicator
        ? periods
            .filter((p) => p.endsOn <= period.endsOn)
            .flatMap((p) => {
              const figure =
                p.id === periodId
                  ? (values.find((v) => v.indicator.id === indicator.id)?.total ??
                    storedFigure(indicator, undefined))
                  : storedFigure(
                      indicator,
                      series.find((r) => r.period_id === p.id && r.indicator_id === indicator.id),
                    );
              return figure.value === null ? [] : [{ periodEnd: p.endsOn, value: figure.value }];
            })
        : [];
      // judged against the milestone of the report's own period, never the one after today
      const assessment = assessTarget(
        milestones,
        points,
        period.endsOn,
        indicator ? { valueIsPercent: valueIsPercent(indicatorOf(indicator)) } : {},
      );
      return {
        targetId: target.id,
        text: target.text,
        indicator: indicator ? indicatorRef(indicator) : null,
        milestone: assessment.nextMilestone,
        value: assessment.current,
        status: assessment.status,
        colour: STATUS_COLOURS[assessment.status],
        verdict: assessment.verdict,
      };
    });

    const completeness = await this.dashboard.completeness(actor, periodId, unitId);
    const notReported = await this.rollups.notApproved(periodId, unitId, scope, 500);
    const parent = ancestors.at(-1) ?? null;
    const [parentUnit] = parent ? await this.rollups.units([parent.id], date) : [];
    const upward = parent ? await this.upwardPeriod(unitId, parent.id, period.key) : null;
    return {
      period: toPeriod(period),
      scheduleName: schedule.name,
      plan: { id: plan.id, title: plan.title, symbol: plan.symbol },
      unit: { unitId, unitName: self.name, unitType: self.type as TUnitType },
      parent: parentUnit
        ? { unitId: parentUnit.id, unitName: parentUnit.name, unitType: parentUnit.type as TUnitType }
        : null,
      values,
      sections: compiledSections,
      targets: targetRows,
      completeness: completeness.total,
      notReported: notReported.map((u) => ({
        unitId: u.id,
        unitName: u.name,
        unitType: u.type as TUnitType,
        status: u.status as TReportStatus,
      })),
      upward,
    };
  }

  /** The unit's report to its parent: a period with the same key of a parent's plan where the unit reports. */
  private async upwardPeriod(unitId: number, parentId: number, key: string) {
    for (const candidate of await this.rollups.periodsWithKeyOfUnit(parentId, key)) {
      const scopeRow = (await this.rollups.periodScope(candidate.period_id))!;
      const scope = scopeOf(scopeRow);
      const chain = await this.rollups.chain(candidate.period_id, unitId, scope);
      const self = chain[0];
      if (!self || !isExpected({ id: self.id, type: self.type, parentId: self.parent_id }, scope)) continue;
      const report = await this.reporting.reportOf(candidate.period_id, unitId);
      return {
        periodId: candidate.period_id,
        scheduleName: candidate.schedule_name,
        reportId: report?.id ?? null,
      };
    }
    return null;
  }

  /** Files the consolidated report as the unit's own report to its parent: its roll-up and the edited text. */
  async submit(
    actor: Actor,
    periodId: number,
    input: { unitId: number; narrative: Record<string, string>; submit: boolean },
  ) {
    this.access.assertRole(actor, 'officer');
    const compiled = await this.compile(actor, periodId, input.unitId);
    if (!compiled.upward) {
      throw new AppError(
        409,
        'validation',
        { field: 'unitId', detail: 'cấp trên chưa có kỳ báo cáo tương ứng để gửi báo cáo tổng hợp' },
        'unitId',
      );
    }
    const upPeriodId = compiled.upward.periodId;
    return this.database.transaction(async () => {
      let report = await this.reportingService.open(actor, upPeriodId, input.unitId);
      const allowedSections = new Set(report.form.sections.map((s) => s.key));
      const allowedIndicators = new Map(report.form.indicators.map((i) => [i.id, i]));
      const narrative = Object.fromEntries(
        Object.entries(input.narrative).filter(([key]) => allowedSections.has(key)),
      );
      // Only additive figures can be a unit's own value upward; units meeting a threshold are entered by hand.
      const values = compiled.values.flatMap(({ indicator, total }) => {
        const target = allowedIndicators.get(indicator.id);
        if (!target || indicator.aggregation !== 'sum' || total.reportingUnits === 0) return [];
        return [
          {
            indicatorId: indicator.id,
            category: 'total' as const,
            numerator: total.numerator,
            denominator: indicator.kind === 'ratio' ? total.denominator : null,
            comment: `Tổng hợp từ ${total.reportingUnits} đơn vị`,
          },
        ];
      });
      report = await this.reportingService.save(actor, report.id, {
        values,
        narrative,
        version: report.version,
      });
      if (input.submit) report = await this.reportingService.submit(actor, report.id, report.version);
      await this.audit.record(actor, 'report.consolidate', 'report', report.id, null, {
        fromPeriodId: periodId,
        unitId: input.unitId,
      });
      return report;
    });
  }

  // ----- files --------------------------------------------------------------------------------

  private fileName(report: TConsolidatedReport, extension: string) {
    const code = report.unit.unitName
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase();
    return `bao-cao-tong-hop-${report.period.key}-${code}.${extension}`;
  }

  /** The consolidated report with the edited narrative (or the compiled one) as DOCX. */
  async docx(actor: Actor, periodId: number, unitId: number, narrative?: Record<string, string>) {
    const report = await this.compile(actor, periodId, unitId);
    const ancestors = await this.org.ancestors(unitId, report.period.endsOn);
    const today = this.access.today();
    const data = await renderConsolidatedDocx(withNarrative(report, narrative), {
      place: placeOfUnit(
        report.unit.unitName,
        ancestors.map((a) => a.name),
      ),
      // the report's own date: today while it is due, its due date once that has passed
      date: today < report.period.dueOn ? today : report.period.dueOn,
      symbolSuffix: symbolSuffix('BC', report.unit.unitType),
    });
    return { data, fileName: this.fileName(report, 'docx') };
  }

  async xlsx(actor: Actor, periodId: number, unitId: number, narrative?: Record<string, string>) {
    const report = withNarrative(await this.compile(actor, periodId, unitId), narrative);
    return { data: await renderConsolidatedXlsx(report), fileName: this.fileName(report, 'xlsx') };
  }
}

function withNarrative(report: TConsolidatedReport, narrative?: Record<string, string>): TConsolidatedReport {
  if (!narrative) return report;
  return {
    ...report,
    sections: report.sections.map((s) => ({ ...s, text: narrative[s.key] ?? s.text })),
  };
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

/** The consolidated report as XLSX: numbers by unit, results against targets, narratives, units not reporting. */
export async function renderConsolidatedXlsx(report: TConsolidatedReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Tiến Độ';
  const numbers = workbook.addWorksheet('Số liệu');
  numbers.addRow([`Báo cáo tổng hợp ${report.period.label} — ${report.unit.unitName}`]).font = { bold: true };
  const header = numbers.addRow([
    'Chỉ tiêu',
    report.unit.unitName,
    ...(report.values[0]?.units.map((u) => u.unitName) ?? []),
  ]);
  header.font = { bold: true };
  for (const v of report.values) {
    numbers.addRow([v.indicator.name, v.total.value, ...v.units.map((u) => u.figure.value)]);
  }
  numbers.getColumn(1).width = 50;
  const targets = workbook.addWorksheet('Chỉ tiêu');
  targets.addRow(['Mục tiêu', 'Giá trị', 'Trạng thái', 'Đánh giá']).font = { bold: true };
  for (const t of report.targets) targets.addRow([t.text, t.value, t.status, t.verdict]);
  targets.getColumn(1).width = 60;
  targets.getColumn(4).width = 60;
  const narrative = workbook.addWorksheet('Nội dung');
  narrative.addRow(['Phần', 'Nội dung']).font = { bold: true };
  for (const s of report.sections) narrative.addRow([s.title, s.text]);
  narrative.getColumn(2).width = 100;
  const missing = workbook.addWorksheet('Chưa báo cáo');
  missing.addRow(['Đơn vị', 'Tình trạng']).font = { bold: true };
  for (const u of report.notReported) missing.addRow([u.unitName, u.status]);
  missing.getColumn(1).width = 50;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
