import type { TReport } from '../../contracts/reporting.ts';
import type {
  TComputedOverride,
  TComputedPeople,
  TComputedValue,
  TIndicatorDefinition,
} from '../../contracts/rosters.ts';
import {
  type AttendedShare,
  attendedShare,
  countingWindow,
  type Window,
} from '../../domain/rosters/attended-share.ts';
import type { Database } from '../db/client.ts';
import { AppError, notFound } from '../errors.ts';
import { nounRef } from '../i18n/messages.ts';
import type { PlanRepository } from '../repositories/plan.repository.ts';
import type { ReportingRepository } from '../repositories/reporting.repository.ts';
import type {
  IndicatorDefinitionRow,
  RosterPersonRow,
  RosterRepository,
} from '../repositories/roster.repository.ts';
import type { AccessService } from './access.service.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import type { ReportLifecycleService } from './report-lifecycle.service.ts';
import { toRosterPerson } from './roster.service.ts';

function toDefinition(row: IndicatorDefinitionRow): TIndicatorDefinition {
  return {
    indicatorId: row.indicatorId,
    measure: 'attended_share',
    rosterCategory: row.rosterCategory as TIndicatorDefinition['rosterCategory'],
    activityKind: row.activityKind as TIndicatorDefinition['activityKind'],
  };
}

interface Computed {
  definition: TIndicatorDefinition;
  window: Window;
  share: AttendedShare;
  roster: RosterPersonRow[];
}

/**
 * Indicators computed from rosters and activities (`domain/rosters/attended-share.ts`): their
 * definitions, what they give a report (its unit's own roster, the plan's span to the period's
 * end), the people behind a value, and the report value pre-filled with it — or overridden by the
 * officer with a reason, audited. The value goes into the report through the report's own save
 * (`ReportLifecycleService.save`), so roll-ups and dashboards take it as any other value.
 */
export class ComputedIndicatorService {
  constructor(
    private readonly database: Database,
    private readonly rosters: RosterRepository,
    private readonly reporting: ReportingRepository,
    private readonly plans: PlanRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly reports: ReportLifecycleService,
  ) {}

  // ----- definitions ------------------------------------------------------------------------

  async definitions(actor: Actor): Promise<TIndicatorDefinition[]> {
    this.access.assertRole(actor, 'viewer');
    return (await this.rosters.definitions()).map(toDefinition);
  }

  async define(
    actor: Actor,
    indicatorId: number,
    input: Omit<TIndicatorDefinition, 'indicatorId'>,
  ): Promise<TIndicatorDefinition> {
    this.access.assertRole(actor, 'manager');
    const indicator = await this.reporting.indicator(indicatorId);
    if (!indicator) throw notFound('indicator');
    if (indicator.kind !== 'ratio')
      throw new AppError(
        400,
        'validation',
        { field: 'indicatorId', detail: nounRef('indicator_not_ratio') },
        'indicatorId',
      );
    await this.database.transaction(async () => {
      const [before] = await this.rosters.definitions([indicatorId]);
      await this.rosters.upsertDefinition({ indicatorId, ...input, createdBy: actor.userId });
      await this.audit.record(
        actor,
        'indicator.define',
        'indicator',
        indicatorId,
        before ? toDefinition(before) : null,
        input,
      );
    });
    return { indicatorId, ...input };
  }

  /** The indicator goes back to typed. */
  async undefine(actor: Actor, indicatorId: number): Promise<void> {
    this.access.assertRole(actor, 'manager');
    await this.database.transaction(async () => {
      const [before] = await this.rosters.definitions([indicatorId]);
      if (!before || !(await this.rosters.deleteDefinition(indicatorId))) throw notFound('indicator');
      await this.audit.record(
        actor,
        'indicator.undefine',
        'indicator',
        indicatorId,
        toDefinition(before),
        null,
      );
    });
  }

  // ----- a report's computed values ---------------------------------------------------------

  private async compute(report: TReport): Promise<Computed[]> {
    const ids = report.form.indicators.map((i) => i.id);
    const definitions = (await this.rosters.definitions(ids)).map(toDefinition);
    if (definitions.length === 0) return [];
    const plan = await this.plans.find(report.planId);
    const window = countingWindow({ yearFrom: plan?.yearFrom ?? null }, report.period);
    const today = this.access.today();
    const out: Computed[] = [];
    for (const definition of definitions) {
      const roster = await this.rosters.people(
        [report.unitId],
        { category: definition.rosterCategory },
        today,
      );
      const attendance = await this.rosters.attendanceOfUnit(
        report.unitId,
        definition.rosterCategory,
        definition.activityKind,
        window.from,
        window.to,
      );
      out.push({ definition, window, roster, share: attendedShare(definition, roster, attendance, window) });
    }
    return out;
  }

  /** Each computed indicator of the report: what it computes to, what the report holds, and how they relate. */
  async values(actor: Actor, reportId: number): Promise<TComputedValue[]> {
    const report = await this.reports.get(actor, reportId);
    const recorded = new Map((await this.rosters.computedValues(reportId)).map((r) => [r.indicatorId, r]));
    return (await this.compute(report)).map(({ definition, window, share }) => {
      const value = report.values.find(
        (v) => v.indicatorId === definition.indicatorId && v.category === 'total',
      );
      const stored = value ? { numerator: value.numerator, denominator: value.denominator } : null;
      const reason = recorded.get(definition.indicatorId)?.overrideReason ?? null;
      const same = stored?.numerator === share.numerator && stored?.denominator === share.denominator;
      const state =
        stored === null || stored.numerator === null
          ? 'empty'
          : same
            ? 'computed'
            : reason
              ? 'overridden'
              : 'differs';
      return {
        indicatorId: definition.indicatorId,
        definition,
        from: window.from,
        to: window.to,
        numerator: share.numerator,
        denominator: share.denominator,
        stored,
        state,
        overrideReason: state === 'overridden' ? reason : null,
      };
    });
  }

  /** The people behind a computed value (a roster read: officers and above, audited). */
  async people(actor: Actor, reportId: number, indicatorId: number): Promise<TComputedPeople> {
    const report = await this.reports.get(actor, reportId);
    await this.access.assertMayAct(actor, 'edit', report.unitId);
    const found = (await this.compute(report)).find((c) => c.definition.indicatorId === indicatorId);
    if (!found) throw notFound('indicator');
    const inDenominator = new Set(found.share.counted);
    const people = found.roster
      .filter((p) => inDenominator.has(p.id))
      .map((p) => ({
        ...toRosterPerson(p),
        attended: found.share.sessions.has(p.id),
        sessions: found.share.sessions.get(p.id) ?? 0,
      }));
    await this.audit.record(actor, 'roster.read', 'report', reportId, null, {
      indicatorId,
      people: people.length,
    });
    return { indicatorId, people };
  }

  /** Fills every computed indicator of a draft with what it computes to (an override with its reason is kept). */
  async apply(actor: Actor, reportId: number, version: number): Promise<TReport> {
    const report = await this.reports.get(actor, reportId);
    const computed = await this.compute(report);
    const recorded = new Map((await this.rosters.computedValues(reportId)).map((r) => [r.indicatorId, r]));
    const filled = computed.filter((c) => {
      const reason = recorded.get(c.definition.indicatorId)?.overrideReason;
      const value = report.values.find(
        (v) => v.indicatorId === c.definition.indicatorId && v.category === 'total',
      );
      return !(reason && value && value.numerator !== null);
    });
    return this.database.transaction(async () => {
      const saved = await this.reports.save(actor, reportId, {
        values: this.withValues(
          report,
          filled.map((c) => ({ indicatorId: c.definition.indicatorId, ...c.share })),
        ),
        narrative: report.narrative,
        version,
      });
      for (const c of filled) {
        await this.rosters.recordComputed({
          reportId,
          indicatorId: c.definition.indicatorId,
          numerator: c.share.numerator,
          denominator: c.share.denominator,
        });
      }
      await this.audit.record(actor, 'report.computed_apply', 'report', reportId, null, {
        values: filled.map((c) => ({
          indicatorId: c.definition.indicatorId,
          numerator: c.share.numerator,
          denominator: c.share.denominator,
        })),
      });
      return saved;
    });
  }

  /** The officer's own value for a computed indicator, with the reason (audited beside what was computed). */
  async override(
    actor: Actor,
    reportId: number,
    indicatorId: number,
    input: TComputedOverride,
  ): Promise<TReport> {
    const report = await this.reports.get(actor, reportId);
    const found = (await this.compute(report)).find((c) => c.definition.indicatorId === indicatorId);
    if (!found)
      throw new AppError(
        400,
        'validation',
        { field: 'indicatorId', detail: nounRef('indicator_not_computed') },
        'indicatorId',
      );
    return this.database.transaction(async () => {
      const saved = await this.reports.save(actor, reportId, {
        values: this.withValues(report, [
          { indicatorId, numerator: input.numerator, denominator: input.denominator },
        ]),
        narrative: report.narrative,
        version: input.version,
      });
      await this.rosters.recordComputed({
        reportId,
        indicatorId,
        numerator: found.share.numerator,
        denominator: found.share.denominator,
        overrideReason: input.reason,
        overriddenBy: actor.userId,
      });
      await this.audit.record(
        actor,
        'report.computed_override',
        'report',
        reportId,
        { indicatorId, numerator: found.share.numerator, denominator: found.share.denominator },
        { indicatorId, numerator: input.numerator, denominator: input.denominator, reason: input.reason },
      );
      return saved;
    });
  }

  /** The report's values with the totals of these indicators replaced (the report is saved whole). */
  private withValues(
    report: TReport,
    replaced: { indicatorId: number; numerator: number; denominator: number }[],
  ) {
    const ids = new Set(replaced.map((r) => r.indicatorId));
    return [
      ...report.values.filter((v) => !(ids.has(v.indicatorId) && v.category === 'total')),
      ...replaced.map((r) => ({
        indicatorId: r.indicatorId,
        category: 'total' as const,
        numerator: r.numerator,
        denominator: r.denominator,
        comment:
          report.values.find((v) => v.indicatorId === r.indicatorId && v.category === 'total')?.comment ??
          null,
      })),
    ];
  }
}
