import type { TOrgUnitDetail, TUnitCreate, TUnitMerge, TUnitSplit, TUnitType } from '../../contracts/org.ts';
import { addDays, formatDateVi, isWithin } from '../../domain/dates.ts';
import type { Database } from '../db/client.ts';
import { AppError, versionConflict } from '../errors.ts';
import { nounRef } from '../i18n/messages.ts';
import type { AncestryChain, OrgRepository, OrgUnitRow } from '../repositories/org.repository.ts';
import type { OrgChangeRepository, SpanTable } from '../repositories/org-change.repository.ts';
import type { AccessService } from './access.service.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import type { OrgService } from './org.service.ts';

/** The `chain` and `date` of a cycle message: the units from the lower one up, and the first day. */
function chainParams(chain: AncestryChain): { chain: string; date: string } {
  return { chain: chain.units.map((u) => u.name).join(' → '), date: formatDateVi(chain.from) };
}

interface NewUnit {
  code: string;
  name: string;
  shortName?: string | null | undefined;
  type: TUnitType;
  parentId: number | null;
}

/**
 * Changes to the organisation: create, rename, move, close, merge, split. Every change has an
 * effective date, keeps lineage, refuses cycles and tells the roll-ups the tree changed.
 */
export class OrgChangeService {
  constructor(
    private readonly database: Database,
    private readonly org: OrgRepository,
    private readonly writes: OrgChangeRepository,
    private readonly units: OrgService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    /**
     * Called inside the transaction of every change to the tree (a unit created, moved, closed,
     * merged or split), with the day it takes effect: roll-ups of the periods ending on or after
     * it are queued for a rebuild.
     */
    private readonly onStructureChange: (
      effectiveDate: string,
      reason: string,
    ) => Promise<unknown> = async () => undefined,
  ) {}

  /** Tells the roll-ups that the tree changed from `effectiveDate` on (inside the caller's transaction). */
  structureChanged(effectiveDate: string, reason: string): Promise<unknown> {
    return this.onStructureChange(effectiveDate, reason);
  }

  async create(actor: Actor, input: TUnitCreate & { isDemo?: boolean }): Promise<TOrgUnitDetail> {
    this.access.assertActionRole(actor, 'manage');
    if (input.parentId !== null) await this.access.assertUnitAccess(actor, input.parentId);
    else if (actor.homeUnitId !== null) this.access.assertRole(actor, 'admin');
    const id = await this.database.transaction(async () => {
      const unitId = await this.insertNewUnit(input, input.effectiveDate, input.isDemo ?? false);
      const eventId = await this.writes.insertEvent('create', input.effectiveDate, null, actor.userId);
      await this.writes.linkEventUnit(eventId, unitId, 'created');
      await this.structureChanged(input.effectiveDate, 'org.create');
      await this.audit.record(actor, 'org.create', 'org_unit', unitId, null, input);
      return unitId;
    });
    return this.units.buildDetail(id);
  }

  async rename(
    actor: Actor,
    unitId: number,
    input: { name: string; shortName?: string | null | undefined; effectiveDate: string; version: number },
  ): Promise<TOrgUnitDetail> {
    await this.access.assertMayAct(actor, 'manage', unitId);
    await this.database.transaction(async () => {
      const unit = await this.lockVersion(unitId, input.version);
      this.assertValidOn(unit, input.effectiveDate);
      const before = await this.org.nameSpans(unitId);
      const span = before.find((s) => isWithin(input.effectiveDate, s.validFrom, s.validTo));
      if (!span)
        throw new AppError(
          400,
          'org_not_valid_on',
          { name: unit.code, date: input.effectiveDate },
          'effectiveDate',
        );
      await this.replaceSpanFrom('names', span, input.effectiveDate);
      await this.writes.insertName(
        unitId,
        input.name,
        input.shortName ?? null,
        input.effectiveDate,
        span.validTo,
      );
      const eventId = await this.writes.insertEvent('rename', input.effectiveDate, null, actor.userId);
      await this.writes.linkEventUnit(eventId, unitId, 'renamed');
      await this.audit.record(actor, 'org.rename', 'org_unit', unitId, { names: before }, input);
    });
    return this.units.buildDetail(unitId);
  }

  async move(
    actor: Actor,
    unitId: number,
    input: { parentId: number; effectiveDate: string; version: number },
  ) {
    await this.access.assertMayAct(actor, 'manage', unitId);
    await this.access.assertUnitAccess(actor, input.parentId);
    await this.database.transaction(async () => {
      await this.writes.lockTree();
      const unit = await this.lockVersion(unitId, input.version);
      this.assertValidOn(unit, input.effectiveDate);
      const parent = await this.units.requireUnit(input.parentId);
      this.assertValidOn(parent, input.effectiveDate, 'parentId');
      const before = await this.org.parentSpans(unitId);
      await this.moveOn(unitId, input.parentId, input.effectiveDate, 'parentId');
      const eventId = await this.writes.insertEvent('move', input.effectiveDate, null, actor.userId);
      await this.writes.linkEventUnit(eventId, unitId, 'moved');
      await this.writes.linkEventUnit(eventId, input.parentId, 'new_parent');
      await this.structureChanged(input.effectiveDate, 'org.move');
      await this.audit.record(actor, 'org.move', 'org_unit', unitId, { parents: before }, input);
    });
    return this.units.buildDetail(unitId);
  }

  async close(
    actor: Actor,
    unitId: number,
    input: { effectiveDate: string; version: number; note?: string | undefined },
  ) {
    await this.access.assertMayAct(actor, 'manage', unitId);
    await this.database.transaction(async () => {
      const unit = await this.lockVersion(unitId, input.version);
      this.assertValidOn(unit, input.effectiveDate);
      if (input.effectiveDate <= unit.validFrom) {
        throw new AppError(400, 'org_date_order', { from: unit.validFrom }, 'effectiveDate');
      }
      const children = await this.org.childrenOn(unitId, input.effectiveDate);
      if (children.length > 0) {
        throw new AppError(400, 'org_close_has_children', { count: children.length }, 'effectiveDate');
      }
      await this.writes.closeUnit(unitId, addDays(input.effectiveDate, -1));
      const eventId = await this.writes.insertEvent(
        'close',
        input.effectiveDate,
        input.note ?? null,
        actor.userId,
      );
      await this.writes.linkEventUnit(eventId, unitId, 'closed');
      await this.structureChanged(input.effectiveDate, 'org.close');
      await this.audit.record(actor, 'org.close', 'org_unit', unitId, unit, input);
    });
    return this.units.buildDetail(unitId);
  }

  /** N → 1: the sources end the day before; their units move to the result; lineage kept. */
  async merge(actor: Actor, input: TUnitMerge & { isDemo?: boolean }): Promise<TOrgUnitDetail> {
    this.access.assertActionRole(actor, 'manage');
    for (const id of input.sourceIds) await this.access.assertUnitAccess(actor, id);
    if (input.into?.parentId) await this.access.assertUnitAccess(actor, input.into.parentId);
    if (input.intoId) await this.access.assertUnitAccess(actor, input.intoId);
    const resultId = await this.database.transaction(async () => {
      await this.writes.lockTree();
      const date = input.effectiveDate;
      const sources: OrgUnitRow[] = [];
      for (const [index, id] of input.sourceIds.entries()) {
        const unit = await this.units.requireUnit(id);
        this.assertValidOn(unit, date, `sourceIds.${index}`);
        sources.push(unit);
      }
      if (!input.into) this.assertValidOn(await this.units.requireUnit(input.intoId!), date, 'intoId');
      // The result may not lie below a unit that ends: it would hang under a closed unit, or
      // (with the units moved to it) under itself.
      const below = input.into ? input.into.parentId : input.intoId!;
      for (const source of sources) {
        if (below === null || source.id === input.intoId) continue;
        const chain = await this.org.chainUp(below, source.id, date, null);
        if (!chain) continue;
        const target = input.into ? input.into.name : chain.units[0]!.name;
        throw new AppError(
          409,
          'org_merge_into_descendant',
          { source: chain.units.at(-1)!.name, target, ...chainParams(chain) },
          input.into ? 'into.parentId' : 'intoId',
        );
      }
      const targetId = input.into
        ? await this.insertNewUnit(input.into, date, input.isDemo ?? false)
        : input.intoId!;
      const eventId = await this.writes.insertEvent('merge', date, input.note ?? null, actor.userId);
      await this.writes.linkEventUnit(eventId, targetId, 'successor');
      for (const source of sources) {
        if (source.id === targetId) continue;
        if (input.moveChildren) {
          for (const child of await this.org.childrenOn(source.id, date)) {
            await this.moveOn(child, targetId, date, input.into ? 'into.parentId' : 'intoId');
            await this.writes.linkEventUnit(eventId, child, 'moved');
          }
        }
        await this.writes.closeUnit(source.id, addDays(date, -1));
        await this.writes.bumpVersion(source.id, null);
        await this.writes.insertLineage(eventId, source.id, targetId, 'merge', date);
        await this.writes.linkEventUnit(eventId, source.id, 'predecessor');
      }
      await this.structureChanged(date, 'org.merge');
      await this.audit.record(actor, 'org.merge', 'org_unit', targetId, { sources }, input);
      return targetId;
    });
    return this.units.buildDetail(resultId);
  }

  /** 1 → N: the source ends the day before; its own units go to the first successor. */
  async split(
    actor: Actor,
    unitId: number,
    input: TUnitSplit & { isDemo?: boolean },
  ): Promise<TOrgUnitDetail[]> {
    await this.access.assertMayAct(actor, 'manage', unitId);
    for (const successor of input.successors) {
      if (successor.parentId !== null) await this.access.assertUnitAccess(actor, successor.parentId);
    }
    const ids = await this.database.transaction(async () => {
      await this.writes.lockTree();
      const date = input.effectiveDate;
      const unit = await this.lockVersion(unitId, input.version);
      this.assertValidOn(unit, date);
      // A successor may not hang below the unit it replaces (which ends, its units moving on).
      for (const [index, successor] of input.successors.entries()) {
        if (successor.parentId === null) continue;
        const chain = await this.org.chainUp(successor.parentId, unitId, date, null);
        if (!chain) continue;
        throw new AppError(
          409,
          'org_split_under_source',
          { source: chain.units.at(-1)!.name, successor: successor.name, ...chainParams(chain) },
          `successors.${index}.parentId`,
        );
      }
      const eventId = await this.writes.insertEvent('split', date, input.note ?? null, actor.userId);
      await this.writes.linkEventUnit(eventId, unitId, 'predecessor');
      const created: number[] = [];
      for (const successor of input.successors) {
        const id = await this.insertNewUnit(successor, date, input.isDemo ?? unit.isDemo);
        await this.writes.insertLineage(eventId, unitId, id, 'split', date);
        await this.writes.linkEventUnit(eventId, id, 'successor');
        created.push(id);
      }
      for (const child of await this.org.childrenOn(unitId, date)) {
        await this.moveOn(child, created[0]!, date, 'successors.0.parentId');
        await this.writes.linkEventUnit(eventId, child, 'moved');
      }
      await this.writes.closeUnit(unitId, addDays(date, -1));
      await this.structureChanged(date, 'org.split');
      await this.audit.record(actor, 'org.split', 'org_unit', unitId, unit, input);
      return created;
    });
    return Promise.all(ids.map((id) => this.units.buildDetail(id)));
  }

  // ----- helpers -------------------------------------------------------------------------

  /** Creates a unit with its first name and parent spans (inside the caller's transaction). */
  async insertNewUnit(input: NewUnit, validFrom: string, isDemo: boolean): Promise<number> {
    if (await this.org.findUnitByCode(input.code)) {
      throw new AppError(409, 'duplicate', { field: nounRef('code'), value: input.code }, 'code');
    }
    if (input.parentId !== null) {
      this.assertValidOn(await this.units.requireUnit(input.parentId), validFrom, 'parentId');
    }
    const unitId = await this.writes.insertUnit({ code: input.code, type: input.type, validFrom, isDemo });
    await this.writes.insertName(unitId, input.name, input.shortName ?? null, validFrom);
    await this.writes.insertParent(unitId, input.parentId, validFrom);
    return unitId;
  }

  /**
   * Gives `unitId` a new parent from `date` on, keeping the earlier parent spans. Every parent
   * link a change writes for an existing unit goes through here, and so through the cycle rule:
   * refused (409, the units named, `field`) when on any day the new link covers, `parentId` is
   * `unitId` or lies below it. Call under `OrgChangeRepository.lockTree`.
   */
  private async moveOn(unitId: number, parentId: number, date: string, field: string): Promise<void> {
    const spans = await this.org.parentSpans(unitId);
    const span = spans.find((s) => isWithin(date, s.valid_from, s.valid_to));
    const chain = await this.org.chainUp(parentId, unitId, date, span ? span.valid_to : null);
    if (chain) {
      throw new AppError(
        409,
        'org_cycle',
        { unit: chain.units.at(-1)!.name, parent: chain.units[0]!.name, ...chainParams(chain) },
        field,
      );
    }
    if (!span) {
      await this.writes.insertParent(unitId, parentId, date);
      return;
    }
    await this.replaceSpanFrom('parents', { id: span.id, validFrom: span.valid_from }, date);
    await this.writes.insertParent(unitId, parentId, date, span.valid_to);
  }

  /** Ends a span the day before `date`, or removes it when it starts on `date` itself. */
  private async replaceSpanFrom(table: SpanTable, span: { id: number; validFrom: string }, date: string) {
    if (span.validFrom === date) await this.writes.deleteSpan(table, span.id);
    else await this.writes.endSpan(table, span.id, addDays(date, -1));
  }

  private async lockVersion(unitId: number, version: number): Promise<OrgUnitRow> {
    const unit = await this.units.requireUnit(unitId);
    if (!(await this.writes.bumpVersion(unitId, version))) throw versionConflict({ version: unit.version });
    return unit;
  }

  private assertValidOn(unit: OrgUnitRow, date: string, field = 'effectiveDate') {
    if (!isWithin(date, unit.validFrom, unit.validTo)) {
      throw new AppError(400, 'org_not_valid_on', { name: unit.code, date }, field);
    }
  }
}
