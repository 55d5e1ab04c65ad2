import type {
  TExchangeExportSummary,
  TExchangeFormat,
  TExchangeImportResult,
} from '../../contracts/exchange.ts';
import { readExchangeFile } from '../../documents/exchange/read-exchange.ts';
import { buildAdx, buildDataValueSet } from '../../domain/exchange/data-values.ts';
import { exportValues, mergeImported, type SavedValue } from '../../domain/exchange/export-values.ts';
import type { TExchangeError } from '../../domain/exchange/mapping-csv.ts';
import { exchangePeriodOf } from '../../domain/exchange/periods.ts';
import { resolveImport, type ValuePart } from '../../domain/exchange/resolve-import.ts';
import { groupBy } from '../../domain/group-by.ts';
import { isEditable } from '../../domain/reporting/report-states.ts';
import { indicatorRulesOf, validateReport } from '../../domain/reporting/validate-report.ts';
import type { Database } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { nounRef } from '../i18n/messages.ts';
import type { ExchangeRepository } from '../repositories/exchange.repository.ts';
import type { OrgRepository } from '../repositories/org.repository.ts';
import type { ReportingRepository } from '../repositories/reporting.repository.ts';
import type { AccessService } from './access.service.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import { openReportsForImport } from './import-reports.ts';
import type { IndicatorFormService } from './indicator-form.service.ts';
import type { ReportScheduleService } from './report-schedule.service.ts';

/**
 * Exchange with DHIS2 under the codes kept by `ExchangeMappingService`: the export of a period's
 * approved values for a subtree as ADX or dataValueSets JSON, and the import of such a file into the
 * period's reports as drafts, all or nothing.
 */
export class ExchangeService {
  constructor(
    private readonly database: Database,
    private readonly exchange: ExchangeRepository,
    private readonly reporting: ReportingRepository,
    private readonly org: OrgRepository,
    private readonly forms: IndicatorFormService,
    private readonly schedules: ReportScheduleService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  // ----- export -------------------------------------------------------------------------------

  /** The values of the approved reports of a period in a subtree, under their codes. */
  private async collect(actor: Actor, periodId: number, rootId: number | undefined) {
    this.access.assertRole(actor, 'viewer');
    const { period, schedule } = await this.schedules.periodInView(actor, periodId);
    const root = rootId ?? actor.homeUnitId;
    if (root === null)
      throw new AppError(400, 'validation', { field: 'unitId', detail: nounRef('unit_required') }, 'unitId');
    await this.access.assertUnitAccess(actor, root);
    const subtree = await this.org.tree(period.endsOn, root);
    const unitOf = new Map(subtree.map((u) => [u.id, u]));
    const codes = new Map(
      (await this.exchange.orgUnits(subtree.map((u) => u.id))).map((r) => [r.unitId, r.orgUnit]),
    );
    const reports = (await this.reporting.reportsOfPeriod(periodId)).filter(
      (r) => r.status === 'approved' && unitOf.has(r.unitId),
    );
    const reportUnit = new Map(reports.map((r) => [r.id, unitOf.get(r.unitId)!]));
    const stored = (await this.reporting.valuesOfPeriod(periodId)).flatMap((v) => {
      const unit = reportUnit.get(v.reportId);
      return unit ? [{ ...v, unit: { code: unit.code, orgUnit: codes.get(unit.id) ?? unit.code } }] : [];
    });
    const { values, omitted } = exportValues(
      stored,
      new Map((await this.reporting.listIndicators()).map((i) => [i.id, i])),
      await this.exchange.dataElements(),
    );
    const dataSet = (await this.exchange.dataSet(schedule.id))?.dataSet ?? null;
    return { period, schedule, reports, values, omitted, dataSet };
  }

  async exportSummary(
    actor: Actor,
    periodId: number,
    rootId: number | undefined,
  ): Promise<TExchangeExportSummary> {
    const c = await this.collect(actor, periodId, rootId);
    const forms = exchangePeriodOf(c.period.key);
    return {
      dataSet: c.dataSet,
      period: { key: c.period.key, dhis2: forms?.dhis2 ?? null, adx: forms?.adx ?? null },
      reports: c.reports.length,
      values: c.values.length,
      omitted: c.omitted,
      blocked:
        c.dataSet === null ? `Lịch báo cáo "${c.schedule.name}" chưa có mã bộ dữ liệu (dataSet).` : null,
    };
  }

  /** The file: ADX XML or dataValueSets JSON, with its name. Audited (who took which figures out). */
  async export(actor: Actor, periodId: number, rootId: number | undefined, format: TExchangeFormat) {
    const c = await this.collect(actor, periodId, rootId);
    if (c.dataSet === null)
      throw new AppError(400, 'exchange_no_data_set', { schedule: c.schedule.name }, 'periodId');
    const period = exchangePeriodOf(c.period.key);
    if (!period) throw new AppError(400, 'exchange_unknown_period', { period: c.period.key }, 'periodId');
    if (format === 'json' && period.dhis2 === null)
      throw new AppError(400, 'exchange_no_dhis2_period', { period: c.period.key }, 'format');
    const doc = {
      dataSet: c.dataSet,
      period,
      exported: this.clock()
        .toISOString()
        .replace(/\.\d+Z$/, 'Z'),
      values: c.values,
    };
    const data = format === 'adx' ? buildAdx(doc) : `${JSON.stringify(buildDataValueSet(doc), null, 2)}\n`;
    await this.audit.record(actor, 'exchange.export', 'report_period', periodId, null, {
      format,
      unitId: rootId ?? actor.homeUnitId,
      reports: c.reports.length,
      values: c.values.length,
    });
    return {
      data: Buffer.from(data, 'utf8'),
      fileName: `dhis2-${c.dataSet}-${period.dhis2 ?? c.period.key}.${format === 'adx' ? 'adx.xml' : 'json'}`,
      contentType:
        format === 'adx' ? 'application/adx+xml; charset=utf-8' : 'application/json; charset=utf-8',
    };
  }

  // ----- import -------------------------------------------------------------------------------

  /**
   * A DHIS2 dataValueSets JSON or an ADX file into the period's reports as drafts: every row's
   * period, organisation unit and data element resolved, every unit in the period's scope, in the
   * caller's subtree and with a report still open; each report checked by the form's rules with the
   * file's values over what it holds. Every problem is listed; with `commit` and none, all reports
   * are saved in one transaction and the import is audited.
   */
  async import(
    actor: Actor,
    periodId: number,
    data: Buffer | string,
    commit: boolean,
  ): Promise<TExchangeImportResult> {
    this.access.assertRole(actor, 'officer');
    const { period, schedule, plan } = await this.schedules.periodInView(actor, periodId);
    const reading = readExchangeFile(typeof data === 'string' ? data : new Uint8Array(data));
    const result = (errors: TExchangeError[], reports = 0, values = 0): TExchangeImportResult => ({
      applied: false,
      format: reading.format,
      reports,
      values,
      errors,
    });
    if (reading.problems.length > 0) return result(reading.problems);
    const formRow = (await this.reporting.form(schedule.formId))!;
    const form = await this.forms.form(formRow.currentVersionId!);
    const inForm = new Set(form.indicators.map((i) => i.id));
    const scope = await this.schedules.unitsInScope(schedule, period, plan.unitId);
    const scopeIds = new Map(scope.map((u) => [u.id, u]));
    const byOwnCode = new Map(scope.map((u) => [u.code, u.id]));
    const byMappedCode = new Map(
      (await this.exchange.orgUnits(scope.map((u) => u.id))).map((r) => [r.orgUnit, r.unitId]),
    );
    const kinds = new Map(form.indicators.map((i) => [i.id, i.kind]));
    const { values, problems } = resolveImport({
      rows: reading.rows,
      periodKey: period.key,
      mappings: (await this.exchange.dataElements()).map((m) => ({ ...m, part: m.part as ValuePart })),
      kindOf: (id) => kinds.get(id),
      unitOf: (code) => byMappedCode.get(code) ?? byOwnCode.get(code),
    });
    const errors: TExchangeError[] = [...problems];
    // a row's place for the unit-level problems: the first row of that unit
    const firstRowOf = new Map<number, (typeof reading.rows)[number]>();
    for (const row of reading.rows) {
      const unitId = byMappedCode.get(row.orgUnit) ?? byOwnCode.get(row.orgUnit);
      if (unitId !== undefined && !firstRowOf.has(unitId)) firstRowOf.set(unitId, row);
    }
    const existing = new Map((await this.reporting.reportsOfPeriod(periodId)).map((r) => [r.unitId, r]));
    const stored = groupBy(await this.reporting.valuesOfPeriod(periodId), (v) => v.reportId);
    const rules = indicatorRulesOf(form);
    const toSave: {
      unitId: number;
      depth: number;
      narrative: Record<string, string>;
      values: SavedValue[];
    }[] = [];
    for (const [unitId, cells] of values) {
      const unit = scopeIds.get(unitId)!;
      const row = firstRowOf.get(unitId)!;
      const named = { at: row.at, orgUnit: row.orgUnit, period: row.period };
      if (!(await this.access.canAccessUnit(actor, unitId))) {
        errors.push({
          ...named,
          code: 'forbidden_unit',
          message: `Đơn vị ${row.orgUnit} nằm ngoài phạm vi của bạn.`,
        });
        continue;
      }
      const report = existing.get(unitId);
      if (report && !isEditable(report.status)) {
        errors.push({
          ...named,
          code: 'report_locked',
          message: `Báo cáo của đơn vị ${row.orgUnit} đã gửi hoặc đã duyệt (${report.status}); không nhập đè được.`,
        });
        continue;
      }
      const outside = cells.filter((c) => !inForm.has(c.indicatorId));
      for (const c of outside)
        errors.push({
          ...named,
          code: 'not_in_form',
          message: `Đơn vị ${row.orgUnit}: chỉ số id ${c.indicatorId} không có trong biểu báo cáo của kỳ này.`,
        });
      if (outside.length > 0) continue;
      const list = mergeImported(report ? (stored.get(report.id) ?? []) : [], cells);
      const narrative = (report?.narrative ?? {}) as Record<string, string>;
      for (const issue of validateReport(
        rules,
        form.sections,
        list.map((v) => ({ ...v, category: v.category as 'total' | 'male' | 'female' })),
        narrative,
        [],
        false,
      )) {
        if (issue.severity !== 'error') continue;
        errors.push({
          ...named,
          code: 'invalid_value',
          message: `Đơn vị ${row.orgUnit}, ${issue.field}: ${issue.message}`,
        });
      }
      toSave.push({ unitId, depth: unit.depth, narrative, values: list });
    }
    const valueCount = [...values.values()].reduce((n, cells) => n + cells.length, 0);
    if (errors.length > 0 || !commit) return result(errors, toSave.length, valueCount);
    await this.database.transaction(async () => {
      const idOf = await openReportsForImport(
        this.reporting,
        this.schedules,
        { period, schedule, formVersionId: formRow.currentVersionId! },
        toSave,
      );
      await this.reporting.bulkSave(
        toSave.map((r) => ({ reportId: idOf.get(r.unitId)!.id, narrative: r.narrative })),
        toSave.flatMap((r) => r.values.map((v) => ({ ...v, reportId: idOf.get(r.unitId)!.id }))),
      );
      await this.audit.record(actor, 'exchange.import', 'report_period', periodId, null, {
        format: reading.format,
        reports: toSave.map((r) => idOf.get(r.unitId)!.id),
        values: valueCount,
      });
    });
    return { applied: true, format: reading.format, reports: toSave.length, values: valueCount, errors: [] };
  }
}
