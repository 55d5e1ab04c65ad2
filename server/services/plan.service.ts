import type { TUnitType } from '../../contracts/org.ts';
import { type TExtractedDocument, type TSigner, ZSigner } from '../../contracts/plan-extract.ts';
import {
  signerProblems,
  type TCompliance,
  type TCooperatingUnit,
  type TIssuePlan,
  type TIssueSuggestion,
  type TPlan,
  type TPlanContent,
  type TPlanSummary,
  type TTaskBoard,
  type TTaskStatus,
} from '../../contracts/plans.ts';
import { renderComplianceXlsx } from '../../documents/render/compliance.xlsx.ts';
import { foldText } from '../../domain/fold-text.ts';
import { complianceState, implementationDeadline } from '../../domain/plans/compliance.ts';
import { deriveImplementingPlan, lowerTargetWarnings } from '../../domain/plans/derive-plan.ts';
import { type EventDates, eventOccurrences, planYears } from '../../domain/plans/lunar-events.ts';
import { placeOfUnit } from '../../domain/plans/place-of-unit.ts';
import { symbolNumber, symbolSuffix } from '../../domain/plans/symbol.ts';
import {
  assignmentStatus,
  compareBoardItems,
  daysLate,
  effectiveTaskStatus,
  filterBoard,
} from '../../domain/plans/task-board.ts';
import { roleAtLeast } from '../../domain/roles.ts';
import type { Database } from '../db/client.ts';
import { AppError, forbiddenUnit, notFound, versionConflict } from '../errors.ts';
import type { OrgRepository } from '../repositories/org.repository.ts';
import type { PlanChildren, PlanRepository, PlanRow } from '../repositories/plan.repository.ts';
import type { AccessService } from './access.service.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import { type DocumentRegistryService, documentDuplicate } from './document-registry.service.ts';

/** Years a plan spans, from its title ("giai đoạn 2021-2025, định hướng đến năm 2030") or dates. */
export function yearsOf(
  text: string,
  fallbackYear: number | null,
): { yearFrom: number | null; yearTo: number | null } {
  const years = [...text.matchAll(/\b(19[5-9]\d|20\d\d)\b/g)].map((m) => Number(m[1]));
  if (years.length === 0) return { yearFrom: fallbackYear, yearTo: fallbackYear };
  return {
    yearFrom: Math.min(...years, fallbackYear ?? Number.POSITIVE_INFINITY),
    yearTo: Math.max(...years),
  };
}

/** Plan content from a reviewed extraction. */
export function contentFromExtract(doc: TExtractedDocument): TPlanContent {
  const issuedYear = doc.date ? Number(doc.date.slice(0, 4)) : null;
  const milestoneYears = doc.targets
    .flatMap((t) => t.milestones.map((m) => m.year))
    .filter((y): y is number => y !== null);
  const span = yearsOf(`${doc.title ?? ''} ${milestoneYears.join(' ')}`, issuedYear);
  return {
    title: doc.title ?? doc.symbol ?? 'Kế hoạch',
    kind: doc.kind ?? 'KH',
    ...span,
    issuerName: doc.issuer,
    supervisingBody: null,
    place: doc.place,
    preamble: null,
    purposes: [],
    funding: [],
    recipients: doc.recipients,
    signer: doc.signer,
    implementDeadline: null,
    targets: doc.targets.map((t) => ({ text: t.text, milestones: t.milestones, sourceTargetId: null })),
    tasks: doc.tasks.map((t) => ({
      text: t.text,
      leadText: t.lead,
      leadUnitId: null,
      cooperating: [],
      deadline: t.deadline,
      status: 'not_started' as const,
      progressNote: null,
    })),
    assignments: doc.assignments.map((a) => ({
      unitText: a.unit,
      unitId: null,
      unitType: null,
      text: a.text,
    })),
    reporting: doc.reporting.map((r) => ({ frequency: r.frequency, due: r.due, recipient: r.to })),
    events: doc.events
      .filter((e) => e.start !== null)
      .map((e) => ({
        name: e.name,
        start: e.start!,
        end: e.end,
        calendar: 'solar' as const,
        recurring: true,
      })),
  };
}

/** Rows a task board returns at most (the total is counted in full). */
const TASK_BOARD_LIMIT = 500;

/** Cooperating bodies as stored: `{ text, unitId }`, or a bare name in plans saved before ids. */
export function readCooperating(value: unknown): TCooperatingUnit[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((c): TCooperatingUnit[] => {
    if (typeof c === 'string') return c.trim() ? [{ text: c, unitId: null }] : [];
    if (c && typeof c === 'object' && typeof (c as { text?: unknown }).text === 'string') {
      const unitId = (c as { unitId?: unknown }).unitId;
      return [{ text: (c as { text: string }).text, unitId: typeof unitId === 'number' ? unitId : null }];
    }
    return [];
  });
}

/** A stored campaign event as the calendar rules read it. */
function eventDates(row: {
  name: string;
  start: string;
  end: string | null;
  calendar: string;
  recurring: boolean;
}): EventDates {
  return {
    name: row.name,
    start: row.start,
    end: row.end,
    calendar: row.calendar as EventDates['calendar'],
    recurring: row.recurring,
  };
}

/** Plans: received from documents or written here, derived level by level, issued, complied with. */
export class PlanService {
  constructor(
    private readonly database: Database,
    private readonly plans: PlanRepository,
    private readonly org: OrgRepository,
    private readonly registry: DocumentRegistryService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  // ----- access ---------------------------------------------------------------------------

  /** A plan is visible inside the owner's organisation and to every unit below its owner. */
  private async canRead(actor: Actor, plan: PlanRow): Promise<boolean> {
    if (await this.access.canAccessUnit(actor, plan.unitId)) return true;
    if (actor.homeUnitId !== null && actor.homeUnitId > 0) {
      const ancestors = await this.org.ancestors(actor.homeUnitId, this.access.today());
      if (ancestors.some((a) => a.id === plan.unitId)) return true;
    }
    return false;
  }

  private async assertCanRead(actor: Actor, plan: PlanRow): Promise<void> {
    if (!(await this.canRead(actor, plan))) throw forbiddenUnit();
  }

  private async assertCanWrite(
    actor: Actor,
    unitId: number,
    minimum: 'officer' | 'manager' = 'officer',
  ): Promise<void> {
    this.access.assertRole(actor, minimum);
    await this.access.assertUnitAccess(actor, unitId);
  }

  private async requirePlan(id: number): Promise<PlanRow> {
    const plan = await this.plans.find(id);
    if (!plan) throw notFound('plan');
    return plan;
  }

  // ----- reading --------------------------------------------------------------------------

  async get(actor: Actor, id: number): Promise<TPlan> {
    const plan = await this.requirePlan(id);
    await this.assertCanRead(actor, plan);
    return this.view(plan, await this.plans.children(id));
  }

  private async view(plan: PlanRow, children: PlanChildren): Promise<TPlan> {
    const today = this.access.today();
    const unit = await this.org.unitAsOf(plan.unitId, today);
    const parent = plan.parentPlanId ? await this.plans.find(plan.parentPlanId) : undefined;
    const targets = children.targets.map((t) => ({
      id: t.id,
      text: t.text,
      milestones: t.milestones as TPlan['targets'][number]['milestones'],
      sourceTargetId: t.sourceTargetId,
    }));
    const sources = await this.plans.targetsByIds(
      targets.map((t) => t.sourceTargetId).filter((x): x is number => x !== null),
    );
    const warnings = lowerTargetWarnings(
      targets,
      new Map(
        sources.map((s) => [
          s.id,
          { text: s.text, milestones: s.milestones as TPlan['targets'][number]['milestones'] },
        ]),
      ),
    );
    return {
      id: plan.id,
      unitId: plan.unitId,
      unitName: unit?.name ?? '',
      documentId: plan.documentId,
      parentPlanId: plan.parentPlanId,
      parentTitle: parent ? `${parent.symbol ?? ''} ${parent.title}`.trim() : null,
      origin: plan.origin as TPlan['origin'],
      status: plan.status as TPlan['status'],
      symbol: plan.symbol,
      issuedOn: plan.issuedOn,
      isDemo: plan.isDemo,
      version: plan.version,
      title: plan.title,
      kind: plan.kind,
      yearFrom: plan.yearFrom,
      yearTo: plan.yearTo,
      issuerName: plan.issuerName,
      supervisingBody: plan.supervisingBody,
      place: plan.place,
      preamble: plan.preamble,
      purposes: plan.purposes as string[],
      funding: plan.funding as string[],
      recipients: plan.recipients as string[],
      signer: plan.signer as TSigner | null,
      implementDeadline: plan.implementDeadline,
      targets,
      tasks: children.tasks.map((t) => ({
        id: t.id,
        version: t.version,
        text: t.text,
        leadText: t.leadText,
        leadUnitId: t.leadUnitId,
        cooperating: readCooperating(t.cooperating),
        deadline: t.deadline,
        status: t.status as Exclude<TTaskStatus, 'overdue'>,
        effectiveStatus: effectiveTaskStatus(t.status as Exclude<TTaskStatus, 'overdue'>, t.deadline, today),
        progressNote: t.progressNote,
      })),
      assignments: children.assignments.map((a) => ({
        unitText: a.unitText,
        unitId: a.unitId,
        unitType: a.unitType as TUnitType | null,
        text: a.text,
      })),
      reporting: children.reporting.map((r) => ({
        frequency: r.frequency as TPlan['reporting'][number]['frequency'],
        due: r.due,
        recipient: r.recipient,
      })),
      events: children.events.map((e) => {
        const event = eventDates(e);
        const years = planYears(plan.yearFrom, plan.yearTo, Number(today.slice(0, 4)));
        return { ...event, occurrences: eventOccurrences(event, years) };
      }),
      warnings,
    };
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
    if (actor.homeUnitId === null || actor.homeUnitId < 0) return [];
    const today = this.access.today();
    const chain = new Set([
      actor.homeUnitId,
      ...(await this.org.ancestors(actor.homeUnitId, today)).map((u) => u.id),
    ]);
    const concerned = (await this.list(actor, actor.homeUnitId)).filter(
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
    this.access.assertRole(actor, 'viewer');
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
    await this.assertCanWrite(actor, input.unitId);
    // Saving a stored document again points at the one there (and the plan made of it).
    const same = await this.registry.findSame(input.document, input.sourceText, options.isDemo ?? false);
    if (same) {
      const plan = await this.plans.findByDocument(same.id);
      const visible = plan ? await this.canRead(actor, plan) : false;
      throw documentDuplicate(same.symbol ?? same.title ?? `#${same.id}`, {
        documentId: same.id,
        planId: visible ? plan!.id : null,
      });
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
        ...this.rowValues(content),
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
    await this.assertCanWrite(actor, unitId);
    const id = await this.database.transaction(async () => {
      const plan = await this.plans.insert({
        ...this.rowValues(content),
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
    await this.assertCanWrite(actor, plan.unitId);
    if (plan.status === 'issued' && plan.origin === 'own') {
      throw new AppError(
        409,
        'validation',
        { field: 'status', detail: 'kế hoạch đã ban hành; chỉ cập nhật được tiến độ nhiệm vụ' },
        'status',
      );
    }
    await this.database.transaction(async () => {
      const before = await this.view(plan, await this.plans.children(id));
      if (!(await this.plans.updateIfVersion(id, content.version, this.rowValues(content)))) {
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
    if (!leadAllowed) await this.assertCanWrite(actor, plan.unitId);
    else this.access.assertRole(actor, 'officer');
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

  /** "Xây dựng kế hoạch thực hiện": a draft plan of `unitId` derived from plan `parentId`. */
  async derive(
    actor: Actor,
    parentId: number,
    input: { unitId: number; reportLeadDays: number; implementDeadline?: string | null | undefined },
  ) {
    const parent = await this.requirePlan(parentId);
    await this.assertCanRead(actor, parent);
    await this.assertCanWrite(actor, input.unitId);
    const today = this.access.today();
    const unit = await this.org.unitAsOf(input.unitId, today);
    if (!unit) throw notFound('unit');
    const parentView = await this.get(actor, parentId);
    const ancestors = await this.org.ancestors(input.unitId, today);
    const children = await this.org.tree(today, input.unitId, 1);
    const content = deriveImplementingPlan(
      {
        ...parentView,
        symbol: parent.symbol,
        issuedOn: parent.issuedOn,
        targetIds: parentView.targets.map((t) => t.id),
      },
      {
        unitName: unit.name,
        unitShortName: unit.shortName,
        supervisingName: ancestors.at(-1)?.name ?? null,
        // the unit's own place, never the parent plan's (a commune dates its plan at home)
        place: placeOfUnit(
          unit.name,
          ancestors.map((a) => a.name),
        ),
        childTypes: children.filter((c) => c.id !== unit.id).map((c) => c.type),
        reportLeadDays: input.reportLeadDays,
        implementDeadline: input.implementDeadline ?? null,
      },
    );
    const id = await this.database.transaction(async () => {
      const plan = await this.plans.insert({
        ...this.rowValues(content),
        unitId: input.unitId,
        parentPlanId: parentId,
        origin: 'own',
        status: 'draft',
        // Derived from demo data is demo data.
        isDemo: parent.isDemo,
        createdBy: actor.userId,
      });
      await this.plans.replaceChildren(plan.id, content);
      await this.audit.record(actor, 'plan.derive', 'plan', plan.id, null, {
        parentId,
        unitId: input.unitId,
      });
      return plan.id;
    });
    return this.get(actor, id);
  }

  /** The number suggested for issuing: the unit's next in its sequence; the signer it last used. */
  async suggestSymbol(actor: Actor, id: number, year: number): Promise<TIssueSuggestion> {
    const plan = await this.requirePlan(id);
    await this.assertCanWrite(actor, plan.unitId);
    const unit = await this.org.findUnit(plan.unitId);
    const number = await this.plans.nextNumber(plan.unitId, year, plan.kind, true);
    const last = ZSigner.safeParse(await this.plans.lastSigner(plan.unitId));
    return {
      number,
      symbol: `${number}/${symbolSuffix(plan.kind, unit?.type ?? 'grassroots')}`,
      signer: (plan.signer as TSigner | null) ?? (last.success ? last.data : null),
    };
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

  /** Draft → issued with its number and date; the plan becomes a document in the chain. */
  async issue(actor: Actor, id: number, input: TIssuePlan): Promise<TPlan> {
    const plan = await this.requirePlan(id);
    await this.assertCanWrite(actor, plan.unitId, 'manager');
    if (plan.status === 'issued')
      throw new AppError(409, 'validation', { field: 'status', detail: 'kế hoạch đã ban hành' }, 'status');
    // a plan is issued signed: the same rule the request schema asks (CLI and demo come here too)
    const [problem] = signerProblems(input.signer);
    if (problem) throw new AppError(400, 'signer_required', { detail: problem.detail }, problem.field);
    const signer: TSigner = {
      authority: input.signer.authority,
      on_behalf_of: input.signer.on_behalf_of?.trim() || null,
      title: input.signer.title?.trim() || null,
      name: input.signer.name?.trim() || null,
    };
    await this.database.transaction(async () => {
      const view = await this.view(plan, await this.plans.children(id));
      const parent = plan.parentPlanId ? await this.plans.find(plan.parentPlanId) : undefined;
      const documentId = await this.registry.register(
        actor,
        {
          kind: plan.kind,
          symbol: input.symbol,
          issuer: plan.issuerName,
          place: plan.place,
          date: input.issuedOn,
          title: plan.title,
          addressees: [],
          signer,
          references: parent?.symbol
            ? [
                {
                  kind: parent.kind,
                  symbol: parent.symbol,
                  date: parent.issuedOn,
                  issuer: parent.issuerName,
                  relation: 'basis',
                },
              ]
            : [],
          targets: view.targets.map((t) => ({ text: t.text, milestones: t.milestones })),
          tasks: view.tasks.map((t) => ({
            text: t.text,
            deadline: t.deadline ?? null,
            lead: t.leadText ?? null,
          })),
          assignments: view.assignments.map((a) => ({ unit: a.unitText, text: a.text })),
          reporting: view.reporting.map((r) => ({ frequency: r.frequency, due: r.due, to: r.recipient })),
          recipients: view.recipients,
          events: [],
        },
        { sourceText: null, sourceFileName: null, ownerUnitId: plan.unitId, isDemo: plan.isDemo },
      );
      if (
        !(await this.plans.updateIfVersion(id, input.version, {
          status: 'issued',
          symbol: input.symbol,
          issuedOn: input.issuedOn,
          signer,
          documentId,
        }))
      ) {
        throw versionConflict(view);
      }
      const number = symbolNumber(input.symbol);
      if (number !== null)
        await this.plans.noteNumberUsed(plan.unitId, Number(input.issuedOn.slice(0, 4)), plan.kind, number);
      await this.audit.record(
        actor,
        'plan.issue',
        'plan',
        id,
        { status: plan.status, signer: plan.signer },
        { ...input, signer },
      );
    });
    return this.get(actor, id);
  }

  /** Which units in scope have issued their implementing plan, and who is late. */
  async compliance(actor: Actor, id: number): Promise<TCompliance> {
    const plan = await this.requirePlan(id);
    await this.assertCanRead(actor, plan);
    const today = this.access.today();
    const deadline = implementationDeadline(plan.implementDeadline, plan.issuedOn);
    const children = await this.plans.children(id);
    const subtree = await this.org.tree(today, plan.unitId);
    const explicit = new Set(
      children.assignments.map((a) => a.unitId).filter((x): x is number => x !== null),
    );
    const types = new Set(children.assignments.map((a) => a.unitType).filter((x): x is string => x !== null));
    let scope = subtree.filter((u) => u.id !== plan.unitId && (explicit.has(u.id) || types.has(u.type)));
    if (scope.length === 0) scope = subtree.filter((u) => u.parentId === plan.unitId);
    // The caller sees only the part of the scope inside their organisation: all of it when the
    // plan's unit is theirs, else what lies in their own subtree (one query, not one per unit).
    let visible = scope;
    if (actor.homeUnitId !== null && !(await this.access.canAccessUnit(actor, plan.unitId))) {
      const mine = new Set((await this.org.tree(today, actor.homeUnitId)).map((u) => u.id));
      visible = scope.filter((u) => mine.has(u.id));
    }
    const byUnit = new Map((await this.plans.childPlans(id)).map((p) => [p.unitId, p]));
    const rows = visible.map((unit) => {
      const child = byUnit.get(unit.id);
      const fact = child
        ? {
            unitId: unit.id,
            planId: child.id,
            status: child.status as 'draft' | 'issued',
            symbol: child.symbol,
            issuedOn: child.issuedOn,
          }
        : undefined;
      return {
        unitId: unit.id,
        unitName: unit.name,
        unitType: unit.type,
        planId: child?.id ?? null,
        planStatus: (child ? child.status : 'none') as 'none' | 'draft' | 'issued',
        symbol: child?.symbol ?? null,
        issuedOn: child?.issuedOn ?? null,
        deadline,
        state: complianceState(fact, deadline, today),
        daysLate: daysLate(deadline, child?.status === 'issued' ? (child.issuedOn ?? today) : today),
      };
    });
    const tasksByUnit = new Map<string, TCompliance['tasksByUnit'][number]>();
    const leadNames = new Map<number, string | undefined>();
    for (const task of children.tasks) {
      if (task.leadUnitId !== null && !leadNames.has(task.leadUnitId))
        leadNames.set(task.leadUnitId, (await this.org.unitAsOf(task.leadUnitId, today))?.name);
      const lead = task.leadUnitId !== null ? leadNames.get(task.leadUnitId) : null;
      const name = lead ?? task.leadText?.trim() ?? '';
      const key = task.leadUnitId !== null ? `id:${task.leadUnitId}` : `text:${name}`;
      const group = tasksByUnit.get(key) ?? {
        unitId: task.leadUnitId,
        lead: name,
        total: 0,
        done: 0,
        overdue: 0,
        overdueTasks: [],
      };
      const status = effectiveTaskStatus(
        task.status as Exclude<TTaskStatus, 'overdue'>,
        task.deadline,
        today,
      );
      group.total += 1;
      if (status === 'done') group.done += 1;
      if (status === 'overdue' && task.deadline !== null) {
        group.overdue += 1;
        group.overdueTasks.push({
          taskId: task.id,
          text: task.text,
          deadline: task.deadline,
          daysLate: daysLate(task.deadline, today),
          status,
        });
      }
      tasksByUnit.set(key, group);
    }
    return {
      planId: id,
      deadline,
      asOf: today,
      inScope: rows.length,
      issued: rows.filter((r) => r.planStatus === 'issued').length,
      late: rows.filter((r) => r.state === 'late' || r.state === 'issued_late').length,
      rows,
      // Units by most overdue first; tasks with no lead unit named last.
      tasksByUnit: [...tasksByUnit.values()].sort(
        (a, b) =>
          Number(a.lead === '') - Number(b.lead === '') ||
          b.overdue - a.overdue ||
          a.lead.localeCompare(b.lead, 'vi'),
      ),
    };
  }

  /** The compliance of a plan as XLSX (units, tasks by lead unit, overdue tasks). */
  async complianceXlsx(actor: Actor, id: number): Promise<{ data: Buffer; fileName: string }> {
    const compliance = await this.compliance(actor, id);
    const plan = await this.requirePlan(id);
    const label = plan.symbol ? `Kế hoạch số ${plan.symbol}` : plan.title;
    const slug = foldText(plan.symbol ?? `ke-hoach-${id}`)
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    return {
      data: await renderComplianceXlsx(label, compliance),
      fileName: `tinh-hinh-ban-hanh-${slug || id}.xlsx`,
    };
  }

  /**
   * "Bảng công việc": tasks of issued plans that a unit or a unit below it leads or cooperates
   * on, and the assignments those plans give them. A unit sees only its own subtree.
   */
  async taskBoard(
    actor: Actor,
    query: {
      unitId?: number | undefined;
      mine: boolean;
      overdue: boolean;
      status?: TTaskStatus | undefined;
      planId?: number | undefined;
      q?: string | undefined;
    },
  ): Promise<TTaskBoard> {
    this.access.assertRole(actor, 'viewer');
    const today = this.access.today();
    const home = actor.homeUnitId !== null && actor.homeUnitId > 0 ? actor.homeUnitId : null;
    const root = query.unitId ?? home;
    if (root !== null) await this.access.assertUnitAccess(actor, root);
    const scope = await this.org.tree(today, root);
    const byId = new Map(scope.map((u) => [u.id, u]));
    const ids = scope.map((u) => u.id);
    const ancestors = root !== null ? await this.org.ancestors(root, today) : [];
    const names = new Map<number, string>([
      ...ancestors.map((a) => [a.id, a.name] as const),
      ...scope.map((u) => [u.id, u.name] as const),
    ]);
    const isBelow = (unitId: number, ownerId: number): boolean => {
      if (!byId.has(ownerId)) return ancestors.some((a) => a.id === ownerId);
      let current = byId.get(unitId)?.parentId ?? null;
      while (current !== null) {
        if (current === ownerId) return true;
        current = byId.get(current)?.parentId ?? null;
      }
      return false;
    };
    const canWrite = roleAtLeast(actor.role, 'officer');
    const planWritable = new Map<number, boolean>();
    const canReportFor = async (planUnitId: number): Promise<boolean> => {
      if (!canWrite) return false;
      if (!planWritable.has(planUnitId))
        planWritable.set(planUnitId, await this.access.canAccessUnit(actor, planUnitId));
      return planWritable.get(planUnitId)!;
    };

    type Item = TTaskBoard['items'][number] & { order: number };
    const items: Item[] = [];
    for (const t of await this.plans.boardTasks(ids)) {
      const concerned: { unitId: number; role: 'lead' | 'cooperating' }[] = [];
      if (t.lead_unit_id !== null && byId.has(t.lead_unit_id))
        concerned.push({ unitId: t.lead_unit_id, role: 'lead' });
      for (const c of readCooperating(t.cooperating)) {
        if (c.unitId !== null && byId.has(c.unitId) && !concerned.some((x) => x.unitId === c.unitId))
          concerned.push({ unitId: c.unitId, role: 'cooperating' });
      }
      const status = t.status as Exclude<TTaskStatus, 'overdue'>;
      const effective = effectiveTaskStatus(status, t.deadline, today);
      for (const c of concerned) {
        items.push({
          key: `task-${t.id}-${c.unitId}`,
          kind: 'task',
          role: c.role,
          planId: t.plan_id,
          planSymbol: t.plan_symbol,
          planTitle: t.plan_title,
          planUnitName: '',
          planUnitId: t.plan_unit_id,
          taskId: t.id,
          version: t.version,
          text: t.text,
          unitId: c.unitId,
          unitName: names.get(c.unitId) ?? '',
          deadline: t.deadline,
          status: effective,
          settableStatus: status,
          progressNote: t.progress_note,
          daysLate: daysLate(t.deadline, today, status === 'done'),
          // The lead unit reports its own progress; so does the plan's owner.
          canReport: canWrite && (c.role === 'lead' || (await canReportFor(t.plan_unit_id))),
          order: t.position,
        });
      }
    }

    const assignments = await this.plans.boardAssignments(
      ids,
      [...new Set(scope.map((u) => u.type))],
      [...ancestors.map((a) => a.id), ...ids],
    );
    const assigned = assignments.flatMap((a) => {
      const units =
        a.unit_id !== null
          ? byId.has(a.unit_id)
            ? [a.unit_id]
            : []
          : scope.filter((u) => u.type === a.unit_type && isBelow(u.id, a.plan_unit_id)).map((u) => u.id);
      return units.map((unitId) => ({ a, unitId }));
    });
    const childStatus = new Map<string, 'draft' | 'issued'>();
    for (const c of await this.plans.childPlansOf(
      [...new Set(assigned.map((x) => x.a.plan_id))],
      [...new Set(assigned.map((x) => x.unitId))],
    )) {
      const key = `${c.parent_plan_id}-${c.unit_id}`;
      if (childStatus.get(key) !== 'issued') childStatus.set(key, c.status as 'draft' | 'issued');
    }
    for (const { a, unitId } of assigned) {
      const deadline = implementationDeadline(a.implement_deadline, a.issued_on);
      const status = assignmentStatus(childStatus.get(`${a.plan_id}-${unitId}`) ?? null, deadline, today);
      items.push({
        key: `assignment-${a.id}-${unitId}`,
        kind: 'assignment',
        role: 'assigned',
        planId: a.plan_id,
        planSymbol: a.plan_symbol,
        planTitle: a.plan_title,
        planUnitName: '',
        planUnitId: a.plan_unit_id,
        taskId: null,
        version: null,
        text: a.text.trim() || a.unit_text,
        unitId,
        unitName: names.get(unitId) ?? '',
        deadline,
        status,
        settableStatus: null,
        progressNote: null,
        daysLate: daysLate(deadline, today, status === 'done'),
        canReport: false,
        order: 10_000 + a.position,
      });
    }

    for (const item of items) {
      if (!names.has(item.planUnitId))
        names.set(item.planUnitId, (await this.org.unitAsOf(item.planUnitId, today))?.name ?? '');
      item.planUnitName = names.get(item.planUnitId) ?? '';
    }
    const mine = query.mine && root !== null ? filterBoard(items, { onlyUnitId: root }) : items;
    const plans = new Map<number, string>();
    for (const item of mine) plans.set(item.planId, item.planSymbol ?? item.planTitle);
    const found = filterBoard(mine, {
      overdue: query.overdue,
      status: query.status,
      planId: query.planId,
      q: query.q,
    }).sort(compareBoardItems);
    return {
      unitId: root,
      asOf: today,
      total: found.length,
      overdue: mine.filter((i) => i.status === 'overdue').length,
      limit: TASK_BOARD_LIMIT,
      plans: [...plans]
        .map(([id, label]) => ({ id, label }))
        .sort((a, b) => a.label.localeCompare(b.label, 'vi')),
      items: found.slice(0, TASK_BOARD_LIMIT).map(({ order: _order, ...item }) => item),
    };
  }

  private rowValues(content: TPlanContent) {
    return {
      title: content.title,
      kind: content.kind,
      yearFrom: content.yearFrom,
      yearTo: content.yearTo,
      issuerName: content.issuerName,
      supervisingBody: content.supervisingBody,
      place: content.place,
      preamble: content.preamble,
      purposes: content.purposes,
      funding: content.funding,
      recipients: content.recipients,
      signer: content.signer,
      implementDeadline: content.implementDeadline,
    };
  }
}
