import type { TUnitType } from '../../contracts/org.ts';
import type { TExtractedDocument, TSigner } from '../../contracts/plan-extract.ts';
import type { TCooperatingUnit, TPlan, TPlanContent, TTaskStatus } from '../../contracts/plans.ts';
import { lowerTargetWarnings } from '../../domain/plans/derive-plan.ts';
import { type EventDates, eventOccurrences, planYears } from '../../domain/plans/lunar-events.ts';
import { effectiveTaskStatus } from '../../domain/plans/task-board.ts';
import type { PlanChildren, PlanRow, PlanTargetRow } from '../repositories/plan.repository.ts';

/** The plan services' shared pieces with no I/O: content in and out of the stored rows. */

/** Years a plan spans, from its title ("giai đoạn 2021-2025, định hướng đến năm 2030") or dates. */
export function yearsOf(
  text: string,
  fallbackYear: number | null,
): { yearFrom: number | null; yearTo: number | null } {
  const years = [...text.matchAll(/\b(19[5-9]\d|20\d\d)\b/g)].map((m) => Number(m[1]));
  if (years.length === 0) return { yearFrom: fallbackYear, yearTo: fallbackYear };
  return {
    yearFrom: Math.min(...years, fallbackYear ?? Number.POSITIVE_INFINITY),
    yearTo: Math.max(...years),
  };
}

/** Plan content from a reviewed extraction. */
export function contentFromExtract(doc: TExtractedDocument): TPlanContent {
  const issuedYear = doc.date ? Number(doc.date.slice(0, 4)) : null;
  const milestoneYears = doc.targets
    .flatMap((t) => t.milestones.map((m) => m.year))
    .filter((y): y is number => y !== null);
  const span = yearsOf(`${doc.title ?? ''} ${milestoneYears.join(' ')}`, issuedYear);
  return {
    title: doc.title ?? doc.symbol ?? 'Kế hoạch',
    kind: doc.kind ?? 'KH',
    ...span,
    issuerName: doc.issuer,
    supervisingBody: null,
    place: doc.place,
    preamble: null,
    purposes: [],
    funding: [],
    recipients: doc.recipients,
    signer: doc.signer,
    implementDeadline: null,
    targets: doc.targets.map((t) => ({ text: t.text, milestones: t.milestones, sourceTargetId: null })),
    tasks: doc.tasks.map((t) => ({
      text: t.text,
      leadText: t.lead,
      leadUnitId: null,
      cooperating: [],
      deadline: t.deadline,
      status: 'not_started' as const,
      progressNote: null,
    })),
    assignments: doc.assignments.map((a) => ({
      unitText: a.unit,
      unitId: null,
      unitType: null,
      text: a.text,
    })),
    reporting: doc.reporting.map((r) => ({ frequency: r.frequency, due: r.due, recipient: r.to })),
    events: doc.events
      .filter((e) => e.start !== null)
      .map((e) => ({
        name: e.name,
        start: e.start!,
        end: e.end,
        calendar: 'solar' as const,
        recurring: true,
      })),
  };
}

/** Cooperating bodies as stored: `{ text, unitId }`, or a bare name in plans saved before ids. */
export function readCooperating(value: unknown): TCooperatingUnit[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((c): TCooperatingUnit[] => {
    if (typeof c === 'string') return c.trim() ? [{ text: c, unitId: null }] : [];
    if (c && typeof c === 'object' && typeof (c as { text?: unknown }).text === 'string') {
      const unitId = (c as { unitId?: unknown }).unitId;
      return [{ text: (c as { text: string }).text, unitId: typeof unitId === 'number' ? unitId : null }];
    }
    return [];
  });
}

/** A stored campaign event as the calendar rules read it. */
export function eventDates(row: {
  name: string;
  start: string;
  end: string | null;
  calendar: string;
  recurring: boolean;
}): EventDates {
  return {
    name: row.name,
    start: row.start,
    end: row.end,
    calendar: row.calendar as EventDates['calendar'],
    recurring: row.recurring,
  };
}

/** The plan row's columns for its content (children are stored apart). */
export function planRowValues(content: TPlanContent) {
  return {
    title: content.title,
    kind: content.kind,
    yearFrom: content.yearFrom,
    yearTo: content.yearTo,
    issuerName: content.issuerName,
    supervisingBody: content.supervisingBody,
    place: content.place,
    preamble: content.preamble,
    purposes: content.purposes,
    funding: content.funding,
    recipients: content.recipients,
    signer: content.signer,
    implementDeadline: content.implementDeadline,
  };
}

/** A plan as the API shows it, from its rows and what was read about them on `today`. */
export function planView(
  plan: PlanRow,
  children: PlanChildren,
  context: {
    unitName: string;
    parent: PlanRow | undefined;
    /** the targets of the plan above that this plan's targets implement */
    sources: PlanTargetRow[];
    today: string;
  },
): TPlan {
  const { parent, today } = context;
  type Milestones = TPlan['targets'][number]['milestones'];
  const targets = children.targets.map((t) => ({
    id: t.id,
    text: t.text,
    milestones: t.milestones as Milestones,
    sourceTargetId: t.sourceTargetId,
  }));
  const warnings = lowerTargetWarnings(
    targets,
    new Map(context.sources.map((s) => [s.id, { text: s.text, milestones: s.milestones as Milestones }])),
  );
  return {
    id: plan.id,
    unitId: plan.unitId,
    unitName: context.unitName,
    documentId: plan.documentId,
    parentPlanId: plan.parentPlanId,
    parentTitle: parent ? `${parent.symbol ?? ''} ${parent.title}`.trim() : null,
    origin: plan.origin as TPlan['origin'],
    status: plan.status as TPlan['status'],
    symbol: plan.symbol,
    issuedOn: plan.issuedOn,
    isDemo: plan.isDemo,
    version: plan.version,
    title: plan.title,
    kind: plan.kind,
    yearFrom: plan.yearFrom,
    yearTo: plan.yearTo,
    issuerName: plan.issuerName,
    supervisingBody: plan.supervisingBody,
    place: plan.place,
    preamble: plan.preamble,
    purposes: plan.purposes as string[],
    funding: plan.funding as string[],
    recipients: plan.recipients as string[],
    signer: plan.signer as TSigner | null,
    implementDeadline: plan.implementDeadline,
    targets,
    tasks: children.tasks.map((t) => ({
      id: t.id,
      version: t.version,
      text: t.text,
      leadText: t.leadText,
      leadUnitId: t.leadUnitId,
      cooperating: readCooperating(t.cooperating),
      deadline: t.deadline,
      status: t.status as Exclude<TTaskStatus, 'overdue'>,
      effectiveStatus: effectiveTaskStatus(t.status as Exclude<TTaskStatus, 'overdue'>, t.deadline, today),
      progressNote: t.progressNote,
    })),
    assignments: children.assignments.map((a) => ({
      unitText: a.unitText,
      unitId: a.unitId,
      unitType: a.unitType as TUnitType | null,
      text: a.text,
    })),
    reporting: children.reporting.map((r) => ({
      frequency: r.frequency as TPlan['reporting'][number]['frequency'],
      due: r.due,
      recipient: r.recipient,
    })),
    events: children.events.map((e) => {
      const event = eventDates(e);
      const years = planYears(plan.yearFrom, plan.yearTo, Number(today.slice(0, 4)));
      return { ...event, occurrences: eventOccurrences(event, years) };
    }),
    warnings,
  };
}
