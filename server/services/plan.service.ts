import type { TExtractedDocument } from '../../contracts/plan-extract.ts';
import type { TPlan, TPlanContent, TPlanSummary, TTaskStatus } from '../../contracts/plans.ts';
import { foldText } from '../../domain/fold-text.ts';
import { eventOccurrences, planYears } from '../../domain/plans/lunar-events.ts';
import { symbolSuffix } from '../../domain/plans/symbol.ts';
import type { Database } from '../db/client.ts';
import { AppError, notFound, versionConflict } from '../errors.ts';
import { nounRef } from '../i18n/messages.ts';
import type { OrgRepository } from '../repositories/org.repository.ts';
import type { PlanChildren, PlanRepository, PlanRow } from '../repositories/plan.repository.ts';
import type { AccessService } from './access.service.ts';
import { type Actor, ownUnitOf } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import type { DocumentRegistryService } from './document-registry.service.ts';
import { contentFromExtract, eventDates, planRowValues, planView } from './plan-content.ts';

/**
 * Plans as content: read, listed, received from documents or written here, edited, their tasks'
 * progress reported. Deriving (`PlanDeriveService`), issuing (`PlanIssueService`), compliance
 * (`PlanComplianceService`) and the task board (`TaskBoardService`) build on it.
 */
export class PlanService {
  constructor(
    private readonly database: Database,
    private readonly plans: PlanRepository,
    private readonly org: OrgRepository,
    private readonly registry: DocumentRegistryService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async requirePlan(id: number): Promise<PlanRow> {
    const plan = await this.plans.find(id);
    if (!plan) throw notFound('plan');
    return plan;
  }

  // ----- reading --------------------------------------------------------------------------

  async get(actor: Actor, id: number): Promise<TPlan> {
    const plan = await this.requirePlan(id);
    await this.access.assertCanSeePlanOf(actor, plan.unitId);
    return this.view(plan, await this.plans.children(id));
  }

  /** The plan as the API shows it, with no access check (the caller has made it). */
  async view(plan: PlanRow, children: PlanChildren): Promise<TPlan> {
    const today = this.access.today();
    const unit = await this.org.unitAsOf(plan.unitId, today);
    const parent = plan.parentPlanId ? await this.plans.find(plan.parentPlanId) : undefined;
    const sources = await this.plans.targetsByIds(
      children.targets.map((t) => t.sourceTargetId).filter((x): x is number => x !== null),
    );
    return planView(plan, children, { unitName: unit?.name ?? '', parent, sources, today });
  }

  /**
   * The campaign events a user takes part in: those of the issued plans of the user's unit and of
   * every level above it, on the solar days they fall in the given years (within each plan's span).
   */
  async campaignEvents(
    actor: Actor,
    years: readonly number[],
  ): Promise<
    {
      planId: number;
      planSymbol: string | null;
      planTitle: string;
      name: string;
      start: string;
      end: string | null;
    }[]
  > {
    const home = ownUnitOf(actor);
    if (home === null) return [];
    const today = this.access.today();
    const chain = new Set([home, ...(await this.org.ancestors(home, today)).map((u) => u.id)]);
    const concerned = (await this.list(actor, home)).filter(
      (p) => p.status === 'issued' && chain.has(p.unitId),
    );
    const byId = new Map(concerned.map((p) => [p.id, p]));
    const events = await this.plans.eventsOf([...byId.keys()]);
    return events.flatMap((e) => {
      const plan = byId.get(e.planId)!;
      const span = planYears(plan.yearFrom, plan.yearTo, years[0] ?? Number(today.slice(0, 4)));
      return eventOccurrences(
        eventDates(e),
        years.filter((y) => span.includes(y)),
      ).map((o) => ({
        planId: plan.id,
        planSymbol: plan.symbol,
        planTitle: plan.title,
        name: e.name,
        start: o.start,
        end: o.end,
      }));
    });
  }

  /** Plans of the actor's organisation and of every level above it (received from above). */
  async list(actor: Actor, unitId?: number): Promise<TPlanSummary[]> {
    this.access.assertActionRole(actor, 'see');
    const today = this.access.today();
    const root = unitId ?? actor.homeUnitId;
    let found: Awaited<ReturnType<PlanRepository['listForUnits']>>;
    if (root === null || root < 0) {
      found = await this.plans.listForUnits((await this.org.tree(today, null)).map((u) => u.id));
    } else {
      await this.access.assertUnitAccess(actor, root);
      const above = (await this.org.ancestors(root, today)).map((u) => u.id);
      found = await this.plans.listForSubtree(root, today, above);
    }
    return found.map((p) => ({
      id: p.id,
      unitId: p.unit_id,
      unitName: p.unit_name ?? '',
      title: p.title,
      origin: p.origin as TPlanSummary['origin'],
      status: p.status as TPlanSummary['status'],
      symbol: p.symbol,
      issuedOn: p.issued_on,
      yearFrom: p.year_from,
      yearTo: p.year_to,
      parentPlanId: p.parent_plan_id,
      isDemo: p.is_demo,
    }));
  }

  // ----- writing --------------------------------------------------------------------------

  /** Saves a reviewed document as the plan of `unitId` (its issuer), with the document registered. */
  async createFromExtract(
    actor: Actor,
    input: {
      unitId: number;
      document: TExtractedDocument;
      sourceText: string | null;
      sourceFileName: string | null;
    },
    options: { isDemo?: boolean } = {},
  ): Promise<TPlan> {
    await this.access.assertMayAct(actor, 'edit', input.unitId);
    // Saving a stored document again points at the one there (and the plan made of it).
    const same = await this.registry.findSame(input.document, input.sourceText, options.isDemo ?? false);
    if (same) {
      const plan = await this.plans.findByDocument(same.id);
      const visible = plan ? await this.access.canSeePlanOf(actor, plan.unitId) : false;
      throw await this.registry.duplicate(actor, same, input.document, visible ? plan!.id : null);
    }
    const id = await this.database.transaction(async () => {
      const documentId = await this.registry.register(actor, input.document, {
        sourceText: input.sourceText,
        sourceFileName: input.sourceFileName,
        ownerUnitId: input.unitId,
        isDemo: options.isDemo ?? false,
      });
      const content = await this.bindNamedUnits(contentFromExtract(input.document), input.unitId);
      const issued = input.document.date !== null;
      const plan = await this.plans.insert({
        ...planRowValues(content),
        unitId: input.unitId,
        documentId,
        origin: 'received',
        status: issued ? 'issued' : 'draft',
        symbol: input.document.symbol,
        issuedOn: input.document.date,
        isDemo: options.isDemo ?? false,
        createdBy: actor.userId,
      });
      await this.plans.replaceChildren(plan.id, content);
      await this.audit.record(actor, 'plan.create_from_document', 'plan', plan.id, null, {
        documentId,
        title: content.title,
      });
      return plan.id;
    });
    return this.get(actor, id);
  }

  async create(actor: Actor, unitId: number, content: TPlanContent): Promise<TPlan> {
    await this.access.assertMayAct(actor, 'edit', unitId);
    const id = await this.database.transaction(async () => {
      const plan = await this.plans.insert({
        ...planRowValues(content),
        unitId,
        origin: 'own',
        status: 'draft',
        createdBy: actor.userId,
      });
      await this.plans.replaceChildren(plan.id, content);
      await this.audit.record(actor, 'plan.create', 'plan', plan.id, null, content);
      return plan.id;
    });
    return this.get(actor, id);
  }

  /** Saves a plan whole; a stale version gets 409 with the current plan, nothing overwritten. */
  async update(actor: Actor, id: number, content: TPlanContent & { version: number }): Promise<TPlan> {
    const plan = await this.requirePlan(id);
    await this.access.assertMayAct(actor, 'edit', plan.unitId);
    if (plan.status === 'issued' && plan.origin === 'own') {
      throw new AppError(
        409,
        'validation',
        { field: 'status', detail: nounRef('plan_issued_tasks_only') },
        'status',
      );
    }
    await this.database.transaction(async () => {
      const before = await this.view(plan, await this.plans.children(id));
      if (!(await this.plans.updateIfVersion(id, content.version, planRowValues(content)))) {
        throw versionConflict(await this.get(actor, id));
      }
      await this.plans.replaceChildren(id, content);
      await this.audit.record(actor, 'plan.update', 'plan', id, before, content);
    });
    return this.get(actor, id);
  }

  async updateTask(
    actor: Actor,
    planId: number,
    taskId: number,
    input: { status: Exclude<TTaskStatus, 'overdue'>; progressNote: string | null; version: number },
  ): Promise<TPlan> {
    const plan = await this.requirePlan(planId);
    const task = await this.plans.findTask(taskId);
    if (!task || task.planId !== planId) throw notFound('task');
    // The plan's own unit, or the unit leading the task, may report its progress.
    const leadAllowed = task.leadUnitId !== null && (await this.access.canAccessUnit(actor, task.leadUnitId));
    if (!leadAllowed) await this.access.assertMayAct(actor, 'edit', plan.unitId);
    else this.access.assertActionRole(actor, 'edit');
    await this.database.transaction(async () => {
      const updated = await this.plans.updateTask(taskId, input.version, {
        status: input.status,
        progressNote: input.progressNote,
      });
      if (!updated) throw versionConflict(task);
      await this.audit.record(actor, 'plan.task_update', 'plan_task', taskId, task, updated);
    });
    return this.get(actor, planId);
  }

  /** How a draft is numbered on paper: its unit's "KH-CĐ" after a blank number, and this year. */
  async draftNumbering(plan: {
    unitId: number;
    kind: string;
  }): Promise<{ symbolSuffix: string; year: number }> {
    const unit = await this.org.findUnit(plan.unitId);
    return {
      symbolSuffix: symbolSuffix(plan.kind, unit?.type ?? 'grassroots'),
      year: Number(this.access.today().slice(0, 4)),
    };
  }

  /**
   * Leads and assignees named exactly as a unit of the plan's organisation (full or short name,
   * diacritics and case aside) get that unit's id, so the task board finds their work.
   */
  private async bindNamedUnits(content: TPlanContent, unitId: number): Promise<TPlanContent> {
    const byName = new Map<string, number>();
    for (const unit of await this.org.tree(this.access.today(), unitId)) {
      for (const name of [unit.name, unit.shortName]) {
        if (!name) continue;
        const key = foldText(name);
        // A name two units share binds neither.
        byName.set(key, byName.has(key) && byName.get(key) !== unit.id ? -1 : unit.id);
      }
    }
    const idOf = (text: string | null | undefined) => {
      const id = text ? byName.get(foldText(text)) : undefined;
      return id !== undefined && id > 0 ? id : null;
    };
    return {
      ...content,
      tasks: content.tasks.map((t) => ({ ...t, leadUnitId: t.leadUnitId ?? idOf(t.leadText) })),
      assignments: content.assignments.map((a) => ({ ...a, unitId: a.unitId ?? idOf(a.unitText) })),
    };
  }
}
