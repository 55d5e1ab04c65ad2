/** What a server learned of one report when it last built its view. */
export interface ReportFact {
  /** Never change: a report belongs to one period and one unit for good. */
  periodId: number;
  unitId: number;
  /** The version the view was built at, and whether its content could be submitted then. */
  version: number;
  submittable: boolean;
}

/**
 * What this server learned of reports from the views it built, so a submission or an approval can
 * go to the database as one statement, its checks in SQL, instead of a read and then a write.
 *
 * Nothing here is trusted as the report's state. The period and unit never change. Whether the
 * content can be submitted is a function of the content (values, narrative), which a version
 * identifies: every write bumps it, under the row's lock. It holds only where the statement finds
 * the report still at that version; and the form version a report is written on, with its
 * indicators, is never changed in place. A statement that finds anything else writes nothing,
 * and the caller takes the full path (a read, the checks in code, then the write).
 *
 * Bounded: past `maxEntries` it starts again empty (only the next request of each report pays).
 */
export class ReportFacts {
  private readonly entries = new Map<number, ReportFact>();

  constructor(private readonly maxEntries = 50_000) {}

  learn(reportId: number, fact: ReportFact): void {
    if (this.entries.size >= this.maxEntries && !this.entries.has(reportId)) this.entries.clear();
    this.entries.set(reportId, fact);
  }

  of(reportId: number): ReportFact | undefined {
    return this.entries.get(reportId);
  }

  /** Whether the report's content at `version` was seen to pass the checks of a submission. */
  submittableAt(reportId: number, version: number): boolean {
    const fact = this.entries.get(reportId);
    return fact !== undefined && fact.version === version && fact.submittable;
  }
}
