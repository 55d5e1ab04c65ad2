import type { TCompliance, TTaskStatus } from '../../contracts/plans.ts';
import { renderComplianceXlsx } from '../../documents/render/compliance.xlsx.ts';
import { complianceState, implementationDeadline } from '../../domain/plans/compliance.ts';
import { paperFileName } from '../../domain/plans/paper-file-name.ts';
import { daysLate, effectiveTaskStatus } from '../../domain/plans/task-board.ts';
import type { OrgRepository } from '../repositories/org.repository.ts';
import type { PlanRepository } from '../repositories/plan.repository.ts';
import type { AccessService } from './access.service.ts';
import type { Actor } from './actor.ts';
import type { PlanService } from './plan.service.ts';

/** Compliance with a plan: which units in scope issued their implementing plan, which tasks are late. */
export class PlanComplianceService {
  constructor(
    private readonly plans: PlanRepository,
    private readonly org: OrgRepository,
    private readonly access: AccessService,
    private readonly planService: PlanService,
  ) {}

  /** Which units in scope have issued their implementing plan, and who is late. */
  async compliance(actor: Actor, id: number): Promise<TCompliance> {
    const plan = await this.planService.requirePlan(id);
    await this.access.assertCanSeePlanOf(actor, plan.unitId);
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
    const plan = await this.planService.get(actor, id);
    const label = plan.symbol ? `Kế hoạch số ${plan.symbol}` : plan.title;
    return {
      data: await renderComplianceXlsx(label, compliance),
      fileName: paperFileName({
        what: 'Tình hình ban hành kế hoạch',
        symbol: plan.symbol,
        issuer: plan.issuerName ?? plan.unitName,
        instead: String(id),
        extension: 'xlsx',
      }),
    };
  }
}
