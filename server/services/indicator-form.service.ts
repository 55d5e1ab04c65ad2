import type { TForm, TFormContent, TIndicator, TIndicatorInput } from '../../contracts/reporting.ts';
import { foldText } from '../../domain/fold-text.ts';
import type { Database } from '../db/client.ts';
import { AppError, notFound, versionConflict } from '../errors.ts';
import { nounRef } from '../i18n/messages.ts';
import type { IndicatorRepository } from '../repositories/indicator.repository.ts';
import type { OrgRepository } from '../repositories/org.repository.ts';
import type { PlanRepository } from '../repositories/plan.repository.ts';
import type { ReportingRepository } from '../repositories/reporting.repository.ts';
import type { AccessService } from './access.service.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import { storedDefinition } from './indicator-catalogue.service.ts';
import { toIndicator } from './reporting-views.ts';

/** Words shared by an indicator's name and a target's text, for suggestions. */
function overlap(a: string, b: string): number {
  const words = (s: string) =>
    new Set(
      foldText(s)
        .split(/[^a-z0-9]+/)
        .filter((w) => w.length > 1),
    );
  const x = words(a);
  const y = words(b);
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  return shared / Math.max(1, Math.min(x.size, y.size));
}

/** What is measured and how it is asked: indicators, their binding to a plan's targets, versioned forms. */
export class IndicatorFormService {
  constructor(
    private readonly database: Database,
    private readonly reporting: ReportingRepository,
    private readonly plans: PlanRepository,
    private readonly org: OrgRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly catalogueRows: IndicatorRepository,
  ) {}

  // ----- indicators -----------------------------------------------------------------------

  async listIndicators(actor: Actor): Promise<TIndicator[]> {
    this.access.assertRole(actor, 'viewer');
    return (await this.reporting.listIndicators()).map(toIndicator);
  }

  async createIndicator(
    actor: Actor,
    input: TIndicatorInput,
    options: { isDemo?: boolean } = {},
  ): Promise<TIndicator> {
    this.access.assertRole(actor, 'manager');
    return this.database.transaction(async () => {
      const definition = await storedDefinition(input, this.catalogueRows);
      const row = await this.reporting.insertIndicator({ ...definition, isDemo: options.isDemo ?? false });
      await this.audit.record(actor, 'indicator.create', 'indicator', row.id, null, {
        ...input,
        code: definition.code,
        unit: definition.unit,
      });
      return toIndicator(row);
    });
  }

  /** Indicators whose names share the most words with each target of a plan. */
  async suggestForPlan(actor: Actor, planId: number) {
    const plan = await this.plans.find(planId);
    if (!plan) throw notFound('plan');
    await this.access.assertUnitAccess(actor, plan.unitId).catch(async (error) => {
      const ancestors =
        actor.homeUnitId && actor.homeUnitId > 0
          ? await this.org.ancestors(actor.homeUnitId, this.access.today())
          : [];
      if (!ancestors.some((a) => a.id === plan.unitId)) throw error;
    });
    const { targets } = await this.plans.children(planId);
    const all = await this.reporting.listIndicators();
    const bindings = new Map(
      (await this.reporting.bindingsOfPlan(planId)).map((b) => [b.target_id, b.indicator_id]),
    );
    return targets.map((target) => ({
      targetId: target.id,
      text: target.text,
      boundIndicatorId: bindings.get(target.id) ?? null,
      suggestions: all
        .filter((i) => i.retiredAt === null)
        .map((i) => ({ indicator: toIndicator(i), score: overlap(i.name, target.text) }))
        .filter((s) => s.score >= 0.3)
        .sort((a, b) => b.score - a.score)
        .slice(0, 3),
    }));
  }

  async bindTarget(actor: Actor, planId: number, targetId: number, indicatorId: number) {
    const plan = await this.plans.find(planId);
    if (!plan) throw notFound('plan');
    this.access.assertRole(actor, 'officer');
    await this.access.assertUnitAccess(actor, plan.unitId);
    const { targets } = await this.plans.children(planId);
    if (!targets.some((t) => t.id === targetId)) throw notFound('plan');
    const indicator = await this.reporting.indicator(indicatorId);
    if (!indicator)
      throw new AppError(
        400,
        'validation',
        { field: 'indicatorId', detail: nounRef('unknown_indicator') },
        'indicatorId',
      );
    if (indicator.retiredAt !== null)
      throw new AppError(409, 'indicator_retired', { name: indicator.name }, 'indicatorId');
    await this.database.transaction(async () => {
      await this.reporting.bindTarget(targetId, indicatorId, actor.userId);
      await this.audit.record(actor, 'plan.bind_indicator', 'plan_target', targetId, null, { indicatorId });
    });
    return { targetId, indicatorId };
  }

  // ----- forms ----------------------------------------------------------------------------

  async form(formVersionId: number): Promise<TForm> {
    const version = await this.reporting.formVersion(formVersionId);
    if (!version) throw notFound('form');
    const form = (await this.reporting.form(version.formId))!;
    const entries = version.indicators as TFormContent['indicators'];
    const rows = new Map(
      (await this.reporting.indicatorsByIds(entries.map((e) => e.indicatorId))).map((r) => [r.id, r]),
    );
    return {
      id: form.id,
      name: form.name,
      planId: form.planId,
      versionId: version.id,
      versionNumber: version.number,
      indicators: entries
        .filter((e) => rows.has(e.indicatorId))
        .map((e) => ({ ...toIndicator(rows.get(e.indicatorId)!), required: e.required })),
      sections: version.sections as TForm['sections'],
      allowAttachments: version.allowAttachments,
      version: form.version,
    };
  }

  /** A change to a form makes a new version; reports already started keep theirs. */
  async reviseForm(
    actor: Actor,
    formId: number,
    content: TFormContent & { version: number },
  ): Promise<TForm> {
    const form = await this.reporting.form(formId);
    if (!form) throw notFound('form');
    if (form.planId) {
      const plan = await this.plans.find(form.planId);
      this.access.assertRole(actor, 'manager');
      await this.access.assertUnitAccess(actor, plan!.unitId);
    } else this.access.assertRole(actor, 'admin');
    const versionId = await this.database.transaction(async () => {
      if (!(await this.reporting.bumpForm(formId, content.version)))
        throw versionConflict({ version: form.version });
      const number = (await this.reporting.lastFormVersionNumber(formId)) + 1;
      const row = await this.reporting.insertFormVersion({
        formId,
        number,
        indicators: content.indicators,
        sections: content.sections,
        allowAttachments: content.allowAttachments,
        createdBy: actor.userId,
      });
      await this.audit.record(
        actor,
        'form.revise',
        'report_form',
        formId,
        { currentVersionId: form.currentVersionId },
        content,
      );
      return row.id;
    });
    return this.form(versionId);
  }
}
