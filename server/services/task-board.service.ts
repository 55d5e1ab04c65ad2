import type { TTaskBoard, TTaskStatus } from '../../contracts/plans.ts';
import { roleAllows } from '../../domain/access/unit-access.ts';
import { implementationDeadline } from '../../domain/plans/compliance.ts';
import {
  assignmentStatus,
  compareBoardItems,
  daysLate,
  effectiveTaskStatus,
  filterBoard,
} from '../../domain/plans/task-board.ts';
import type { OrgRepository } from '../repositories/org.repository.ts';
import type { TaskBoardRepository } from '../repositories/task-board.repository.ts';
import type { AccessService } from './access.service.ts';
import { type Actor, ownUnitOf } from './actor.ts';
import { readCooperating } from './plan-content.ts';

/** Rows a task board returns at most (the total is counted in full). */
const TASK_BOARD_LIMIT = 500;

/** The task board: the work issued plans give a unit and the units below it. */
export class TaskBoardService {
  constructor(
    private readonly board: TaskBoardRepository,
    private readonly org: OrgRepository,
    private readonly access: AccessService,
  ) {}

  /**
   * "Bảng công việc": tasks of issued plans that a unit or a unit below it leads or cooperates
   * on, and the assignments those plans give them. A unit sees only its own subtree.
   */
  async read(
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
    this.access.assertActionRole(actor, 'see');
    const today = this.access.today();
    const home = ownUnitOf(actor);
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
    const canWrite = roleAllows(actor.role, 'edit');
    const planWritable = new Map<number, boolean>();
    const canReportFor = async (planUnitId: number): Promise<boolean> => {
      if (!canWrite) return false;
      if (!planWritable.has(planUnitId))
        planWritable.set(planUnitId, await this.access.canAccessUnit(actor, planUnitId));
      return planWritable.get(planUnitId)!;
    };

    type Item = TTaskBoard['items'][number] & { order: number };
    const items: Item[] = [];
    for (const t of await this.board.boardTasks(ids)) {
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

    const assignments = await this.board.boardAssignments(
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
    for (const c of await this.board.childPlansOf(
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
}
