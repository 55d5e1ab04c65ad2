import type { TPlan, TPlanContent } from '../../../../contracts/plans.ts';

/** The editable part of a plan, as `PUT /api/plans/:id` takes it. */
export function toPlanContent(plan: TPlan): TPlanContent {
  return {
    title: plan.title,
    kind: plan.kind,
    yearFrom: plan.yearFrom,
    yearTo: plan.yearTo,
    issuerName: plan.issuerName,
    supervisingBody: plan.supervisingBody,
    place: plan.place,
    preamble: plan.preamble,
    purposes: plan.purposes,
    funding: plan.funding,
    recipients: plan.recipients,
    signer: plan.signer,
    implementDeadline: plan.implementDeadline,
    targets: plan.targets.map(({ text, milestones, sourceTargetId }) => ({
      text,
      milestones,
      sourceTargetId,
    })),
    tasks: plan.tasks.map(({ text, leadText, leadUnitId, cooperating, deadline, status, progressNote }) => ({
      text,
      leadText,
      leadUnitId,
      cooperating,
      deadline,
      status,
      progressNote,
    })),
    assignments: plan.assignments.map(({ unitText, unitId, unitType, text }) => ({
      unitText,
      unitId,
      unitType,
      text,
    })),
    reporting: plan.reporting.map(({ frequency, due, recipient }) => ({ frequency, due, recipient })),
    events: plan.events.map(({ name, start, end, calendar, recurring }) => ({
      name,
      start,
      end,
      calendar,
      recurring,
    })),
  };
}

/** Top-level parts of the content that differ (for "what did the other person change?"). */
export function changedParts(a: TPlanContent, b: TPlanContent): (keyof TPlanContent)[] {
  return (Object.keys(a) as (keyof TPlanContent)[]).filter(
    (key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]),
  );
}

/** `targets.0.milestones.1.value` → 0: warnings grouped by the target they name. */
export function warningsByTarget(warnings: TPlan['warnings']): Map<number, string[]> {
  const byTarget = new Map<number, string[]>();
  for (const warning of warnings) {
    const match = /^targets\.(\d+)/.exec(warning.field);
    const index = match ? Number(match[1]) : -1;
    byTarget.set(index, [...(byTarget.get(index) ?? []), warning.message]);
  }
  return byTarget;
}

export const PLAN_QUERY_KEY = (id: number) => ['plans', id] as const;
