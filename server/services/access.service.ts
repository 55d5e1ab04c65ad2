import type { TRole } from '../../contracts/auth.ts';
import {
  accessStep,
  planVisible,
  reviewsFromAbove,
  roleAllows,
  type TUnitAction,
  type UnitPlace,
} from '../../domain/access/unit-access.ts';
import { todayInVietnam } from '../../domain/dates.ts';
import { accountChangeRefusal, roleAtLeast } from '../../domain/roles.ts';
import { AppError, forbidden, forbiddenUnit, notFound } from '../errors.ts';
import type { NounKey } from '../i18n/messages.ts';
import type { OrgRepository } from '../repositories/org.repository.ts';
import type { Actor } from './actor.ts';

/**
 * The one place that answers "may this user see or change this unit's things": the policy of
 * `domain/access/unit-access.ts` (home unit and below; a closed unit through its successors; the
 * least role per action) taken step by step over what SQL finds (`OrgRepository.unitAccess`, or
 * the `sql/unit-access.ts` columns a larger statement already read). Services ask here and decide
 * nothing about access themselves.
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

  /** The rule's steps from what SQL found (`accessStep`); only a closed unit outside the subtree goes on. */
  private async follows(
    homeUnitId: number,
    unitId: number,
    found: UnitPlace | undefined,
    hops: number,
  ): Promise<boolean> {
    const step = accessStep(found, hops);
    if (step !== 'successors') return step === 'granted';
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
  async assertUnitAccessFrom(actor: Actor, unitId: number, found: UnitPlace | undefined): Promise<void> {
    if (!found) throw notFound('unit');
    if (actor.homeUnitId === null) return;
    if (!(await this.follows(actor.homeUnitId, unitId, found, 0))) throw forbiddenUnit();
  }

  /**
   * For a thing addressed by an id the caller may not know exists (a report, its attachments):
   * out of the actor's reach reads as missing — 404, as for an id never given — so ids cannot be
   * probed for existence (issue 18, break 12). `found` is the unit's access row when a larger
   * statement already read it.
   */
  async assertKnownTo(
    actor: Actor,
    what: NounKey,
    unitId: number,
    found?: UnitPlace | undefined,
  ): Promise<void> {
    const place = found ?? (await this.org.unitAccess(actor.homeUnitId, unitId, this.today()));
    if (!place) throw notFound(what);
    if (actor.homeUnitId === null) return;
    if (!(await this.follows(actor.homeUnitId, unitId, place, 0))) throw notFound(what);
  }

  /** The actor's role is at least the one `action` asks (`ACTION_MINIMUM`); 403 when not. */
  assertActionRole(actor: Actor, action: TUnitAction): void {
    if (!roleAllows(actor.role, action)) throw forbidden();
  }

  /** The actor may take `action` on the unit's things: the role it asks (403), then the unit (404/403). */
  async assertMayAct(actor: Actor, action: TUnitAction, unitId: number): Promise<void> {
    this.assertActionRole(actor, action);
    await this.assertUnitAccess(actor, unitId);
  }

  /** A plan of `planUnitId` is visible to the actor: their organisation's, or received from above. */
  async canSeePlanOf(actor: Actor, planUnitId: number): Promise<boolean> {
    const reachable = await this.canAccessUnit(actor, planUnitId);
    const home = actor.homeUnitId;
    // the ancestors are read only when the rule alone does not already answer
    const above = reachable || home === null || home <= 0 ? [] : await this.org.ancestors(home, this.today());
    return planVisible(
      reachable,
      planUnitId,
      above.map((a) => a.id),
    );
  }

  /** `canSeePlanOf`, refused with 403 `forbidden_unit`. */
  async assertCanSeePlanOf(actor: Actor, planUnitId: number): Promise<void> {
    if (!(await this.canSeePlanOf(actor, planUnitId))) throw forbiddenUnit();
  }

  /**
   * The level above reviews (returns, approves, unlocks a report): the report's unit within reach
   * (`found` read with it; 404/403) and not the actor's own unit (403). The role each move asks is
   * the report state machine's, checked before.
   */
  async assertReviewsFromAbove(actor: Actor, unitId: number, found: UnitPlace | undefined): Promise<void> {
    await this.assertUnitAccessFrom(actor, unitId, found);
    if (!reviewsFromAbove(actor.homeUnitId, unitId)) throw forbidden();
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
