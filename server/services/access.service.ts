import type { TRole } from '../../contracts/auth.ts';
import { todayInVietnam } from '../../domain/dates.ts';
import { accountChangeRefusal, roleAtLeast } from '../../domain/roles.ts';
import { AppError, forbidden, forbiddenUnit, notFound } from '../errors.ts';
import type { OrgRepository, UnitAccessRow } from '../repositories/org.repository.ts';
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
    return this.follows(
      homeUnitId,
      unitId,
      await this.org.unitAccess(homeUnitId, unitId, this.today()),
      hops,
    );
  }

  /** The rule from what SQL found; only a closed unit outside the subtree needs its successors. */
  private async follows(
    homeUnitId: number,
    unitId: number,
    found: UnitAccessRow | undefined,
    hops: number,
  ): Promise<boolean> {
    if (!found) return false;
    if (found.inSubtree) return true;
    if (found.validTo === null || hops >= 5) return false;
    const { successors } = await this.org.lineage(unitId);
    for (const successor of successors) {
      if (await this.reaches(homeUnitId, successor.unitId, hops + 1)) return true;
    }
    return false;
  }

  /** 404 when the unit does not exist, 403 when it lies outside the actor's organisation. */
  async assertUnitAccess(actor: Actor, unitId: number): Promise<void> {
    const found = await this.org.unitAccess(actor.homeUnitId, unitId, this.today());
    await this.assertUnitAccessFrom(actor, unitId, found);
  }

  /**
   * `assertUnitAccess` with the unit's access row already read by a larger statement
   * (`unitAccessCtes` / `unitAccessColumns` as of `today()`, for the actor's home unit).
   */
  async assertUnitAccessFrom(actor: Actor, unitId: number, found: UnitAccessRow | undefined): Promise<void> {
    if (!found) throw notFound('unit');
    if (actor.homeUnitId === null) return;
    if (!(await this.follows(actor.homeUnitId, unitId, found, 0))) throw forbiddenUnit();
  }

  /**
   * The account rule (`accountChangeRefusal`): the user's home unit in the actor's organisation,
   * no role above the actor's, and a fellow manager only of a unit strictly below the actor's own.
   */
  async assertAccountChange(actor: Actor, target: { role: TRole; homeUnitId: number }): Promise<void> {
    await this.assertUnitAccess(actor, target.homeUnitId);
    const refusal = accountChangeRefusal(actor.role, target.role, actor.homeUnitId === target.homeUnitId);
    if (refusal) throw new AppError(403, refusal, {}, refusal === 'role_too_high' ? 'role' : null);
  }
}
