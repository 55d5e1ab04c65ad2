import type { TRole } from '../../contracts/auth.ts';
import { todayInVietnam } from '../../domain/dates.ts';
import { roleAtLeast } from '../../domain/roles.ts';
import { forbidden, forbiddenUnit, notFound } from '../errors.ts';
import type { OrgRepository } from '../repositories/org.repository.ts';
import type { Actor } from './actor.ts';

/**
 * Access rule: a user acts on their home unit and everything below it. A unit that no longer
 * exists belongs to whoever holds it on its last day, or holds one of its successors (so a
 * province that took over merged provinces sees their history).
 */
export class AccessService {
  constructor(
    private readonly org: OrgRepository,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  now(): Date {
    return this.clock();
  }

  today(): string {
    return todayInVietnam(this.clock());
  }

  assertRole(actor: Actor, minimum: TRole): void {
    if (!roleAtLeast(actor.role, minimum)) throw forbidden();
  }

  async canAccessUnit(actor: Actor, unitId: number): Promise<boolean> {
    if (actor.homeUnitId === null) return true;
    return this.reaches(actor.homeUnitId, unitId, 0);
  }

  private async reaches(homeUnitId: number, unitId: number, hops: number): Promise<boolean> {
    const unit = await this.org.findUnit(unitId);
    if (!unit) return false;
    const today = this.today();
    const date = unit.validTo !== null && unit.validTo < today ? unit.validTo : today;
    if (await this.org.isInSubtree(homeUnitId, unitId, date)) return true;
    if (unit.validTo === null || hops >= 5) return false;
    const { successors } = await this.org.lineage(unitId);
    for (const successor of successors) {
      if (await this.reaches(homeUnitId, successor.unitId, hops + 1)) return true;
    }
    return false;
  }

  /** 404 when the unit does not exist, 403 when it lies outside the actor's organisation. */
  async assertUnitAccess(actor: Actor, unitId: number): Promise<void> {
    const unit = await this.org.findUnit(unitId);
    if (!unit) throw notFound('unit');
    if (!(await this.canAccessUnit(actor, unitId))) throw forbiddenUnit();
  }
}
