import type { TConsolidatedReport } from '../../contracts/dashboard.ts';
import type { TUnitType } from '../../contracts/org.ts';
import { type TSigner, ZSigner } from '../../contracts/plan-extract.ts';
import type { TFormContent, TReportStatus } from '../../contracts/reporting.ts';
import { renderConsolidatedDocx } from '../../documents/render/consolidated-report.docx.ts';
import { renderConsolidatedXlsx } from '../../documents/render/consolidated-report.xlsx.ts';
import { paperFileName } from '../../domain/plans/paper-file-name.ts';
import { placeOfUnit } from '../../domain/plans/place-of-unit.ts';
import { symbolSuffix } from '../../domain/plans/symbol.ts';
import { TOTAL } from '../../domain/rollup/indicator.ts';
import type { Database } from '../db/client.ts';
import { AppError, notFound } from '../errors.ts';
import type { DashboardRepository, OwnValueRow } from '../repositories/dashboard.repository.ts';
import type { OrgRepository } from '../repositories/org.repository.ts';
import type { PlanRepository } from '../repositories/plan.repository.ts';
import type { ReportProgressRepository } from '../repositories/report-progress.repository.ts';
import type { IndicatorRow, ReportingRepository } from '../repositories/reporting.repository.ts';
import type { RollupRepository } from '../repositories/rollup.repository.ts';
import type { AccessService } from './access.service.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import { ownBreakdown, storedBreakdown } from './breakdown-figures.ts';
import type { CompletenessService } from './completeness.service.ts';
import { gatherNarratives, MAX_SOURCES, targetResult } from './consolidated-report-content.ts';
import { indicatorRef, ownFigure, unitFigures } from './dashboard-figures.ts';
import type { ReportLifecycleService } from './report-lifecycle.service.ts';
import { toPeriod } from './reporting-views.ts';
import { isExpected, scopeOf } from './rollup.service.ts';
import type { UpwardReporting } from './upward-reporting.ts';

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
    private readonly reportingService: ReportLifecycleService,
    private readonly dashboards: DashboardRepository,
    private readonly progress: ReportProgressRepository,
    private readonly completeness: CompletenessService,
    private readonly upwardReporting: UpwardReporting,
  ) {}

  async compile(actor: Actor, periodId: number, unitId: number): Promise<TConsolidatedReport> {
    this.access.assertRole(actor, 'viewer');
    const period = await this.reporting.period(periodId);
    if (!period) throw notFound('period');
    await this.access.assertUnitAccess(actor, unitId);
    const scopeRow = (await this.rollups.periodScope(periodId))!;
    const scope = scopeOf(scopeRow);
    const date = period.endsOn;
    const [self] = await this.dashboards.units([unitId], date);
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
    const children = await this.dashboards.children(unitId, date);
    const units = [self, ...children];
    const [stored, own] = await Promise.all([
      this.dashboards.rowsOf({
        periodIds: [periodId],
        indicatorIds: ids,
        unitIds: units.filter((u) => u.has_children).map((u) => u.id),
        category: TOTAL,
      }),
      this.dashboards.ownValues(
        periodId,
        units.filter((u) => !u.has_children).map((u) => u.id),
        ids,
      ),
    ]);
    const figures = unitFigures(units, indicatorRows, stored, own, scope);
    const ownRows = self.has_children ? await this.dashboards.ownValues(periodId, [unitId], ids) : [];
    const selfExpected = isExpected({ id: self.id, type: self.type, parentId: self.parent_id }, scope);
    const breakdowns = await this.breakdownsOf(periodId, self, indicatorRows, own, selfExpected);
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
        breakdown: breakdowns[k] ?? null,
      };
    });

    // Narratives: the nearest reporting units' texts, approved ones and those waiting for review.
    const sources = await this.progress.subtreeReports(
      periodId,
      unitId,
      date,
      ['approved', 'submitted'],
      MAX_SOURCES + 1,
    );
    const narratives = gatherNarratives(sections, sources);

    // Results against the plan's targets, for this unit.
    const [{ targets }, bindings, periods] = await Promise.all([
      this.plans.children(plan.id),
      this.reporting.bindingsOfPlan(plan.id),
      this.reporting.periodsOfSchedule(schedule.id),
    ]);
    const boundTo = new Map(bindings.map((b) => [b.target_id, b.indicator_id]));
    const bound = await this.reporting.indicatorsByIds([...new Set(boundTo.values())]);
    const series = self.has_children
      ? await this.dashboards.rowsOf({
          periodIds: periods.map((p) => p.id),
          indicatorIds: bound.map((b) => b.id),
          unitIds: [unitId],
          category: TOTAL,
        })
      : [];
    const targetRows = targets.map((target) =>
      targetResult(target, bound.find((b) => b.id === boundTo.get(target.id)) ?? null, {
        period,
        periods,
        values,
        series,
      }),
    );

    const completeness = await this.completeness.forPeriod(actor, periodId, unitId);
    const notReported = await this.progress.notApproved(periodId, unitId, scope, 500);
    const parent = ancestors.at(-1) ?? null;
    const [parentUnit] = parent ? await this.dashboards.units([parent.id], date) : [];
    const upward = parent ? await this.upwardReporting.periodAbove(unitId, parent.id, period.key) : null;
    return {
      period: toPeriod(period),
      scheduleName: schedule.name,
      plan: {
        id: plan.id,
        title: plan.title,
        symbol: plan.symbol,
        issuedOn: plan.issuedOn,
        issuerName: plan.issuerName,
      },
      unit: { unitId, unitName: self.name, unitType: self.type as TUnitType },
      parent: parentUnit
        ? { unitId: parentUnit.id, unitName: parentUnit.name, unitType: parentUnit.type as TUnitType }
        : null,
      values,
      ...narratives,
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

  /** The subtree's figure of each indicator by its categories (null when not broken down). */
  private async breakdownsOf(
    periodId: number,
    self: { id: number; has_children: boolean },
    indicators: IndicatorRow[],
    own: readonly OwnValueRow[],
    selfExpected: boolean,
  ) {
    const brokenDown = indicators.filter((i) => i.disaggregation !== 'none').map((i) => i.id);
    if (brokenDown.length === 0) return indicators.map(() => null);
    if (!self.has_children) {
      const mine = own.filter((r) => r.unit_id === self.id);
      return indicators.map((i) => ownBreakdown(i, mine, selfExpected));
    }
    const rows = await this.dashboards.rowsOf({
      periodIds: [periodId],
      indicatorIds: brokenDown,
      unitIds: [self.id],
    });
    return indicators.map((i) => storedBreakdown(i, rows));
  }

  // ----- files --------------------------------------------------------------------------------

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
      // signed as the unit signs its plans
      signer: signerOf(await this.plans.lastSigner(unitId)),
    });
    return { data, fileName: fileName(report, 'docx') };
  }

  async xlsx(actor: Actor, periodId: number, unitId: number, narrative?: Record<string, string>) {
    const report = withNarrative(await this.compile(actor, periodId, unitId), narrative);
    return { data: await renderConsolidatedXlsx(report), fileName: fileName(report, 'xlsx') };
  }
}

/** "Báo cáo tổng hợp Năm 2025 - Công đoàn phường Tân Phong.docx": named like the other papers. */
function fileName(report: TConsolidatedReport, extension: string) {
  return paperFileName({
    what: 'Báo cáo tổng hợp',
    symbol: null,
    issuer: report.unit.unitName,
    instead: report.period.label,
    extension,
  });
}

function signerOf(stored: unknown): TSigner | null {
  const parsed = ZSigner.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

function withNarrative(report: TConsolidatedReport, narrative?: Record<string, string>): TConsolidatedReport {
  if (!narrative) return report;
  return {
    ...report,
    sections: report.sections.map((s) => ({ ...s, text: narrative[s.key] ?? s.text })),
  };
}
