import { parse as parseCsv } from 'csv-parse/sync';
import type {
  TDataElementMapping,
  TExchangeMapping,
  TMappingImportResult,
} from '../../contracts/exchange.ts';
import { mappingProblem } from '../../domain/exchange/mapping.ts';
import { readMappingRows } from '../../domain/exchange/mapping-csv.ts';
import type { ValuePart } from '../../domain/exchange/resolve-import.ts';
import type { Database } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { nounRef } from '../i18n/messages.ts';
import type { ExchangeRepository } from '../repositories/exchange.repository.ts';
import type { OrgRepository } from '../repositories/org.repository.ts';
import type { PlanRepository } from '../repositories/plan.repository.ts';
import type { ReportingRepository } from '../repositories/reporting.repository.ts';
import type { AccessService } from './access.service.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';

/**
 * The codes our indicators, units and schedules go by in DHIS2 (data elements with their category
 * option combos or ADX category options, organisation units, data sets): read by viewers, edited by
 * managers one by one or all at once from a CSV, every change audited. The exchange itself
 * (`exchange.service.ts`) reads them.
 */
export class ExchangeMappingService {
  constructor(
    private readonly database: Database,
    private readonly exchange: ExchangeRepository,
    private readonly reporting: ReportingRepository,
    private readonly plans: PlanRepository,
    private readonly org: OrgRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async mapping(actor: Actor): Promise<TExchangeMapping> {
    this.access.assertRole(actor, 'viewer');
    const indicators = new Map((await this.reporting.listIndicators()).map((i) => [i.id, i]));
    const dataSets = [];
    for (const row of await this.exchange.dataSets()) {
      const schedule = await this.reporting.schedule(row.scheduleId);
      dataSets.push({
        scheduleId: row.scheduleId,
        dataSet: row.dataSet,
        scheduleName: schedule?.name ?? '',
        updatedAt: row.updatedAt,
      });
    }
    return {
      dataElements: (await this.exchange.dataElements()).map((row) => ({
        indicatorId: row.indicatorId,
        indicatorCode: indicators.get(row.indicatorId)?.code ?? '',
        indicatorName: indicators.get(row.indicatorId)?.name ?? '',
        category: row.category as TDataElementMapping['category'],
        part: row.part as ValuePart,
        dataElement: row.dataElement,
        categoryOptionCombo: row.categoryOptionCombo,
        adxCategory: row.adxCategory,
        adxOption: row.adxOption,
        updatedAt: row.updatedAt,
      })),
      orgUnits: await this.exchange.orgUnitsNamed(this.access.today()),
      dataSets,
    };
  }

  /** The indicator's mapping refused with the field and the reason, or nothing. */
  private async checkDataElement(m: TDataElementMapping) {
    const indicator = await this.reporting.indicator(m.indicatorId);
    if (!indicator) throw new AppError(404, 'not_found', { what: '@indicator' }, 'indicatorId');
    const problem = mappingProblem(indicator, m);
    if (problem)
      throw new AppError(
        400,
        'exchange_bad_mapping',
        { field: problem.field, detail: nounRef(problem.code) },
        problem.field,
      );
    const taken = (await this.exchange.dataElements()).find(
      (row) =>
        !(row.indicatorId === m.indicatorId && row.category === m.category && row.part === m.part) &&
        row.dataElement === m.dataElement &&
        (row.categoryOptionCombo === m.categoryOptionCombo ||
          (row.adxCategory === m.adxCategory && row.adxOption === m.adxOption)),
    );
    if (taken)
      throw new AppError(
        409,
        'exchange_code_taken',
        { code: m.dataElement, what: nounRef('exchange_data_element') },
        'dataElement',
      );
  }

  async setDataElement(actor: Actor, m: TDataElementMapping) {
    this.access.assertRole(actor, 'manager');
    await this.checkDataElement(m);
    return this.database.transaction(async () => {
      const before = (await this.exchange.dataElements()).find(
        (r) => r.indicatorId === m.indicatorId && r.category === m.category && r.part === m.part,
      );
      const saved = await this.exchange.upsertDataElement({ ...m, updatedBy: actor.userId });
      await this.audit.record(
        actor,
        'exchange.data_element_set',
        'indicator',
        m.indicatorId,
        before ? mappingAudit(before) : null,
        mappingAudit(saved),
      );
      return { ok: true as const };
    });
  }

  async removeDataElement(actor: Actor, indicatorId: number, category: string, part: string) {
    this.access.assertRole(actor, 'manager');
    return this.database.transaction(async () => {
      const gone = await this.exchange.deleteDataElement(indicatorId, category, part);
      if (!gone) throw new AppError(404, 'not_found', { what: '@indicator' });
      await this.audit.record(
        actor,
        'exchange.data_element_removed',
        'indicator',
        indicatorId,
        mappingAudit(gone),
        null,
      );
      return { ok: true as const };
    });
  }

  async setOrgUnit(actor: Actor, unitId: number, orgUnit: string) {
    await this.access.assertMayAct(actor, 'manage', unitId);
    const holder = await this.exchange.orgUnitByCode(orgUnit);
    if (holder && holder.unitId !== unitId)
      throw new AppError(
        409,
        'exchange_code_taken',
        { code: orgUnit, what: nounRef('exchange_org_unit') },
        'orgUnit',
      );
    return this.database.transaction(async () => {
      const [before] = await this.exchange.orgUnits([unitId]);
      await this.exchange.upsertOrgUnit(unitId, orgUnit, actor.userId);
      await this.audit.record(
        actor,
        'exchange.org_unit_set',
        'org_unit',
        unitId,
        before ? { orgUnit: before.orgUnit } : null,
        { orgUnit },
      );
      return { ok: true as const };
    });
  }

  async removeOrgUnit(actor: Actor, unitId: number) {
    await this.access.assertMayAct(actor, 'manage', unitId);
    return this.database.transaction(async () => {
      const gone = await this.exchange.deleteOrgUnit(unitId);
      if (!gone) throw new AppError(404, 'not_found', { what: '@unit' });
      await this.audit.record(
        actor,
        'exchange.org_unit_removed',
        'org_unit',
        unitId,
        { orgUnit: gone.orgUnit },
        null,
      );
      return { ok: true as const };
    });
  }

  private async assertScheduleManaged(actor: Actor, scheduleId: number) {
    this.access.assertRole(actor, 'manager');
    const schedule = await this.reporting.schedule(scheduleId);
    if (!schedule) throw new AppError(404, 'not_found', { what: '@schedule' }, 'scheduleId');
    const plan = (await this.plans.find(schedule.planId))!;
    await this.access.assertUnitAccess(actor, plan.unitId);
    return schedule;
  }

  async setDataSet(actor: Actor, scheduleId: number, dataSet: string) {
    await this.assertScheduleManaged(actor, scheduleId);
    return this.database.transaction(async () => {
      const before = await this.exchange.dataSet(scheduleId);
      await this.exchange.upsertDataSet(scheduleId, dataSet, actor.userId);
      await this.audit.record(
        actor,
        'exchange.data_set_set',
        'report_schedule',
        scheduleId,
        before ? { dataSet: before.dataSet } : null,
        { dataSet },
      );
      return { ok: true as const };
    });
  }

  async removeDataSet(actor: Actor, scheduleId: number) {
    await this.assertScheduleManaged(actor, scheduleId);
    return this.database.transaction(async () => {
      const gone = await this.exchange.deleteDataSet(scheduleId);
      if (!gone) throw new AppError(404, 'not_found', { what: '@schedule' });
      await this.audit.record(
        actor,
        'exchange.data_set_removed',
        'report_schedule',
        scheduleId,
        { dataSet: gone.dataSet },
        null,
      );
      return { ok: true as const };
    });
  }

  /**
   * The mapping from a CSV (`domain/exchange/mapping-csv.ts`): every row checked, every bad one named
   * by row and column; with `commit` and no error, all rows saved in one transaction.
   */
  async importMapping(actor: Actor, data: Buffer, commit: boolean): Promise<TMappingImportResult> {
    this.access.assertRole(actor, 'manager');
    let records: Record<string, string>[];
    try {
      records = parseCsv(data, {
        columns: true,
        skip_empty_lines: true,
        trim: true,
        bom: true,
        relax_column_count: true,
      });
    } catch (error) {
      throw new AppError(400, 'validation', { field: 'file', detail: (error as Error).message }, 'file');
    }
    const { dataElements, orgUnits, dataSets, errors } = readMappingRows(
      records,
      new Map((await this.reporting.listIndicators()).map((i) => [i.code, i])),
      await this.org.unitIdsByCodes(
        records.filter((r) => r.kind === 'org_unit').map((r) => r.local_code ?? ''),
      ),
    );
    // what is stored and not in the file must not hold a code the file gives to another cell
    const stored = await this.exchange.dataElements();
    for (const m of dataElements) {
      const clash = stored.find(
        (s) =>
          !dataElements.some(
            (d) => d.indicatorId === s.indicatorId && d.category === s.category && d.part === s.part,
          ) &&
          s.dataElement === m.dataElement &&
          (s.categoryOptionCombo === m.categoryOptionCombo ||
            (s.adxCategory === m.adxCategory && s.adxOption === m.adxOption)),
      );
      if (clash)
        errors.push({
          at: 'tệp',
          code: 'code_taken',
          message: `Mã ${m.dataElement} đã gắn cho chỉ số khác (id ${clash.indicatorId}).`,
          dataElement: m.dataElement,
        });
    }
    for (const u of orgUnits) {
      const holder = await this.exchange.orgUnitByCode(u.orgUnit);
      if (holder && holder.unitId !== u.unitId && !orgUnits.some((o) => o.unitId === holder.unitId))
        errors.push({
          at: 'tệp',
          code: 'code_taken',
          message: `Mã ${u.orgUnit} đã gắn cho đơn vị khác.`,
          orgUnit: u.orgUnit,
        });
      else if (!(await this.access.canAccessUnit(actor, u.unitId)))
        errors.push({
          at: 'tệp',
          code: 'forbidden_unit',
          message: `Đơn vị được gắn mã ${u.orgUnit} nằm ngoài phạm vi của bạn.`,
          orgUnit: u.orgUnit,
        });
    }
    for (const d of dataSets) {
      try {
        await this.assertScheduleManaged(actor, d.scheduleId);
      } catch {
        errors.push({
          at: 'tệp',
          code: 'unknown_schedule',
          message: `Lịch báo cáo ${d.scheduleId} không có hoặc nằm ngoài phạm vi của bạn.`,
        });
      }
    }
    const counts = {
      dataElements: dataElements.length,
      orgUnits: orgUnits.length,
      dataSets: dataSets.length,
    };
    if (errors.length > 0 || !commit) return { applied: false, ...counts, errors };
    await this.database.transaction(async () => {
      // cells moving codes between each other: free the codes first
      for (const m of dataElements) await this.exchange.deleteDataElement(m.indicatorId, m.category, m.part);
      for (const m of dataElements) await this.exchange.upsertDataElement({ ...m, updatedBy: actor.userId });
      for (const u of orgUnits) await this.exchange.deleteOrgUnit(u.unitId);
      for (const u of orgUnits) await this.exchange.upsertOrgUnit(u.unitId, u.orgUnit, actor.userId);
      for (const d of dataSets) await this.exchange.upsertDataSet(d.scheduleId, d.dataSet, actor.userId);
      await this.audit.record(actor, 'exchange.mapping_import', 'exchange_mapping', null, null, {
        ...counts,
        dataElements,
        orgUnits,
        dataSets,
      });
    });
    return { applied: true, ...counts, errors: [] };
  }
}

function mappingAudit(row: {
  category: string;
  part: string;
  dataElement: string;
  categoryOptionCombo: string;
  adxCategory: string;
  adxOption: string;
}) {
  return {
    category: row.category,
    part: row.part,
    dataElement: row.dataElement,
    categoryOptionCombo: row.categoryOptionCombo,
    adx: row.adxCategory ? `${row.adxCategory}=${row.adxOption}` : '',
  };
}
