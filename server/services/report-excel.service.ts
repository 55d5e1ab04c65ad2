import ExcelJS from 'exceljs';
import type { TCategory, TExcelImportResult, TForm } from '../../contracts/reporting.ts';
import { zipWithinLimits } from '../../documents/archive/zip-guard.ts';
import { renderReportTemplate, type TemplateRow } from '../../documents/render/report-template.xlsx.ts';
import {
  cellDisplayText,
  isEmptyContent,
  locateTable,
  mergeRow,
  type RowContent,
  sameContent,
  UNIT_CODE_KEY,
} from '../../domain/reporting/report-sheet.ts';
import { readTemplateRow } from '../../domain/reporting/report-sheet-row.ts';
import { isEditable } from '../../domain/reporting/report-states.ts';
import { indicatorRulesOf, validateReport } from '../../domain/reporting/validate-report.ts';
import type { Database } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { nounRef } from '../i18n/messages.ts';
import type { OrgRepository } from '../repositories/org.repository.ts';
import type { PlanRepository } from '../repositories/plan.repository.ts';
import type { ReportingRepository } from '../repositories/reporting.repository.ts';
import type { AccessService } from './access.service.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import type { IndicatorFormService } from './indicator-form.service.ts';
import type { ReportScheduleService } from './report-schedule.service.ts';

/** How far down a sheet the table's header is looked for (title rows, notes above it). */
const HEADER_SEARCH_ROWS = 30;
const STATUS_TEXT: Record<string, string> = {
  draft: 'Nháp — nhập được',
  returned: 'Bị trả lại — nhập được',
  submitted: 'Đã gửi — khoá, bỏ qua khi nhập',
  approved: 'Đã duyệt — khoá, bỏ qua khi nhập',
};
const CATEGORY_NAMES: Record<TCategory, string> = { total: 'Tổng', male: 'Nam', female: 'Nữ' };

/** A column of the template: its machine key (hidden row 3) and its header. */
interface Column {
  key: string;
  header: string;
  width: number;
}

/** Columns for a form: unit code and name, each value part, then each narrative section. */
export function templateColumns(form: TForm): Column[] {
  const columns: Column[] = [
    { key: 'unit_code', header: 'Mã đơn vị', width: 14 },
    { key: 'unit_name', header: 'Tên đơn vị', width: 40 },
  ];
  for (const indicator of form.indicators) {
    const categories: TCategory[] =
      indicator.disaggregation === 'sex' ? ['total', 'male', 'female'] : ['total'];
    for (const category of categories) {
      const suffix = categories.length > 1 ? ` (${CATEGORY_NAMES[category]})` : '';
      if (indicator.kind === 'ratio') {
        columns.push({
          key: `v:${indicator.id}:${category}:n`,
          header: `${indicator.name} — ${indicator.numeratorLabel ?? 'Tử số'}${suffix}`,
          width: 18,
        });
        columns.push({
          key: `v:${indicator.id}:${category}:d`,
          header: `${indicator.name} — ${indicator.denominatorLabel ?? 'Mẫu số'}${suffix}`,
          width: 18,
        });
      } else {
        const hint =
          indicator.kind === 'boolean'
            ? ' (1 = Có, 0 = Không)'
            : indicator.unit
              ? ` (${indicator.unit})`
              : '';
        columns.push({
          key: `v:${indicator.id}:${category}:n`,
          header: `${indicator.name}${hint}${suffix}`,
          width: 18,
        });
      }
    }
  }
  for (const section of form.sections)
    columns.push({ key: `s:${section.key}`, header: section.title, width: 40 });
  return columns;
}

/** Excel entry: a template per unit or for all of a unit's units, and an all-or-nothing import. */
export class ReportExcelService {
  constructor(
    private readonly database: Database,
    private readonly reporting: ReportingRepository,
    private readonly plans: PlanRepository,
    private readonly org: OrgRepository,
    private readonly forms: IndicatorFormService,
    private readonly schedules: ReportScheduleService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    /** Operational log (the server's stdout): start and end of each committed import. */
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  private async context(actor: Actor, periodId: number) {
    const period = await this.reporting.period(periodId);
    if (!period) throw new AppError(404, 'not_found', { what: '@period' });
    const schedule = (await this.reporting.schedule(period.scheduleId))!;
    const plan = (await this.plans.find(schedule.planId))!;
    await this.schedules.assertCanSeePlanUnit(actor, plan.unitId);
    const formRow = (await this.reporting.form(schedule.formId))!;
    const form = await this.forms.form(formRow.currentVersionId!);
    const scope = await this.schedules.unitsInScope(schedule, period, plan.unitId);
    return { period, schedule, plan, form, scope };
  }

  /** The template: one row for `unitId`, or one per unit in scope below `parentId`. */
  async template(
    actor: Actor,
    periodId: number,
    target: { unitId?: number | undefined; parentId?: number | undefined },
  ) {
    this.access.assertRole(actor, 'officer');
    const { period, schedule, form, scope } = await this.context(actor, periodId);
    let units = scope;
    if (target.unitId !== undefined) {
      await this.access.assertUnitAccess(actor, target.unitId);
      units = scope.filter((u) => u.id === target.unitId);
    } else {
      const parentId = target.parentId ?? actor.homeUnitId;
      if (parentId === null || parentId < 0)
        throw new AppError(
          400,
          'validation',
          { field: 'parentId', detail: nounRef('unit_required') },
          'parentId',
        );
      await this.access.assertUnitAccess(actor, parentId);
      const below = new Set((await this.org.tree(period.endsOn, parentId)).map((u) => u.id));
      units = scope.filter((u) => below.has(u.id));
    }
    if (units.length === 0)
      throw new AppError(
        400,
        'validation',
        { field: 'unitId', detail: nounRef('no_unit_reports_this_period') },
        'unitId',
      );

    const columns = [...templateColumns(form), { key: 'status', header: 'Tình trạng báo cáo', width: 22 }];
    // what is stored for the period, in two statements whatever the number of units
    const currentOf = new Map((await this.reporting.reportsOfPeriod(periodId)).map((r) => [r.unitId, r]));
    const valuesOf = groupBy(await this.reporting.valuesOfPeriod(periodId), (v) => v.reportId);
    const rows: TemplateRow[] = [];
    for (const unit of units) {
      const current = currentOf.get(unit.id);
      const row: TemplateRow = {
        code: unit.code,
        name: unit.name,
        status: current ? (STATUS_TEXT[current.status] ?? current.status) : '',
        open: !current || isEditable(current.status),
        cells: [],
      };
      rows.push(row);
      // last period's figures are a note, never a value: a template sent back unchanged changes nothing
      const previous = current
        ? undefined
        : await this.reporting.previousReport(schedule.id, period.startsOn, unit.id);
      const source = current ?? previous;
      if (!source) continue;
      const values = current ? (valuesOf.get(current.id) ?? []) : await this.reporting.values(source.id);
      columns.forEach((column, i) => {
        const [kind, indicatorId, category, part] = column.key.split(':');
        if (kind === 'v') {
          const v = values.find((x) => x.indicatorId === Number(indicatorId) && x.category === category);
          const value = part === 'n' ? v?.numerator : v?.denominator;
          if (value === null || value === undefined) return;
          row.cells.push(current ? { column: i + 1, value } : { column: i + 1, note: `Kỳ trước: ${value}` });
        } else if (kind === 's' && current) {
          const value = (current.narrative as Record<string, string>)[indicatorId!] ?? '';
          row.cells.push({ column: i + 1, value });
        }
      });
    }
    const data = await renderReportTemplate({
      title: `${schedule.name} — ${period.label} (hạn gửi ${period.dueOn.split('-').reverse().join('/')})`,
      columns,
      rows,
    });
    return {
      data,
      fileName: `bao-cao-${period.key}-${units.length === 1 ? units[0]!.code : `${units.length}-don-vi`}.xlsx`,
    };
  }

  /**
   * Reads a filled template, found by content on any sheet (`locateTable`). Every bad cell is
   * listed with its reason; rows of reports already submitted or approved are skipped; a column
   * the file lacks leaves the stored content as it is (`mergeRow`). With `commit` and no error,
   * the rows that change something are saved in one transaction (all or nothing).
   */
  async import(actor: Actor, periodId: number, data: Buffer, commit: boolean): Promise<TExcelImportResult> {
    this.access.assertRole(actor, 'officer');
    if (!(await zipWithinLimits(data)))
      throw new AppError(415, 'unsupported_file', { expected: 'XLSX (tệp mẫu tải từ Tiến Độ)' }, 'file');
    const { period, schedule, form, scope } = await this.context(actor, periodId);
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(data as unknown as ArrayBuffer);
    } catch {
      throw new AppError(415, 'unsupported_file', { expected: 'XLSX (tệp mẫu tải từ Tiến Độ)' }, 'file');
    }
    if (workbook.worksheets.length === 0)
      throw new AppError(
        400,
        'validation',
        { field: 'file', detail: nounRef('workbook_without_sheet') },
        'file',
      );
    const columns = templateColumns(form);
    const found = findTable(workbook, columns);
    const dataColumns = found
      ? columns.filter((c) => c.key !== UNIT_CODE_KEY && found.table.columnOf.has(c.key))
      : [];
    if (!found || !dataColumns.some((c) => c.key.startsWith('v:') || c.key.startsWith('s:'))) {
      throw new AppError(
        400,
        'validation',
        {
          field: 'file',
          detail: found
            ? 'không có cột số liệu nào của biểu báo cáo này; hãy tải lại mẫu'
            : 'không tìm thấy hàng tiêu đề có cột "Mã đơn vị" ở trang tính nào; hãy tải lại mẫu',
        },
        'file',
      );
    }
    const { sheet, table } = found;
    const errors: TExcelImportResult['errors'] = [];
    const byCode = new Map(scope.map((u) => [u.code, u]));
    // One query each for what every row needs: the actor's units, the period's reports and values.
    const visible =
      actor.homeUnitId === null
        ? null
        : new Set((await this.org.tree(period.endsOn, actor.homeUnitId)).map((u) => u.id));
    const existingReports = new Map(
      (await this.reporting.reportsOfPeriod(periodId)).map((r) => [r.unitId, r]),
    );
    const storedValues = groupBy(await this.reporting.valuesOfPeriod(periodId), (v) => v.reportId);
    const rules = indicatorRulesOf(form);
    const rowsToSave: { unitId: number; depth: number; content: RowContent }[] = [];
    let unchanged = 0;
    let skipped = 0;
    const seen = new Set<number>();
    const codeColumn = table.columnOf.get(UNIT_CODE_KEY)!;
    const address = (row: number, column: number) => `${sheet.getColumn(column).letter}${row}`;
    for (let r = table.firstDataRow; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const code = cellDisplayText(row.getCell(codeColumn).value).trim();
      if (!code) continue;
      const unit = byCode.get(code);
      const codeCell = address(r, codeColumn);
      const refuse = (message: string) =>
        errors.push({ sheet: sheet.name, cell: codeCell, row: r, field: 'unit_code', message });
      if (!unit) {
        refuse(`Đơn vị mã ${code} (ô ${codeCell}) không thuộc diện báo cáo kỳ này.`);
        continue;
      }
      if (visible !== null && !visible.has(unit.id) && !(await this.access.canAccessUnit(actor, unit.id))) {
        refuse(`Đơn vị ${code} (ô ${codeCell}) nằm ngoài phạm vi của bạn.`);
        continue;
      }
      if (seen.has(unit.id)) {
        refuse(`Đơn vị ${code} có hai dòng (ô ${codeCell}).`);
        continue;
      }
      seen.add(unit.id);
      const existing = existingReports.get(unit.id);
      // submitted or approved: locked in the template, left as it is (the web's unlock reopens it)
      if (existing && !isEditable(existing.status)) {
        skipped += 1;
        continue;
      }
      const {
        read,
        cellOf,
        errors: cellErrors,
      } = readTemplateRow(
        dataColumns,
        table.columnOf,
        (column) => row.getCell(column).value,
        (column) => address(r, column),
      );
      for (const e of cellErrors) errors.push({ sheet: sheet.name, row: r, ...e });
      const stored: RowContent | null = existing
        ? {
            values: (storedValues.get(existing.id) ?? []).map((v) => ({
              indicatorId: v.indicatorId,
              category: v.category,
              numerator: v.numerator,
              denominator: v.denominator,
              comment: v.comment,
            })),
            narrative: (existing.narrative ?? {}) as Record<string, string>,
          }
        : null;
      const content = mergeRow(stored, read);
      const values = content.values.map((v) => ({
        indicatorId: v.indicatorId,
        category: v.category as TCategory,
        numerator: v.numerator,
        denominator: v.denominator,
        comment: v.comment ?? null,
      }));
      for (const issue of validateReport(rules, form.sections, values, content.narrative, [], false)) {
        if (issue.severity !== 'error') continue;
        const cell = cellOf.get(issue.field) ?? codeCell;
        errors.push({
          sheet: sheet.name,
          cell,
          row: r,
          field: issue.field,
          message: `Ô ${cell}: ${issue.message}`,
        });
      }
      if (stored ? sameContent(stored, content) : isEmptyContent(content)) {
        unchanged += 1;
        continue;
      }
      rowsToSave.push({ unitId: unit.id, depth: unit.depth, content });
    }
    const counts = { reports: rowsToSave.length, unchanged, skipped };
    if (errors.length > 0 || !commit || rowsToSave.length === 0)
      return { applied: errors.length === 0 && commit, ...counts, errors };

    const formRow = (await this.reporting.form(schedule.formId))!;
    const started = performance.now();
    this.log(`Nhập Excel kỳ ${periodId}: đang ghi ${rowsToSave.length} báo cáo trong một giao dịch…`);
    await this.database.transaction(async () => {
      const ensured = await this.reporting.bulkEnsureReports(
        rowsToSave.map((r) => ({
          periodId,
          unitId: r.unitId,
          formVersionId: formRow.currentVersionId!,
          dueOn: this.schedules.dueFor(period, schedule, r.depth),
          isDemo: schedule.isDemo,
        })),
      );
      const idOf = new Map(ensured.map((r) => [r.unitId, r]));
      // Re-check inside the transaction: a report submitted meanwhile is not overwritten.
      const locked = rowsToSave.find((r) => !isEditable(idOf.get(r.unitId)!.status));
      if (locked)
        throw new AppError(
          409,
          'validation',
          { field: 'status', detail: nounRef('report_sent_during_import') },
          'status',
        );
      await this.reporting.bulkSave(
        rowsToSave.map((r) => ({ reportId: idOf.get(r.unitId)!.id, narrative: r.content.narrative })),
        rowsToSave.flatMap((r) =>
          r.content.values.map((v) => ({
            reportId: idOf.get(r.unitId)!.id,
            indicatorId: v.indicatorId,
            category: v.category,
            numerator: v.numerator,
            denominator: v.denominator,
            comment: v.comment ?? null,
          })),
        ),
      );
      await this.audit.record(actor, 'report.excel_import', 'report_period', periodId, null, {
        reports: rowsToSave.map((r) => idOf.get(r.unitId)!.id),
        values: rowsToSave.reduce((n, r) => n + r.content.values.length, 0),
        unchanged,
        skipped,
      });
    });
    this.log(
      `Nhập Excel kỳ ${periodId}: đã ghi ${rowsToSave.length} báo cáo (${Math.round(performance.now() - started)} ms).`,
    );
    return { applied: true, ...counts, errors: [] };
  }
}

/** The first sheet, in the workbook's order, whose first rows hold the table of the form. */
function findTable(workbook: ExcelJS.Workbook, columns: Column[]) {
  for (const sheet of workbook.worksheets) {
    const rows: string[][] = [];
    const last = Math.min(sheet.rowCount, HEADER_SEARCH_ROWS);
    for (let r = 1; r <= last; r++) {
      const row = sheet.getRow(r);
      const texts: string[] = [];
      for (let c = 1; c <= Math.min(row.cellCount, 500); c++)
        texts.push(cellDisplayText(row.getCell(c).value));
      rows.push(texts);
    }
    const table = locateTable(rows, columns);
    if (table) return { sheet, table };
  }
  return null;
}

function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
