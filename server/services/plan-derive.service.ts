import { deriveImplementingPlan } from '../../domain/plans/derive-plan.ts';
import { placeOfUnit } from '../../domain/plans/place-of-unit.ts';
import type { Database } from '../db/client.ts';
import { notFound } from '../errors.ts';
import type { OrgRepository } from '../repositories/org.repository.ts';
import type { PlanRepository } from '../repositories/plan.repository.ts';
import type { AccessService } from './access.service.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import type { PlanService } from './plan.service.ts';
import { planRowValues } from './plan-content.ts';

/** Plans derived level by level: a unit's implementing plan drafted from the plan above. */
export class PlanDeriveService {
  constructor(
    private readonly database: Database,
    private readonly plans: PlanRepository,
    private readonly org: OrgRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly planService: PlanService,
  ) {}

  /** "Xây dựng kế hoạch thực hiện": a draft plan of `unitId` derived from plan `parentId`. */
  async derive(
    actor: Actor,
    parentId: number,
    input: { unitId: number; reportLeadDays: number; implementDeadline?: string | null | undefined },
  ) {
    const parent = await this.planService.requirePlan(parentId);
    await this.access.assertCanSeePlanOf(actor, parent.unitId);
    await this.access.assertMayAct(actor, 'edit', input.unitId);
    const today = this.access.today();
    const unit = await this.org.unitAsOf(input.unitId, today);
    if (!unit) throw notFound('unit');
    const parentView = await this.planService.get(actor, parentId);
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
        ...planRowValues(content),
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
    return this.planService.get(actor, id);
  }
}
