import ExcelJS from 'exceljs';
import type { TCategory, TExcelImportResult, TForm } from '../../contracts/reporting.ts';
import { zipWithinLimits } from '../../documents/archive/zip-guard.ts';
import { validateReport } from '../../domain/reporting/validate-report.ts';
import type { Database } from '../db/client.ts';
import { AppError } from '../errors.ts';
import type { OrgRepository } from '../repositories/org.repository.ts';
import type { PlanRepository } from '../repositories/plan.repository.ts';
import type { ReportingRepository } from '../repositories/reporting.repository.ts';
import type { AccessService } from './access.service.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import type { ReportingService } from './reporting.service.ts';

const SHEET = 'Báo cáo';
const KEY_ROW = 3;
const HEADER_ROW = 4;
const FIRST_DATA_ROW = 5;
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

/** A cell's number: numbers as they are; text in Vietnamese ("1.234,5") or plain notation. */
export function cellNumber(value: ExcelJS.CellValue): { ok: true; value: number | null } | { ok: false } {
  if (value === null || value === undefined || value === '') return { ok: true, value: null };
  if (typeof value === 'number') return Number.isFinite(value) ? { ok: true, value } : { ok: false };
  if (typeof value === 'object' && 'result' in value)
    return cellNumber((value as { result: ExcelJS.CellValue }).result);
  const text = String(
    typeof value === 'object' && 'richText' in value ? value.richText.map((r) => r.text).join('') : value,
  ).trim();
  if (text === '') return { ok: true, value: null };
  const normalised = /^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(text)
    ? text.replace(/\./g, '').replace(',', '.')
    : text.replace(',', '.');
  const parsed = Number(normalised);
  return /^-?\d+(\.\d+)?$/.test(normalised) && Number.isFinite(parsed)
    ? { ok: true, value: parsed }
    : { ok: false };
}

const cellText = (value: ExcelJS.CellValue): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((r) => r.text).join('');
  if (typeof value === 'object' && 'text' in value) return String((value as { text: unknown }).text);
  return String(value);
};

/** Excel entry: a template per unit or for all of a unit's units, and an all-or-nothing import. */
export class ReportExcelService {
  constructor(
    private readonly database: Database,
    private readonly reporting: ReportingRepository,
    private readonly plans: PlanRepository,
    private readonly org: OrgRepository,
    private readonly reportingService: ReportingService,
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
    await this.reportingService.assertCanSeePlanUnit(actor, plan.unitId);
    const formRow = (await this.reporting.form(schedule.formId))!;
    const form = await this.reportingService.form(formRow.currentVersionId!);
    const scope = await this.reportingService.unitsInScope(schedule, period, plan.unitId);
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
        throw new AppError(400, 'validation', { field: 'parentId', detail: 'cần chọn đơn vị' }, 'parentId');
      await this.access.assertUnitAccess(actor, parentId);
      const below = new Set((await this.org.tree(period.endsOn, parentId)).map((u) => u.id));
      units = scope.filter((u) => below.has(u.id));
    }
    if (units.length === 0)
      throw new AppError(
        400,
        'validation',
        { field: 'unitId', detail: 'không có đơn vị nào phải báo cáo kỳ này' },
        'unitId',
      );

    const columns = templateColumns(form);
    const workbook = new ExcelJS.Workbook();
    workbook.creator = 'Tiến Độ';
    const sheet = workbook.addWorksheet(SHEET, {
      views: [{ state: 'frozen', xSplit: 2, ySplit: HEADER_ROW }],
    });
    sheet.columns = columns.map((c) => ({ key: c.key, width: c.width }));
    sheet.getCell(1, 1).value =
      `${schedule.name} — ${period.label} (hạn gửi ${period.dueOn.split('-').reverse().join('/')})`;
    sheet.getCell(1, 1).font = { bold: true, size: 13 };
    sheet.getCell(2, 1).value =
      'Điền số vào các ô trống; không sửa hàng tiêu đề và cột mã đơn vị. Ô tô xám là số liệu kỳ trước để tham khảo.';
    sheet.getCell(2, 1).font = { italic: true, color: { argb: 'FF555555' } };
    const keys = sheet.getRow(KEY_ROW);
    const headers = sheet.getRow(HEADER_ROW);
    columns.forEach((c, i) => {
      keys.getCell(i + 1).value = c.key;
      headers.getCell(i + 1).value = c.header;
    });
    keys.hidden = true;
    headers.font = { bold: true };
    headers.alignment = { wrapText: true, vertical: 'middle' };
    headers.height = 48;
    for (const [index, unit] of units.entries()) {
      const row = sheet.getRow(FIRST_DATA_ROW + index);
      row.getCell(1).value = unit.code;
      row.getCell(2).value = unit.name;
      const current = await this.reporting.reportOf(periodId, unit.id);
      const previous = await this.reporting.previousReport(schedule.id, period.startsOn, unit.id);
      const source = current ?? previous;
      if (!source) continue;
      const values = await this.reporting.values(source.id);
      const prefilledFromLast = !current;
      columns.forEach((column, i) => {
        const [kind, indicatorId, category, part] = column.key.split(':');
        if (kind === 'v') {
          const v = values.find((x) => x.indicatorId === Number(indicatorId) && x.category === category);
          const value = part === 'n' ? v?.numerator : v?.denominator;
          if (value !== null && value !== undefined) {
            const cell = row.getCell(i + 1);
            cell.value = value;
            if (prefilledFromLast)
              cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEDED' } };
          }
        } else if (kind === 's' && current) {
          row.getCell(i + 1).value = (current.narrative as Record<string, string>)[indicatorId!] ?? '';
        }
      });
    }
    const data = Buffer.from(await workbook.xlsx.writeBuffer());
    return {
      data,
      fileName: `bao-cao-${period.key}-${units.length === 1 ? units[0]!.code : `${units.length}-don-vi`}.xlsx`,
    };
  }

  /**
   * Reads a filled template. Every bad cell is listed with its reason; with `commit` and no
   * error, every row is saved in one transaction (all or nothing).
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
    const sheet = workbook.getWorksheet(SHEET) ?? workbook.worksheets[0];
    if (!sheet)
      throw new AppError(400, 'validation', { field: 'file', detail: 'tệp không có trang tính' }, 'file');
    const errors: TExcelImportResult['errors'] = [];
    const keyRow = sheet.getRow(KEY_ROW);
    const keyAt = new Map<string, number>();
    keyRow.eachCell((cell, column) => keyAt.set(cellText(cell.value), column));
    const columns = templateColumns(form);
    const missing = columns.filter((c) => !keyAt.has(c.key));
    if (!keyAt.has('unit_code') || missing.some((c) => c.key.startsWith('v:'))) {
      throw new AppError(
        400,
        'validation',
        { field: 'file', detail: 'tệp không phải mẫu của kỳ báo cáo này (thiếu cột); hãy tải lại mẫu' },
        'file',
      );
    }
    const byCode = new Map(scope.map((u) => [u.code, u]));
    // One query each for what every row needs: the actor's units and the period's reports.
    const visible =
      actor.homeUnitId === null
        ? null
        : new Set((await this.org.tree(period.endsOn, actor.homeUnitId)).map((u) => u.id));
    const existingReports = new Map(
      (await this.reporting.reportsOfPeriod(periodId)).map((r) => [r.unitId, r]),
    );
    const rules = form.indicators.map((i) => ({
      id: i.id,
      code: i.code,
      name: i.name,
      kind: i.kind,
      disaggregation: i.disaggregation,
      required: i.required,
    }));
    const rowsToSave: {
      unitId: number;
      depth: number;
      values: {
        indicatorId: number;
        category: TCategory;
        numerator: number | null;
        denominator: number | null;
        comment: null;
      }[];
      narrative: Record<string, string>;
    }[] = [];
    const seen = new Set<number>();
    const address = (row: number, column: number) => `${sheet.getColumn(column).letter}${row}`;
    for (let r = FIRST_DATA_ROW; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const code = cellText(row.getCell(keyAt.get('unit_code')!).value).trim();
      if (!code) continue;
      const unit = byCode.get(code);
      const codeCell = address(r, keyAt.get('unit_code')!);
      if (!unit) {
        errors.push({
          sheet: sheet.name,
          cell: codeCell,
          row: r,
          field: 'unit_code',
          message: `Đơn vị mã ${code} không thuộc diện báo cáo kỳ này.`,
        });
        continue;
      }
      if (visible !== null && !visible.has(unit.id) && !(await this.access.canAccessUnit(actor, unit.id))) {
        errors.push({
          sheet: sheet.name,
          cell: codeCell,
          row: r,
          field: 'unit_code',
          message: `Đơn vị ${code} nằm ngoài phạm vi của bạn.`,
        });
        continue;
      }
      if (seen.has(unit.id)) {
        errors.push({
          sheet: sheet.name,
          cell: codeCell,
          row: r,
          field: 'unit_code',
          message: `Đơn vị ${code} có hai dòng.`,
        });
        continue;
      }
      seen.add(unit.id);
      const values = new Map<
        string,
        {
          indicatorId: number;
          category: TCategory;
          numerator: number | null;
          denominator: number | null;
          comment: null;
        }
      >();
      const narrative: Record<string, string> = {};
      const cellOf = new Map<string, string>();
      for (const column of columns) {
        const at = keyAt.get(column.key);
        if (at === undefined) continue;
        const raw = row.getCell(at).value;
        const [kind, id, category, part] = column.key.split(':');
        if (kind === 's') {
          const text = cellText(raw).trim();
          if (text) narrative[id!] = text;
          continue;
        }
        if (kind !== 'v') continue;
        const parsed = cellNumber(raw);
        const field = `values.${id}.${category}.${part === 'n' ? 'numerator' : 'denominator'}`;
        cellOf.set(field, address(r, at));
        if (!parsed.ok) {
          errors.push({
            sheet: sheet.name,
            cell: address(r, at),
            row: r,
            field,
            message: `"${cellText(raw)}" không phải là số.`,
          });
          continue;
        }
        const key = `${id}:${category}`;
        const entry = values.get(key) ?? {
          indicatorId: Number(id),
          category: category as TCategory,
          numerator: null,
          denominator: null,
          comment: null,
        };
        if (part === 'n') entry.numerator = parsed.value;
        else entry.denominator = parsed.value;
        values.set(key, entry);
      }
      const list = [...values.values()].filter((v) => v.numerator !== null || v.denominator !== null);
      for (const issue of validateReport(rules, form.sections, list, narrative, [], false)) {
        if (issue.severity !== 'error') continue;
        errors.push({
          sheet: sheet.name,
          cell: cellOf.get(issue.field) ?? codeCell,
          row: r,
          field: issue.field,
          message: issue.message,
        });
      }
      const existing = existingReports.get(unit.id);
      if (existing && existing.status !== 'draft' && existing.status !== 'returned') {
        errors.push({
          sheet: sheet.name,
          cell: codeCell,
          row: r,
          field: 'status',
          message: `Báo cáo của ${unit.name} đã gửi hoặc đã duyệt; không ghi đè.`,
        });
      }
      rowsToSave.push({ unitId: unit.id, depth: unit.depth, values: list, narrative });
    }
    if (errors.length > 0 || !commit) return { applied: false, reports: rowsToSave.length, errors };

    const formRow = (await this.reporting.form(schedule.formId))!;
    const started = performance.now();
    this.log(`Nhập Excel kỳ ${periodId}: đang ghi ${rowsToSave.length} báo cáo trong một giao dịch…`);
    await this.database.transaction(async () => {
      const ensured = await this.reporting.bulkEnsureReports(
        rowsToSave.map((r) => ({
          periodId,
          unitId: r.unitId,
          formVersionId: formRow.currentVersionId!,
          dueOn: this.reportingService.dueFor(period, schedule, r.depth),
          isDemo: schedule.isDemo,
        })),
      );
      const idOf = new Map(ensured.map((r) => [r.unitId, r]));
      // Re-check inside the transaction: a report submitted meanwhile is not overwritten.
      const locked = rowsToSave.find((r) => !['draft', 'returned'].includes(idOf.get(r.unitId)!.status));
      if (locked)
        throw new AppError(
          409,
          'validation',
          { field: 'status', detail: 'một báo cáo vừa được gửi trong lúc nhập; hãy xem lại' },
          'status',
        );
      await this.reporting.bulkSave(
        rowsToSave.map((r) => ({ reportId: idOf.get(r.unitId)!.id, narrative: r.narrative })),
        rowsToSave.flatMap((r) => r.values.map((v) => ({ reportId: idOf.get(r.unitId)!.id, ...v }))),
      );
      await this.audit.record(actor, 'report.excel_import', 'report_period', periodId, null, {
        reports: rowsToSave.map((r) => idOf.get(r.unitId)!.id),
        values: rowsToSave.reduce((n, r) => n + r.values.length, 0),
      });
    });
    this.log(
      `Nhập Excel kỳ ${periodId}: đã ghi ${rowsToSave.length} báo cáo (${Math.round(performance.now() - started)} ms).`,
    );
    return { applied: true, reports: rowsToSave.length, errors: [] };
  }
}
