import type { TPlanContent } from '../../contracts/plans.ts';

/** A plan with a title and nothing else, to be filled in (by hand, by tests, by benchmarks). */
export function emptyPlanContent(title: string, year: number | null = null): TPlanContent {
  return {
    title,
    kind: 'KH',
    yearFrom: year,
    yearTo: year,
    issuerName: null,
    supervisingBody: null,
    place: null,
    preamble: null,
    purposes: [],
    funding: [],
    recipients: [],
    signer: null,
    implementDeadline: null,
    targets: [],
    tasks: [],
    assignments: [],
    reporting: [],
    events: [],
  };
}
