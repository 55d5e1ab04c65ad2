import { type TSigner, ZSigner } from '../../contracts/plan-extract.ts';
import { signerProblems, type TIssuePlan, type TIssueSuggestion, type TPlan } from '../../contracts/plans.ts';
import { lacksDiacritics } from '../../documents/diacritics/restore-diacritics.ts';
import { symbolNumber, symbolSuffix } from '../../domain/plans/symbol.ts';
import type { Database } from '../db/client.ts';
import { AppError, versionConflict } from '../errors.ts';
import { type NounKey, nounRef } from '../i18n/messages.ts';
import type { OrgRepository } from '../repositories/org.repository.ts';
import type { PlanRepository } from '../repositories/plan.repository.ts';
import type { AccessService } from './access.service.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import type { DocumentRegistryService } from './document-registry.service.ts';
import type { PlanService } from './plan.service.ts';

/** What `signerProblems` finds missing, by field, as the message detail in the caller's language. */
const SIGNER_PROBLEM: Record<string, NounKey> = {
  signer: 'signer_missing',
  'signer.on_behalf_of': 'signer_on_behalf_of_missing',
  'signer.title': 'signer_title_missing',
  'signer.name': 'signer_name_missing',
};

/** Issuing a plan: the number it is given, its signer, and the document it becomes in the chain. */
export class PlanIssueService {
  constructor(
    private readonly database: Database,
    private readonly plans: PlanRepository,
    private readonly org: OrgRepository,
    private readonly registry: DocumentRegistryService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly planService: PlanService,
  ) {}

  /** The number suggested for issuing: the unit's next in its sequence; the signer it last used. */
  async suggestSymbol(actor: Actor, id: number, year: number): Promise<TIssueSuggestion> {
    const plan = await this.planService.requirePlan(id);
    await this.access.assertMayAct(actor, 'edit', plan.unitId);
    const unit = await this.org.findUnit(plan.unitId);
    const number = await this.plans.nextNumber(plan.unitId, year, plan.kind, true);
    const signers = (await this.plans.signersOf(plan.unitId)).flatMap((stored) => {
      const parsed = ZSigner.safeParse(stored);
      return parsed.success && signerProblems(parsed.data).length === 0 ? [parsed.data] : [];
    });
    return {
      number,
      symbol: `${number}/${symbolSuffix(plan.kind, unit?.type ?? 'grassroots')}`,
      signer: (plan.signer as TSigner | null) ?? signers[0] ?? null,
      signers,
    };
  }

  /** Draft → issued with its number and date; the plan becomes a document in the chain. */
  async issue(actor: Actor, id: number, input: TIssuePlan): Promise<TPlan> {
    const plan = await this.planService.requirePlan(id);
    await this.access.assertMayAct(actor, 'manage', plan.unitId);
    if (plan.status === 'issued')
      throw new AppError(
        409,
        'validation',
        { field: 'status', detail: nounRef('plan_already_issued') },
        'status',
      );
    // a plan is issued signed: the same rule the request schema asks (CLI and demo come here too)
    const [problem] = signerProblems(input.signer);
    if (problem)
      throw new AppError(
        400,
        'signer_required',
        { detail: nounRef(SIGNER_PROBLEM[problem.field] ?? 'signer_missing') },
        problem.field,
      );
    const signer: TSigner = {
      authority: input.signer.authority,
      on_behalf_of: input.signer.on_behalf_of?.trim() || null,
      title: input.signer.title?.trim() || null,
      name: input.signer.name?.trim() || null,
    };
    // a paper printed without diacritics cannot be signed as it is: the officer restores them (the
    // review's "Dùng bản có dấu") or says they have read it and issue it anyway (audited)
    if (!input.acceptWithoutDiacritics) {
      const content = await this.planService.view(plan, await this.plans.children(id));
      if (lacksDiacritics(planWords(content)))
        throw new AppError(400, 'plan_without_diacritics', {}, 'content');
    }
    await this.database.transaction(async () => {
      const view = await this.planService.view(plan, await this.plans.children(id));
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
    return this.planService.get(actor, id);
  }
}

/** The words a reader of the paper reads: title, opening, purposes, targets, tasks, assignments. */
function planWords(plan: TPlan): string {
  return [
    plan.title,
    plan.preamble ?? '',
    ...plan.purposes,
    ...plan.targets.map((t) => t.text),
    ...plan.tasks.map((t) => t.text),
    ...plan.assignments.map((a) => a.text),
  ].join('\n');
}
