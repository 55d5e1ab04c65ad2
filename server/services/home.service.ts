import type { THome, THomeMenu, THomePeriod } from '../../contracts/home.ts';
import type { TPlanSummary } from '../../contracts/plans.ts';
import { type HomeSection, homeSectionsFor, pagesFor } from '../../domain/access/pages.ts';
import { addDays } from '../../domain/dates.ts';
import { isSent } from '../../domain/reporting/report-states.ts';
import type { OrgRepository } from '../repositories/org.repository.ts';
import type { ReportingRepository } from '../repositories/reporting.repository.ts';
import type { AccessService } from './access.service.ts';
import type { Actor } from './actor.ts';
import type { CompletenessService } from './completeness.service.ts';
import type { DashboardService } from './dashboard.service.ts';
import type { PlanService } from './plan.service.ts';
import type { ReportReviewService } from './report-review.service.ts';
import type { ReportScheduleService } from './report-schedule.service.ts';

/** How far back a period still counts its late units, and how many periods a home reads. */
const LATE_LOOKBACK_DAYS = 365;
const DEADLINE_DAYS = 7;
const MAX_PERIODS = 12;
const SHORT_LIST = 8;
const MAX_PLANS = 12;

/**
 * Each role's first page: what its work is today, read through the services that own each rule
 * (reports due, the review queue, plans, completeness, the unit's dashboard), only the parts the
 * role and unit can use (`homeSectionsFor`, the access policy's pages).
 */
export class HomeService {
  constructor(
    private readonly org: OrgRepository,
    private readonly reporting: ReportingRepository,
    private readonly access: AccessService,
    private readonly schedules: ReportScheduleService,
    private readonly reviews: ReportReviewService,
    private readonly plans: PlanService,
    private readonly completeness: CompletenessService,
    private readonly dashboard: DashboardService,
  ) {}

  /** Whether the actor's home unit has units below it today (no home unit: the whole organisation). */
  async hasUnitsBelow(actor: Actor): Promise<boolean> {
    if (actor.homeUnitId === null || actor.homeUnitId <= 0) return true;
    return (await this.org.childCount(actor.homeUnitId, this.access.today())) > 0;
  }

  async menu(actor: Actor): Promise<THomeMenu> {
    this.access.assertRole(actor, 'viewer');
    const hasUnitsBelow = await this.hasUnitsBelow(actor);
    return { pages: pagesFor(actor.role, hasUnitsBelow), hasUnitsBelow };
  }

  async home(actor: Actor): Promise<THome> {
    this.access.assertRole(actor, 'viewer');
    const today = this.access.today();
    const home = actor.homeUnitId !== null && actor.homeUnitId > 0 ? actor.homeUnitId : null;
    const sections = homeSectionsFor(actor.role, await this.hasUnitsBelow(actor));
    const wants = (s: HomeSection) => sections.includes(s);
    const unitId = home ?? (await this.org.tree(today, null, 0))[0]?.id ?? null;
    const unit = unitId !== null ? await this.org.unitAsOf(unitId, today) : undefined;

    const due = wants('reportsDue') || wants('returned') ? await this.schedules.myDue(actor) : [];
    const review = wants('review')
      ? await this.reviews.reviewQueue(actor, { limit: 5, offset: 0 })
      : { items: [], total: 0 };
    const { toDerive, toIssue } = wants('plansToAct')
      ? await this.plansToAct(actor, home, today)
      : { toDerive: [], toIssue: [] };
    const periods =
      wants('lateUnits') || wants('deadlines') ? await this.periodsInScope(actor, home, today) : [];
    const plans =
      wants('plansProgress') && unitId !== null ? await this.plansProgress(actor, unitId, today) : [];

    return {
      unit: {
        unitId: unitId ?? 0,
        unitName: unit?.name ?? '',
        unitType: unit?.type ?? 'national',
      },
      asOf: today,
      sections,
      reportsDue: due.filter((d) => !isSent(d.status) && d.status !== 'returned').slice(0, SHORT_LIST),
      returned: due.filter((d) => d.status === 'returned'),
      review,
      plansToDerive: toDerive.slice(0, SHORT_LIST),
      plansToIssue: toIssue.slice(0, SHORT_LIST),
      lateUnits: wants('lateUnits') ? periods.filter((p) => p.dueOn < today && p.lateCount > 0) : [],
      deadlines: wants('deadlines') ? periods.filter((p) => p.dueOn >= today) : [],
      plans,
    };
  }

  /**
   * The unit's plans (its own, those received) and the issued, running plans of its units, at most
   * `MAX_PLANS`, the most off track first: a national leader sees the provinces' plans too.
   */
  private async plansProgress(actor: Actor, unitId: number, today: string) {
    const own = (await this.dashboard.unitDashboard(actor, unitId)).plans;
    const shown = new Set(own.map((p) => p.planId));
    const year = Number(today.slice(0, 4));
    const below = (await this.plans.list(actor, unitId))
      .filter(
        (p) =>
          !shown.has(p.id) &&
          p.unitId !== unitId &&
          p.status === 'issued' &&
          (p.yearTo === null || p.yearTo >= year),
      )
      .slice(0, Math.max(0, MAX_PLANS - own.length));
    const theirs = [];
    for (const p of below)
      theirs.push(
        await this.dashboard.planStatus(
          actor,
          { id: p.id, title: p.title, symbol: p.symbol, unit_id: p.unitId, unit_name: p.unitName },
          unitId,
        ),
      );
    const behind = (p: (typeof own)[number]) => (p.counts.off_track ?? 0) * 1000 + (p.counts.at_risk ?? 0);
    return [...own, ...theirs].sort((a, b) => behind(b) - behind(a));
  }

  /**
   * Plans received from above (issued, still running) with no implementing plan of the unit, and
   * drafts of the unit and its units waiting to be issued.
   */
  private async plansToAct(actor: Actor, home: number | null, today: string) {
    const all = await this.plans.list(actor);
    const above = new Set(home === null ? [] : (await this.org.ancestors(home, today)).map((a) => a.id));
    const year = Number(today.slice(0, 4));
    const derived = new Set(all.filter((p) => p.unitId === home).map((p) => p.parentPlanId));
    const running = (p: TPlanSummary) => p.yearTo === null || p.yearTo >= year;
    return {
      toDerive: all.filter(
        (p) => above.has(p.unitId) && p.status === 'issued' && running(p) && !derived.has(p.id),
      ),
      toIssue: all.filter((p) => !above.has(p.unitId) && p.status === 'draft' && !p.isDemo),
    };
  }

  /**
   * Periods of the plans the unit reports into (its own, those above it) or that its units hold,
   * due in the last year or within the week, each with its completeness below the unit.
   */
  private async periodsInScope(actor: Actor, home: number | null, today: string): Promise<THomePeriod[]> {
    const candidates = await this.reporting.periodsDueBetween(
      addDays(today, -LATE_LOOKBACK_DAYS),
      addDays(today, DEADLINE_DAYS),
    );
    const above = new Set(home === null ? [] : (await this.org.ancestors(home, today)).map((a) => a.id));
    const inScope: typeof candidates = [];
    // the nearest first: the week's deadlines, then the most recent past ones
    for (const period of [...candidates].sort((a, b) => b.dueOn.localeCompare(a.dueOn))) {
      if (inScope.length >= MAX_PERIODS) break;
      if (above.has(period.planUnitId) || (await this.access.canAccessUnit(actor, period.planUnitId)))
        inScope.push(period);
    }
    const result: THomePeriod[] = [];
    for (const period of inScope) {
      const root = home !== null && above.has(period.planUnitId) ? home : period.planUnitId;
      const view = await this.completeness.forPeriod(actor, period.periodId, root);
      result.push({
        periodId: period.periodId,
        periodLabel: view.period.label,
        periodKey: view.period.key,
        scheduleName: period.scheduleName,
        planId: period.planId,
        planTitle: period.planTitle,
        dueOn: period.dueOn,
        expected: view.total.expected,
        submitted: view.total.submitted,
        lateCount: view.lateCount,
        lateUnits: view.lateUnits.slice(0, 5),
      });
    }
    return result.sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  }
}
