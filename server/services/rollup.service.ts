import {
  type Entry,
  entryFromStored,
  type Indicator,
  indicatorFromStored,
  normalizeEntry,
  type StoredIndicator,
} from '../../domain/rollup/indicator.ts';
import type { Database } from '../db/client.ts';
import { notFound } from '../errors.ts';
import type { ReportRow } from '../repositories/reporting.repository.ts';
import type { PeriodScopeRow, ReportingScope, RollupRepository } from '../repositories/rollup.repository.ts';
import type { RollupPeriodRepository } from '../repositories/rollup-period.repository.ts';
import type { AccessService } from './access.service.ts';
import { type Actor, SYSTEM_ACTOR } from './actor.ts';
import type { AuditService } from './audit.service.ts';

export function scopeOf(row: PeriodScopeRow): ReportingScope {
  return { planUnitId: row.plan_unit_id, unitTypes: row.unit_types ?? [], date: row.ends_on };
}

/** Whether a unit is expected to report (the test of `ReportScheduleService.unitsInScope`). */
export function isExpected(
  unit: { id: number; type: string; parentId: number | null },
  scope: ReportingScope,
): boolean {
  if (unit.id === scope.planUnitId) return false;
  return scope.unitTypes.length === 0
    ? unit.parentId === scope.planUnitId
    : scope.unitTypes.includes(unit.type);
}

/** The domain's rules of a stored indicator row. */
export function indicatorOf(row: {
  kind: string;
  aggregation: string;
  disaggregation: string;
  threshold: number;
}): Indicator {
  return indicatorFromStored({
    kind: row.kind as StoredIndicator['kind'],
    aggregation: row.aggregation as StoredIndicator['aggregation'],
    disaggregation: row.disaggregation as StoredIndicator['disaggregation'],
    threshold: row.threshold,
  });
}

/**
 * A unit's stored rows of one indicator as a validated entry; null when there is nothing to roll
 * up. Approved values were checked on submission; a row that still does not pass is left out, as
 * the rebuild leaves it out.
 */
export function entryOf(
  indicator: Indicator,
  values: readonly { category: string; numerator: number | null; denominator: number | null }[],
): Entry | null {
  const normalised = normalizeEntry(indicator, entryFromStored(indicator, values));
  return normalised.ok ? normalised.entry : null;
}

/**
 * Live roll-ups. Each period keeps a snapshot of the plan unit's tree as it stood at the period's
 * end (`rollup_units`: ancestors, expected units). On approval (and unlock) of a report, its
 * values are added to the roll-up rows of the unit and of its ancestors in that snapshot — one
 * statement. `rebuild` takes the snapshot again and recomputes the period from scratch; an
 * organisation change effective on or before a built period's end queues one (`runQueued`, run
 * by the server every few seconds and by `tiendo rollup rebuild --queued`).
 */
export class RollupService {
  constructor(
    private readonly database: Database,
    private readonly rollups: RollupRepository,
    private readonly periods: RollupPeriodRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  /**
   * Periods this process has seen built. A built period stays built: an organisation change
   * queues a rebuild of it rather than undoing it. Bounded: forgotten wholesale past 100,000.
   */
  private readonly seenBuilt = new Set<number>();
  /** Builds under way in this process (`prepare`), by period. */
  private readonly preparing = new Map<number, Promise<void>>();

  /**
   * A report was submitted: the period's roll-ups are built now, in the background, if they are
   * not yet. Its first approval then takes the one-statement path instead of building them while
   * the period's other approvals wait (the tail of `npm run bench -- load`). Returns at once; a
   * failure is logged and changes nothing: the first approval builds the period as before.
   */
  readonly onSubmitted = (periodId: number): void => {
    void this.prepare(periodId).catch((error: unknown) =>
      this.log(
        `chuẩn bị tổng hợp kỳ ${periodId} lỗi: ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
  };

  /**
   * Builds the period's snapshot and rows unless built (one transaction, audited as a system
   * `rollup.build`); at most one build per period at a time in this process, and none for a
   * period already seen built. Resolves when done.
   */
  prepare(periodId: number): Promise<void> {
    if (this.seenBuilt.has(periodId)) return Promise.resolve();
    const running = this.preparing.get(periodId);
    if (running) return running;
    const build = this.database
      .separateTransaction(async () => {
        if (await this.periods.isBuilt(periodId)) return;
        const result = await this.rebuildInTransaction(periodId);
        await this.audit.record(SYSTEM_ACTOR, 'rollup.build', 'report_period', periodId, null, {
          ...result,
          onSubmission: true,
        });
      })
      .then(() => {
        if (this.seenBuilt.size >= 100_000) this.seenBuilt.clear();
        this.seenBuilt.add(periodId);
      })
      .finally(() => this.preparing.delete(periodId));
    this.preparing.set(periodId, build);
    return build;
  }

  /** Resolves when the builds under way in this process (`prepare`) have ended (for tests). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.preparing.values()]);
  }

  /**
   * Called by `ReportReviewService` inside the approve/unlock transaction. Approved reports cannot
   * change, so an approval adds the report's values and an unlock takes them away. A period
   * without a snapshot yet is built from scratch here (its first approval), which counts this
   * report as well.
   */
  readonly onApprovalChange = async (report: ReportRow, approved: boolean): Promise<void> => {
    const applied = await this.rollups.applyReport(
      report.periodId,
      report.unitId,
      report.id,
      approved ? 1 : -1,
    );
    if (!applied.built) {
      await this.rebuildInTransaction(report.periodId);
      return;
    }
    if (!approved && applied.inTree) await this.rollups.dropEmpty(report.periodId, report.unitId);
  };

  /** The snapshot and the rows of one period from scratch, inside the caller's transaction. */
  private async rebuildInTransaction(periodId: number): Promise<{ rows: number; changed: number }> {
    // Approvals of the period wait for the rebuild, and it waits for those under way.
    const period = await this.rollups.periodScope(periodId, 'update');
    if (!period) throw notFound('period');
    // The national period gathers ~3 million values: room to hash them in memory.
    await this.rollups.setWorkMem('64MB');
    // The snapshot is taken again only when the organisation (or the scope) changed since it was.
    const scope = scopeOf(period);
    const fingerprint = await this.rollups.treeFingerprint(periodId, scope);
    if (fingerprint.stored !== fingerprint.fresh) await this.rollups.snapshotTree(periodId, scope);
    const result = await this.rollups.rebuild(periodId);
    await this.periods.markBuilt(periodId, fingerprint.fresh);
    return result;
  }

  /** Recomputes one period from scratch in one transaction (all or nothing); returns the rows it holds. */
  async rebuild(
    actor: Actor,
    periodId: number,
  ): Promise<{ periodId: number; rows: number; changed: number; ms: number }> {
    this.access.assertRole(actor, 'admin');
    const started = performance.now();
    const { rows, changed } = await this.database.transaction(async () => {
      const result = await this.rebuildInTransaction(periodId);
      await this.audit.record(actor, 'rollup.rebuild', 'report_period', periodId, null, result);
      return result;
    });
    // Fresh statistics when a good part of the rows changed (a first build, a reorganisation), so
    // the dashboards' plans see them at once; an unchanged rebuild leaves the statistics true.
    if (changed > Math.max(1000, rows / 10)) await this.rollups.analyze();
    return { periodId, rows, changed, ms: Math.round(performance.now() - started) };
  }

  /** Periods waiting for a rebuild after an organisation change. */
  queued() {
    return this.periods.stalePeriods();
  }

  /**
   * Rebuilds the periods an organisation change left waiting, one transaction each, oldest first;
   * several servers share the queue (a claimed period is skipped by the others). A failure is
   * counted and retried on a later run, at most 5 times. Returns the periods rebuilt.
   */
  async runQueued(log: (line: string) => void = () => undefined): Promise<number[]> {
    const done: number[] = [];
    for (;;) {
      let claimed: number | null = null;
      try {
        const rebuilt = await this.database.transaction(async () => {
          claimed = await this.periods.claimStale(5);
          if (claimed === null) return null;
          const result = await this.rebuildInTransaction(claimed);
          await this.audit.record(SYSTEM_ACTOR, 'rollup.rebuild', 'report_period', claimed, null, {
            ...result,
            queued: true,
          });
          return claimed;
        });
        if (rebuilt === null) break;
        done.push(rebuilt);
      } catch (error) {
        if (claimed === null) throw error;
        const message = error instanceof Error ? error.message : String(error);
        log(`tổng hợp lại kỳ ${claimed} lỗi: ${message}`);
        await this.periods.recordFailure(claimed, message);
      }
    }
    if (done.length > 0) await this.rollups.analyze();
    return done;
  }

  /** The server's job: runs the queue every `everyMs`. Returns the stop function. */
  start(log: (line: string) => void, everyMs = 5_000): () => void {
    let running = false;
    const tick = async () => {
      if (running) return;
      running = true;
      try {
        const done = await this.runQueued(log);
        if (done.length > 0) log(`đã tổng hợp lại kỳ ${done.join(', ')} sau thay đổi tổ chức`);
      } catch (error) {
        log(`hàng đợi tổng hợp lỗi: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        running = false;
      }
    };
    const timer = setInterval(() => void tick(), everyMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  /** Rebuilds the given periods (all when none), one transaction each. */
  async rebuildMany(
    actor: Actor,
    periodIds: number[] | null,
    onProgress: (done: number, total: number) => void = () => undefined,
  ) {
    this.access.assertRole(actor, 'admin');
    const ids = periodIds ?? (await this.rollups.periodIds());
    const results = [];
    for (const [index, id] of ids.entries()) {
      results.push(await this.rebuild(actor, id));
      onProgress(index + 1, ids.length);
    }
    return results;
  }

  /**
   * The admin's rebuild: one period (of a plan inside the admin's organisation), or every period
   * of such plans when none is given.
   */
  async rebuildFor(actor: Actor, periodId?: number) {
    this.access.assertRole(actor, 'admin');
    const ids = periodId === undefined ? await this.rollups.periodIds() : [periodId];
    const allowed: number[] = [];
    for (const id of ids) {
      const period = await this.rollups.periodScope(id);
      if (!period) throw notFound('period');
      if (periodId !== undefined) await this.access.assertUnitAccess(actor, period.plan_unit_id);
      else if (!(await this.access.canAccessUnit(actor, period.plan_unit_id))) continue;
      allowed.push(id);
    }
    return this.rebuildMany(actor, allowed);
  }
}
