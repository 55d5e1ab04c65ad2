import type { TActivity, TActivityDetail, TActivityInput, TActivityUpdate } from '../../contracts/rosters.ts';
import type { Database } from '../db/client.ts';
import { AppError, notFound, versionConflict } from '../errors.ts';
import { nounRef } from '../i18n/messages.ts';
import type { PlanRepository } from '../repositories/plan.repository.ts';
import type { ActivityRow, RosterRepository } from '../repositories/roster.repository.ts';
import type { AccessService } from './access.service.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import { toRosterPerson } from './roster.service.ts';

function toActivity(row: ActivityRow): TActivity {
  return {
    id: row.id,
    unitId: row.unitId,
    unitName: row.unitName,
    kind: row.kind as TActivity['kind'],
    title: row.title,
    heldOn: row.heldOn,
    planId: row.planId,
    taskId: row.taskId,
    attendeeCount: row.attendeeCount,
    publicCounts: row.publicCounts as TActivity['publicCounts'],
    note: row.note,
    version: row.version,
  };
}

/**
 * Activities (trainings, communication sessions, care for members' children…) of a unit, with the
 * roster people who attended (each once per activity: the same person id across sessions is one
 * person) and counts of the public. The list (no names) is for viewers; the attendees are a roster
 * read (officers and above, audited), and so is writing them.
 */
export class ActivityService {
  constructor(
    private readonly database: Database,
    private readonly rosters: RosterRepository,
    private readonly plans: PlanRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async list(
    actor: Actor,
    query: { unitId: number; kind?: string; from?: string; to?: string },
  ): Promise<TActivity[]> {
    await this.access.assertMayAct(actor, 'see', query.unitId);
    return (await this.rosters.activities(query.unitId, query, this.access.today())).map(toActivity);
  }

  async get(actor: Actor, id: number): Promise<TActivityDetail> {
    const row = await this.rosters.activity(id, this.access.today());
    if (!row) throw notFound('activity');
    await this.access.assertMayAct(actor, 'edit', row.unitId);
    const attendees = await this.rosters.peopleByIds(await this.rosters.attendeeIds(id), this.access.today());
    await this.audit.record(actor, 'roster.read', 'activity', id, null, { people: attendees.length });
    return { ...toActivity(row), attendees: attendees.map(toRosterPerson) };
  }

  async create(actor: Actor, input: TActivityInput): Promise<TActivityDetail> {
    await this.access.assertMayAct(actor, 'edit', input.unitId);
    await this.checkLinks(actor, input);
    const id = await this.database.transaction(async () => {
      const created = await this.rosters.insertActivity(this.rowOf(input, actor));
      await this.rosters.setAttendees(created, input.attendeeIds);
      await this.audit.record(actor, 'activity.create', 'activity', created, null, this.audited(input));
      return created;
    });
    return this.get(actor, id);
  }

  async update(actor: Actor, id: number, input: TActivityUpdate): Promise<TActivityDetail> {
    const before = await this.rosters.activity(id, this.access.today());
    if (!before) throw notFound('activity');
    await this.access.assertMayAct(actor, 'edit', before.unitId);
    if (input.unitId !== before.unitId) await this.access.assertMayAct(actor, 'edit', input.unitId);
    await this.checkLinks(actor, input);
    const attendeesBefore = await this.rosters.attendeeIds(id);
    await this.database.transaction(async () => {
      const { createdBy: _, ...values } = this.rowOf(input, actor);
      if (!(await this.rosters.updateActivity(id, input.version, values)))
        throw versionConflict({ version: before.version });
      await this.rosters.setAttendees(id, input.attendeeIds);
      await this.audit.record(
        actor,
        'activity.update',
        'activity',
        id,
        { ...this.audited({ ...toActivity(before), attendeeIds: attendeesBefore }) },
        this.audited(input),
      );
    });
    return this.get(actor, id);
  }

  async remove(actor: Actor, id: number, version: number): Promise<void> {
    const before = await this.rosters.activity(id, this.access.today());
    if (!before) throw notFound('activity');
    await this.access.assertMayAct(actor, 'edit', before.unitId);
    await this.database.transaction(async () => {
      if (!(await this.rosters.deleteActivity(id, version)))
        throw versionConflict({ version: before.version });
      await this.audit.record(
        actor,
        'activity.delete',
        'activity',
        id,
        this.audited({ ...toActivity(before), attendeeIds: [] }),
        null,
      );
    });
  }

  /** The plan visible to the actor, the task one of its tasks, every attendee on a roster the actor may write. */
  private async checkLinks(actor: Actor, input: TActivityInput): Promise<void> {
    if (input.taskId !== null && input.planId === null)
      throw new AppError(
        400,
        'validation',
        { field: 'taskId', detail: nounRef('task_not_in_plan') },
        'taskId',
      );
    if (input.planId !== null) {
      const plan = await this.plans.find(input.planId);
      if (!plan) throw notFound('plan');
      await this.access.assertCanSeePlanOf(actor, plan.unitId);
      if (input.taskId !== null) {
        const { tasks } = await this.plans.children(input.planId);
        if (!tasks.some((t) => t.id === input.taskId))
          throw new AppError(
            400,
            'validation',
            { field: 'taskId', detail: nounRef('task_not_in_plan') },
            'taskId',
          );
      }
    }
    const ids = [...new Set(input.attendeeIds)];
    const people = await this.rosters.peopleByIds(ids, this.access.today());
    if (people.length !== ids.length)
      throw new AppError(
        400,
        'validation',
        { field: 'attendeeIds', detail: nounRef('attendee_unknown') },
        'attendeeIds',
      );
    for (const unitId of new Set(people.map((p) => p.unitId)))
      await this.access.assertMayAct(actor, 'edit', unitId);
  }

  private rowOf(input: TActivityInput, actor: Actor) {
    return {
      unitId: input.unitId,
      kind: input.kind,
      title: input.title,
      heldOn: input.heldOn,
      planId: input.planId,
      taskId: input.taskId,
      publicCounts: input.publicCounts,
      note: input.note || null,
      createdBy: actor.userId,
    };
  }

  /** What the audit keeps: the activity and the ids of who attended (no names). */
  private audited(a: Omit<TActivityInput, 'attendeeIds'> & { attendeeIds: readonly number[] }) {
    return {
      unitId: a.unitId,
      kind: a.kind,
      title: a.title,
      heldOn: a.heldOn,
      planId: a.planId,
      taskId: a.taskId,
      publicCounts: a.publicCounts,
      attendeeIds: [...new Set(a.attendeeIds)].sort((x, y) => x - y),
    };
  }
}
