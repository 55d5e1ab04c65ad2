import type { TCategory, TExcelImportResult, TForm } from '../../contracts/reporting.ts';
import {
  renderReportTemplate,
  type TemplateInput,
  type TemplateRow,
} from '../../documents/render/report-template.xlsx.ts';
import type { WorkbookSheet } from '../../documents/sheets/read-workbook.ts';
import { groupBy } from '../../domain/group-by.ts';
import { categoryKeysOf, categoryLabel } from '../../domain/reporting/breakdowns.ts';
import { HEADER_LEVEL_JOIN, UNIT_CODE_KEY } from '../../domain/reporting/report-sheet.ts';
import { isEditable, REPORT_TRANSITIONS } from '../../domain/reporting/report-states.ts';
import type { Database } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { nounRef } from '../i18n/messages.ts';
import type { OrgRepository } from '../repositories/org.repository.ts';
import type { ReportLifecycleRepository } from '../repositories/report-lifecycle.repository.ts';
import type { ReportingRepository } from '../repositories/reporting.repository.ts';
import type { SpreadsheetReader } from '../workers/spreadsheet-reader.ts';
import type { AccessService } from './access.service.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import { openReportsForImport } from './import-reports.ts';
import type { IndicatorFormService } from './indicator-form.service.ts';
import { type Column, findTable, readSheetImport } from './report-excel-rows.ts';
import type { ReportScheduleService } from './report-schedule.service.ts';

/** A report's state in the template's status column, and whether the import takes its row. */
const STATE_NAME: Record<string, string> = {
  draft: 'Nháp',
  returned: 'Bị trả lại',
  submitted: 'Đã gửi',
  approved: 'Đã duyệt',
};
function statusText(status: string): string {
  const name = STATE_NAME[status];
  if (name === undefined) return status;
  return `${name} — ${isEditable(status) ? 'nhập được' : 'khoá, bỏ qua khi nhập'}`;
}
/** A column's part name: `Tổng`, `Nữ`, `Nữ – Thành thị`. */
const categoryName = (category: TCategory): string =>
  category === 'total' ? 'Tổng' : categoryLabel(category);

/** A yes/no indicator's words in the sheet (a list in Excel) and the numbers stored. */
const YES_NO: Readonly<Record<string, number>> = { Có: 1, Không: 0 };

/**
 * Columns for a form: unit code and name; for each indicator its parts under its name (a ratio's
 * numerator, denominator and computed %, a disaggregated figure's total, men and women); then each
 * narrative section. Whole numbers for counts and ratios, 0–100 for a figure in %, Có/Không for
 * a yes/no indicator.
 */
export function templateColumns(form: TForm): Column[] {
  const columns: Column[] = [
    { key: 'unit_code', header: 'Mã đơn vị', width: 14 },
    { key: 'unit_name', header: 'Tên đơn vị', width: 36 },
  ];
  const join = (group: string, part: string) => `${group}${HEADER_LEVEL_JOIN}${part}`;
  for (const indicator of form.indicators) {
    const categories: TCategory[] = ['total', ...categoryKeysOf(indicator.disaggregation)];
    const base = `v:${indicator.id}`;
    if (indicator.kind === 'ratio') {
      const group = indicator.name;
      for (const category of categories) {
        const suffix = categories.length > 1 ? ` (${categoryName(category)})` : '';
        const n = `${base}:${category}:n`;
        const d = `${base}:${category}:d`;
        const parts: [string, string][] = [
          [n, `${indicator.numeratorLabel ?? 'Tử số'}${suffix}`],
          [d, `${indicator.denominatorLabel ?? 'Mẫu số'}${suffix}`],
        ];
        for (const [key, part] of parts)
          columns.push({
            key,
            group,
            part,
            header: join(group, part),
            width: 14,
            input: 'whole',
            total: true,
          });
        const part = `Tỷ lệ (%)${suffix}`;
        columns.push({
          key: `p:${indicator.id}:${category}`,
          group,
          part,
          header: join(group, part),
          width: 11,
          ratioOf: [n, d],
        });
      }
      continue;
    }
    const percent = indicator.kind === 'sum' && indicator.unit?.trim() === '%';
    const input: TemplateInput =
      indicator.kind === 'boolean'
        ? 'choice'
        : indicator.kind === 'count'
          ? 'whole'
          : percent
            ? 'percent'
            : 'decimal';
    const hint = indicator.kind === 'boolean' ? ' (Có/Không)' : indicator.unit ? ` (${indicator.unit})` : '';
    const reading = {
      input,
      ...(input === 'choice' ? { choices: YES_NO } : {}),
      ...(percent ? { percent: true } : {}),
      // percentages are not added up; a yes/no column counts its "Có"
      total: !percent,
    };
    if (categories.length === 1) {
      columns.push({ key: `${base}:total:n`, header: `${indicator.name}${hint}`, width: 16, ...reading });
      continue;
    }
    const group = `${indicator.name}${hint}`;
    for (const category of categories) {
      const part = categoryName(category);
      columns.push({
        key: `${base}:${category}:n`,
        group,
        part,
        header: join(group, part),
        width: 12,
        ...reading,
      });
    }
  }
  for (const section of form.sections)
    columns.push({ key: `s:${section.key}`, header: section.title, width: 40, input: 'text' });
  return columns;
}

/** Excel entry: a template per unit or for all of a unit's units, and an all-or-nothing import. */
export class ReportExcelService {
  constructor(
    private readonly database: Database,
    private readonly reporting: ReportingRepository,
    private readonly org: OrgRepository,
    private readonly forms: IndicatorFormService,
    private readonly schedules: ReportScheduleService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    /** Parses the uploaded workbook in a worker process (`readWorkbookRows`), never in the server's. */
    private readonly spreadsheets: SpreadsheetReader,
    /** Operational log (the server's stdout): start and end of each committed import. */
    private readonly log: (line: string) => void,
    /**
     * For an import that sends (`import(…, { submit: true })`): the one submit statement, and who
     * is told after reports were sent (the period's roll-ups readied apart), as a submit on the web.
     */
    private readonly sending: {
      lifecycle: ReportLifecycleRepository;
      onSubmitted: (periodId: number) => void;
    },
  ) {}

  private async context(actor: Actor, periodId: number) {
    const { period, schedule, plan } = await this.schedules.periodInView(actor, periodId);
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

    const columns: Column[] = [
      ...templateColumns(form),
      { key: 'status', header: 'Tình trạng báo cáo', width: 20 },
    ];
    // what is stored for the period, in two statements whatever the number of units
    const currentOf = new Map((await this.reporting.reportsOfPeriod(periodId)).map((r) => [r.unitId, r]));
    const valuesOf = groupBy(await this.reporting.valuesOfPeriod(periodId), (v) => v.reportId);
    const rows: TemplateRow[] = [];
    for (const unit of units) {
      const current = currentOf.get(unit.id);
      const row: TemplateRow = {
        code: unit.code,
        name: unit.name,
        status: current ? statusText(current.status) : '',
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
          const number = part === 'n' ? v?.numerator : v?.denominator;
          if (number === null || number === undefined) return;
          // a yes/no figure is shown as its word ("Có"), the word the list offers
          const word = column.choices
            ? Object.entries(column.choices).find(([, n]) => n === number)?.[0]
            : undefined;
          const value = word ?? number;
          row.cells.push(current ? { column: i + 1, value } : { column: i + 1, note: `Kỳ trước: ${value}` });
        } else if (kind === 's' && current) {
          const value = (current.narrative as Record<string, string>)[indicatorId!] ?? '';
          row.cells.push({ column: i + 1, value });
        }
      });
    }
    const headUnit =
      target.unitId !== undefined
        ? units[0]!
        : (await this.org.tree(period.endsOn, target.parentId ?? actor.homeUnitId!, 0))[0];
    const dueOn = units.map((u) => this.schedules.dueFor(period, schedule, u.depth)).sort()[0]!;
    const data = await renderReportTemplate({
      title: schedule.name,
      unitName: headUnit?.name ?? '',
      periodLabel: period.label,
      startsOn: period.startsOn,
      endsOn: period.endsOn,
      dueOn,
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
   * the rows that change something are saved in one transaction (all or nothing); with `submit`
   * too, every filled row of the file is checked as for sending and sent in the same transaction,
   * each send audited under the officer's name.
   */
  async import(
    actor: Actor,
    periodId: number,
    file: Buffer | { path: string },
    commit: boolean,
    options: { submit?: boolean } = {},
  ): Promise<TExcelImportResult> {
    this.access.assertRole(actor, 'officer');
    const submit = options.submit === true;
    if (submit) this.access.assertRole(actor, REPORT_TRANSITIONS.submit.minimumRole);
    const { period, schedule, form, scope } = await this.context(actor, periodId);
    // THE parse of the upload, in a worker process with memory and time limits: plain rows out
    const sheets: WorkbookSheet[] = await this.spreadsheets.workbook(
      file,
      () => new AppError(415, 'unsupported_file', { expected: 'XLSX (tệp mẫu tải từ Tiến Độ)' }, 'file'),
    );
    if (sheets.length === 0)
      throw new AppError(
        400,
        'validation',
        { field: 'file', detail: nounRef('workbook_without_sheet') },
        'file',
      );
    const columns = templateColumns(form);
    const found = findTable(sheets, columns);
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
            ? `trang tính "${found.sheet.name}" không có cột số liệu nào của biểu báo cáo này; hãy tải lại mẫu`
            : 'không tìm thấy hàng tiêu đề có cột "Mã đơn vị" ở trang tính nào; hãy tải lại mẫu',
        },
        'file',
      );
    }
    const { sheet, table } = found;
    // One query each for what every row needs: the actor's units, the period's reports and values.
    const visible =
      actor.homeUnitId === null
        ? null
        : new Set((await this.org.tree(period.endsOn, actor.homeUnitId)).map((u) => u.id));
    const { errors, rowsToSave, rowsToSend, unchanged, skipped } = await readSheetImport({
      sheet,
      table,
      dataColumns,
      form,
      scope,
      reports: new Map((await this.reporting.reportsOfPeriod(periodId)).map((r) => [r.unitId, r])),
      values: groupBy(await this.reporting.valuesOfPeriod(periodId), (v) => v.reportId),
      submit,
      mayAccess: async (unitId) =>
        visible === null || visible.has(unitId) || (await this.access.canAccessUnit(actor, unitId)),
    });
    const counts = { reports: rowsToSave.length, unchanged, skipped, submitted: rowsToSend.length };
    if (errors.length > 0 || !commit || (rowsToSave.length === 0 && rowsToSend.length === 0))
      return { applied: errors.length === 0 && commit, ...counts, errors };

    const formRow = (await this.reporting.form(schedule.formId))!;
    const started = performance.now();
    this.log(`Nhập Excel kỳ ${periodId}: đang ghi ${rowsToSave.length} báo cáo trong một giao dịch…`);
    await this.database.transaction(async () => {
      // Re-checked inside the transaction: a report submitted meanwhile is not overwritten.
      const idOf = await openReportsForImport(
        this.reporting,
        this.schedules,
        { period, schedule, formVersionId: formRow.currentVersionId! },
        [...rowsToSave, ...rowsToSend],
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
      const sent = await this.send(actor, rowsToSend, idOf, new Set(rowsToSave.map((r) => r.unitId)));
      await this.audit.record(actor, 'report.excel_import', 'report_period', periodId, null, {
        reports: rowsToSave.map((r) => idOf.get(r.unitId)!.id),
        values: rowsToSave.reduce((n, r) => n + r.content.values.length, 0),
        unchanged,
        skipped,
        submitted: sent,
      });
    });
    if (rowsToSend.length > 0) this.sending.onSubmitted(periodId);
    this.log(
      `Nhập Excel kỳ ${periodId}: đã ghi ${rowsToSave.length} báo cáo, gửi ${rowsToSend.length} (${Math.round(performance.now() - started)} ms).`,
    );
    return { applied: true, ...counts, errors: [] };
  }

  /**
   * Sends the reports of `rows` inside the import's transaction, each by the one submit statement
   * (state, version and its audit row, the officer as sender); a saved report's version is one
   * past the one read. Any refusal rolls the whole import back.
   */
  private async send(
    actor: Actor,
    rows: readonly { unitId: number }[],
    idOf: ReadonlyMap<number, { id: number; version: number; status: string; dueOn: string }>,
    saved: ReadonlySet<number>,
  ): Promise<number[]> {
    const today = this.access.today();
    const submittedAt = this.access.now().toISOString();
    const ids: number[] = [];
    for (const row of rows) {
      const report = idOf.get(row.unitId)!;
      const late = today > report.dueOn;
      const done = await this.sending.lifecycle.submitReport(
        report.id,
        report.version + (saved.has(row.unitId) ? 1 : 0),
        { submittedAt, submittedBy: actor.userId, late },
        this.audit.row(
          actor,
          REPORT_TRANSITIONS.submit.audit,
          'report',
          report.id,
          { status: report.status },
          { status: REPORT_TRANSITIONS.submit.to, late, via: 'excel' },
        ),
      );
      if (!done)
        throw new AppError(
          409,
          'validation',
          { field: 'status', detail: nounRef('report_sent_during_import') },
          'status',
        );
      ids.push(report.id);
    }
    return ids;
  }
}
