import {
  type Entry,
  entryFromStored,
  type Indicator,
  indicatorFromStored,
  normalizeEntry,
  type StoredIndicator,
} from '../../domain/rollup/indicator.ts';
import { approvalDelta } from '../../domain/rollup/roll-up.ts';
import type { Database } from '../db/client.ts';
import { notFound } from '../errors.ts';
import type { ReportRow } from '../repositories/reporting.repository.ts';
import type {
  ChainRow,
  PeriodScopeRow,
  ReportingScope,
  RollupDelta,
  RollupRepository,
  ValueWithIndicator,
} from '../repositories/rollup.repository.ts';
import type { AccessService } from './access.service.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';

export function scopeOf(row: PeriodScopeRow): ReportingScope {
  return { planUnitId: row.plan_unit_id, unitTypes: row.unit_types ?? [], date: row.ends_on };
}

/** Whether a unit is expected to report (the test of `ReportingService.unitsInScope`). */
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
 * Live roll-ups. On approval (and unlock) of a report, each value's difference is added to the
 * roll-up rows of the unit and of every ancestor as of the period's end — one recursive query for
 * the ancestors and one upsert for all of them. `rebuild` recomputes a period from scratch (after
 * a reorganisation, or to check).
 */
export class RollupService {
  constructor(
    private readonly database: Database,
    private readonly rollups: RollupRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Called by `ReportingService` inside the approve/unlock transaction. Approved reports cannot
   * change, so an approval adds the report's values and an unlock takes them away.
   */
  readonly onApprovalChange = async (report: ReportRow, approved: boolean): Promise<void> => {
    const period = await this.rollups.periodScope(report.periodId, 'share');
    if (!period) return;
    const scope = scopeOf(period);
    const chain = await this.rollups.chain(report.periodId, report.unitId, scope);
    if (chain.length === 0) return; // not in the plan unit's tree at the period's end: not rolled up
    const self = chain[0]!;
    const expected = isExpected({ id: self.id, type: self.type, parentId: self.parent_id }, scope);
    const deltas = this.deltasOf(await this.rollups.reportValues(report.id), expected, approved);
    // The unit's own row exists only when it has units below it; its ancestors always have one.
    const targets = chain.filter((c) => c.lvl > 0 || c.has_children);
    await this.rollups.addDeltas(report.periodId, await this.withExpected(targets, scope), deltas);
    if (!approved) {
      await this.rollups.dropEmpty(
        report.periodId,
        targets.map((t) => t.id),
      );
    }
  };

  private deltasOf(values: ValueWithIndicator[], expected: boolean, approved: boolean): RollupDelta[] {
    const byIndicator = new Map<number, ValueWithIndicator[]>();
    for (const v of values) {
      const list = byIndicator.get(v.indicator_id) ?? [];
      list.push(v);
      byIndicator.set(v.indicator_id, list);
    }
    const deltas: RollupDelta[] = [];
    for (const [indicatorId, rows] of byIndicator) {
      const indicator = indicatorOf(rows[0]!);
      const entry = entryOf(indicator, rows);
      if (!entry) continue;
      const delta = approved
        ? approvalDelta(null, entry, indicator, { expected })
        : approvalDelta(entry, null, indicator, { expected });
      if (!delta) continue; // max/min are not stored indicators
      for (const [category, cell] of Object.entries(delta.cells)) {
        if (cell.reportingUnits === 0) continue; // the category was not given
        deltas.push({
          indicatorId,
          category,
          numerator: cell.numerator,
          denominator: cell.denominator,
          reportingUnits: cell.reportingUnits,
          meetingUnits: cell.meetingUnits,
          denominatorIsExpected: indicator.aggregation === 'count_units_meeting',
        });
      }
    }
    return deltas;
  }

  /** Expected units of each target: stored with its rows, or counted once for a unit first touched. */
  private async withExpected(targets: ChainRow[], scope: ReportingScope) {
    const missing = targets.filter((t) => t.expected_units === null).map((t) => t.id);
    const counted = await this.rollups.expectedInSubtrees(missing, scope);
    return targets.map((t) => ({ id: t.id, expected: t.expected_units ?? counted.get(t.id) ?? 0 }));
  }

  /** Recomputes one period from scratch in one transaction; returns the rows it holds. */
  async rebuild(actor: Actor, periodId: number): Promise<{ periodId: number; rows: number; ms: number }> {
    this.access.assertRole(actor, 'admin');
    const started = performance.now();
    const rows = await this.database.transaction(async () => {
      // Approvals of the period wait for the rebuild, and it waits for those under way.
      const period = await this.rollups.periodScope(periodId, 'update');
      if (!period) throw notFound('period');
      // The national period gathers ~3 million values: room to hash them in memory (measured 10 s → 6 s).
      await this.rollups.useWorkMem('64MB');
      const n = await this.rollups.rebuild(periodId, scopeOf(period));
      await this.audit.record(actor, 'rollup.rebuild', 'report_period', periodId, null, { rows: n });
      return n;
    });
    // Fresh statistics, so dashboards find the rows by index at once (rows of a period change whole).
    await this.rollups.analyze();
    return { periodId, rows, ms: Math.round(performance.now() - started) };
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
