import type { TReport, TReviewQueue, TReviewQueueQuery } from '../../contracts/reporting.ts';
import { toIsoTimestamp } from '../../domain/dates.ts';
import { REPORT_TRANSITIONS, roleMayTake } from '../../domain/reporting/report-states.ts';
import type { Database } from '../db/client.ts';
import { forbidden, versionConflict } from '../errors.ts';
import type { ReportLifecycleRepository } from '../repositories/report-lifecycle.repository.ts';
import type { ReportContextRow, ReportRow } from '../repositories/reporting.repository.ts';
import { unitAccessOf } from '../repositories/sql/unit-access.ts';
import type { AccessService } from './access.service.ts';
import { type Actor, ownUnitOf } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import { KeyedLimiter } from './keyed-limiter.ts';
import { assertMoveAllowed, type ReportPages } from './report-pages.ts';
import type { WorkNotifications } from './work-notifications.ts';

/**
 * The statements of one transaction issued together (they queue on its connection and run in
 * order without waiting for this code in between) — like `Promise.all`, but every one has ended
 * before the first failure is thrown, so none can still be running when the transaction rolls
 * back and gives its connection back.
 */
async function together<T extends readonly unknown[]>(
  ...pending: { [K in keyof T]: Promise<T[K]> }
): Promise<T> {
  const settled = await Promise.allSettled(pending);
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

/**
 * A report's life on the level above's side (`domain/reporting/report-states.ts`): a submitted
 * report returned or approved by an officer above its unit, an approved one unlocked by a manager
 * above; and the queue of reports waiting for review.
 */
export class ReportReviewService {
  constructor(
    private readonly database: Database,
    private readonly reports: ReportLifecycleRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly pages: ReportPages,
    /** Called inside the transaction that approves or unlocks a report (roll-up maintenance). */
    private readonly onApprovalChange: (report: ReportRow, approved: boolean) => Promise<void> = async () =>
      undefined,
    /**
     * Tells the report's unit of a return or an approval, in the transaction of the move (the
     * approval's one statements write theirs themselves: `noticeInsertFrom`).
     */
    private readonly notify?: WorkNotifications,
  ) {}

  /**
   * Approvals and unlocks of one period, at most four at a time in this process: each writes the
   * same roll-up rows (the period's units above), so PostgreSQL runs them one after another anyway,
   * and each one waiting there for the row lock held a pooled connection the other requests queued
   * for. With the approval and its view read in one statement, the roll-up rows come last in it
   * (`approveCtes`), so the others admitted read their views meanwhile. One alone added a round
   * trip through Node between approvals; two, when the view was read apart, measured best then
   * (p99 168 and 205 ms against 192 and 239 without a limit); with the one statement, two left
   * approvals at p99 404 and 437 ms while every other request was within ~165, four at 157–241
   * (`npm run bench -- load`, docs/status.md).
   */
  private readonly rollupWriters = new KeyedLimiter<number>(4);

  async returnReport(actor: Actor, reportId: number, reason: string, version: number): Promise<TReport> {
    const context = await this.pages.requireContext(actor, reportId);
    await this.assertReviewer(actor, context, 'return');
    const updated = await this.transition(actor, context, version, 'return', reason);
    return this.pages.view(updated, context);
  }

  async approve(actor: Actor, reportId: number, version: number): Promise<TReport> {
    const reviewedAt = this.access.now().toISOString();
    const { approve } = REPORT_TRANSITIONS;
    const audit = this.audit.row(
      actor,
      approve.audit,
      'report',
      reportId,
      { status: approve.from[0] },
      { status: approve.to, returnReason: null },
    );
    // One statement when this server knows the report's period and unit: the approval gated on
    // the state and the reviewer's rule, its roll-ups, and the view. When it writes nothing (or
    // the period's roll-ups are not built yet), the read and the checks in code.
    const known = this.pages.facts.of(reportId);
    if (known && roleMayTake('approve', actor.role)) {
      const report = { id: reportId, periodId: known.periodId, unitId: known.unitId };
      const approved = await this.rollupWriters.run(known.periodId, () =>
        this.reports.approveReportWithContext(
          report,
          version,
          { reviewedAt, reviewedBy: actor.userId },
          audit,
          actor.homeUnitId,
          this.access.today(),
        ),
      );
      if (approved) return this.pages.view(approved, approved);
    }
    const context = await this.pages.requireContext(actor, reportId);
    await this.assertReviewer(actor, context, 'approve');
    // What the page shows besides the report row (form, values, previous values) cannot change
    // while the report is submitted, and the approval does not change it: the context read with
    // the report serves the answer.
    // Usually one statement: the approval, its audit row and the roll-ups, no transaction held
    // open across round trips (other approvals of the period wait for its roll-up rows).
    const approved = await this.rollupWriters.run(
      context.periodId,
      async () =>
        (await this.reports.approveReport(
          context,
          version,
          { reviewedAt, reviewedBy: actor.userId },
          audit,
        )) ??
        // A stale version (409 from here) or the period's first approval (roll-ups built here).
        (await this.database.transaction(async () => {
          const [updated] = await together(
            this.transition(actor, context, version, 'approve', null),
            this.onApprovalChange(context, true),
          );
          return updated;
        })),
    );
    return this.pages.view(approved, context);
  }

  /** Unlocking an approved report needs a manager above the unit, and is audited. */
  async unlock(actor: Actor, reportId: number, reason: string, version: number): Promise<TReport> {
    const context = await this.pages.requireContext(actor, reportId);
    await this.assertReviewer(actor, context, 'unlock');
    const unlocked = await this.rollupWriters.run(context.periodId, () =>
      this.database.transaction(async () => {
        const updated = await this.transition(actor, context, version, 'unlock', reason);
        await this.onApprovalChange(updated, false);
        return updated;
      }),
    );
    return this.pages.view(unlocked, context);
  }

  /**
   * Submitted reports of the units below the actor, oldest sent first, a page at a time (a
   * national officer may have thousands waiting), with how many wait in all.
   */
  async reviewQueue(actor: Actor, page: TReviewQueueQuery = { limit: 50, offset: 0 }): Promise<TReviewQueue> {
    this.access.assertRole(actor, REPORT_TRANSITIONS.approve.minimumRole);
    const home = ownUnitOf(actor);
    if (home === null) return { items: [], total: 0 };
    const found = await this.reports.submittedBelow(home, this.access.today(), page);
    // The total comes with every row; a page past the end has none, and is counted again.
    const total =
      found[0]?.total ??
      (page.offset > 0
        ? ((
            await this.reports.submittedBelow(home, this.access.today(), {
              limit: 1,
              offset: 0,
            })
          )[0]?.total ?? 0)
        : 0);
    const items = found.map(({ total: _total, ...r }) => ({
      ...r,
      submittedAt: r.submittedAt ? toIsoTimestamp(r.submittedAt) : null,
    }));
    return { items, total };
  }

  // ----- helpers ------------------------------------------------------------------------------

  /** A reviewer's move (return, approve, unlock) under the version, with its audit row. */
  private async transition(
    actor: Actor,
    report: ReportRow,
    version: number,
    action: 'return' | 'approve' | 'unlock',
    returnReason: string | null,
  ): Promise<ReportRow> {
    const values = { status: REPORT_TRANSITIONS[action].to, returnReason };
    return this.database.transaction(async () => {
      const [updated] = await together(
        this.reports.reviewReport(report.id, version, {
          ...values,
          reviewedAt: this.access.now().toISOString(),
          reviewedBy: actor.userId,
        }),
        this.audit.record(
          actor,
          REPORT_TRANSITIONS[action].audit,
          'report',
          report.id,
          { status: report.status },
          values,
        ),
      );
      if (!updated) throw versionConflict(await this.pages.viewOf(report.id));
      if (action === 'return') await this.notify?.returned(updated.id, returnReason);
      if (action === 'approve') await this.notify?.approved(updated.id);
      return updated;
    });
  }

  /**
   * The level above reviews: the move's role, the actor's unit a strict ancestor of the report's
   * unit, and a state the move starts from.
   */
  private async assertReviewer(
    actor: Actor,
    report: ReportContextRow,
    action: 'return' | 'approve' | 'unlock',
  ) {
    if (!roleMayTake(action, actor.role)) throw forbidden();
    await this.access.assertReviewsFromAbove(actor, report.unitId, unitAccessOf(report));
    assertMoveAllowed(report, action);
  }
}
