import type { TOrgTree, TOrgUnitAsOf, TOrgUnitDetail, TUnitType } from '../../contracts/org.ts';
import { formatDateVi, toIsoTimestamp } from '../../domain/dates.ts';
import { searchTerms } from '../../domain/fold-text.ts';
import { notFound } from '../errors.ts';
import type { AncestryChain, OrgRepository, OrgUnitRow } from '../repositories/org.repository.ts';
import type { AccessService } from './access.service.ts';
import type { Actor } from './actor.ts';

/** The organisation read as of a date: the tree, a unit with its history and lineage, search. Changes: `OrgChangeService`. */
/**
 * The lines that name cycles stored in the tree (before the rule, or by hand) and their repair:
 * what `tiendo org check` prints and what every start logs (issue 18, build item 1).
 */
export function storedCycleLines(cycles: readonly AncestryChain[]): string[] {
  if (cycles.length === 0) return [];
  return [
    ...cycles.map((cycle) => {
      const days = `${formatDateVi(cycle.from)}–${cycle.to ? formatDateVi(cycle.to) : 'nay'}`;
      const chain = cycle.units.map((u) => `${u.name} [${u.code}, id ${u.id}]`).join(' → ');
      return `Vòng lặp ${days}: ${chain}`;
    }),
    `Có ${cycles.length} vòng lặp. Sửa: quản trị viên chuyển một đơn vị trong vòng sang đơn vị cấp trên đúng từ ngày đầu của vòng (Cơ cấu tổ chức → Chuyển cấp trên, hoặc POST /api/org/units/{id}/move).`,
  ];
}

export class OrgService {
  constructor(
    private readonly org: OrgRepository,
    private readonly access: AccessService,
  ) {}

  // ----- queries -------------------------------------------------------------------------

  async tree(
    actor: Actor,
    date: string | undefined,
    rootId: number | undefined,
    maxDepth?: number,
  ): Promise<TOrgTree> {
    const asOf = date ?? this.access.today();
    const root = rootId ?? actor.homeUnitId;
    if (root !== null) await this.access.assertUnitAccess(actor, root);
    const units = await this.org.tree(asOf, root, maxDepth ?? null);
    return { date: asOf, units };
  }

  async detail(actor: Actor, unitId: number, date?: string): Promise<TOrgUnitDetail> {
    await this.access.assertUnitAccess(actor, unitId);
    return this.buildDetail(unitId, date);
  }

  async search(
    actor: Actor,
    query: string,
    date: string | undefined,
    limit: number,
  ): Promise<TOrgUnitAsOf[]> {
    const asOf = date ?? this.access.today();
    const found = await this.org.search(searchTerms(query), asOf, Math.min(100, limit * 3));
    const visible: TOrgUnitAsOf[] = [];
    for (const unit of found) {
      if (visible.length >= limit) break;
      if (await this.access.canAccessUnit(actor, unit.id)) visible.push(unit);
    }
    return visible;
  }

  /**
   * Cycles stored in the tree (made before they were refused, or by hand), at most `limit`: each a
   * chain from a unit up to itself and the days it holds. The administrator repairs one by moving
   * a unit of the chain to its right parent from the chain's first day (`move` works on such units).
   */
  async storedCycles(actor: Actor, limit = 100): Promise<AncestryChain[]> {
    this.access.assertRole(actor, 'admin');
    return this.org.storedCycles(limit);
  }

  /**
   * At every start: cycles already stored are named in the log with their repair (no request finds
   * them otherwise — the tree's walks stop at them). The number found, at most `limit`.
   */
  async logStoredCycles(log: (line: string) => void, limit = 10): Promise<number> {
    const cycles = await this.org.storedCycles(limit);
    for (const line of storedCycleLines(cycles)) log(line);
    return cycles.length;
  }

  /** The unit as it stands on `date` (today by default), with its history; no access check. */
  async buildDetail(unitId: number, date?: string): Promise<TOrgUnitDetail> {
    const unit = await this.requireUnit(unitId);
    const today = this.access.today();
    // A closed unit is shown as it stood on its last day.
    const asOf = date ?? (unit.validTo !== null && unit.validTo < today ? unit.validTo : today);
    const [asOfRow, names, parents, ancestors, childCount, lineage, events] = await Promise.all([
      this.org.unitAsOf(unitId, asOf),
      this.org.nameSpans(unitId),
      this.org.parentSpans(unitId),
      this.org.ancestors(unitId, asOf),
      this.org.childCount(unitId, asOf),
      this.org.lineage(unitId),
      this.org.events(unitId),
    ]);
    const lastName = names[names.length - 1];
    return {
      id: unit.id,
      code: unit.code,
      name: asOfRow?.name ?? lastName?.name ?? unit.code,
      shortName: asOfRow?.shortName ?? lastName?.shortName ?? null,
      type: unit.type as TUnitType,
      validFrom: unit.validFrom,
      validTo: unit.validTo,
      isDemo: unit.isDemo,
      version: unit.version,
      asOf,
      names: names.map((n) => ({
        name: n.name,
        shortName: n.shortName,
        validFrom: n.validFrom,
        validTo: n.validTo,
      })),
      parents: parents.map((p) => ({
        parentId: p.parent_id,
        parentName: p.parent_name,
        validFrom: p.valid_from,
        validTo: p.valid_to,
      })),
      ancestors,
      childCount,
      predecessors: lineage.predecessors,
      successors: lineage.successors,
      events: events.map((e) => ({
        id: e.id,
        kind: e.kind as TOrgUnitDetail['events'][number]['kind'],
        effectiveDate: e.effective_date,
        note: e.note,
        createdAt: toIsoTimestamp(e.created_at),
      })),
    };
  }

  /** The unit, or 404. */
  async requireUnit(unitId: number): Promise<OrgUnitRow> {
    const unit = await this.org.findUnit(unitId);
    if (!unit) throw notFound('unit');
    return unit;
  }
}
