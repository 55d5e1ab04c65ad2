import { z } from 'zod';
import { ZBreakdown } from './breakdowns.ts';
import { ZId, ZIsoDate, ZRefId } from './common.ts';
import { ZUnitType } from './org.ts';
import { ZMilestone } from './plan-extract.ts';
import { ZAggregation, ZIndicatorKind, ZPeriod, ZReportStatus } from './reporting.ts';

/** Where a target stands (domain/progress/assess-progress.ts) and the colour the dashboards use. */
export const ZProgressStatus = z.enum(['met', 'on_track', 'at_risk', 'off_track', 'no_data']);
export type TProgressStatus = z.infer<typeof ZProgressStatus>;
export const ZStatusColour = z.enum(['green', 'blue', 'amber', 'red', 'grey']);
export type TStatusColour = z.infer<typeof ZStatusColour>;

export const STATUS_COLOURS: Record<TProgressStatus, TStatusColour> = {
  met: 'green',
  on_track: 'blue',
  at_risk: 'amber',
  off_track: 'red',
  no_data: 'grey',
};

export const ZIndicatorRef = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  kind: ZIndicatorKind,
  aggregation: ZAggregation,
  unit: z.string().nullable(),
});
export type TIndicatorRef = z.infer<typeof ZIndicatorRef>;

/** A unit's figure for one indicator (total) in one period, from its roll-up or its own value. */
export const ZFigure = z.object({
  indicatorId: z.number().int(),
  /** % for a ratio or units meeting; the sum otherwise; null without data. */
  value: z.number().nullable(),
  numerator: z.number(),
  denominator: z.number(),
  reportingUnits: z.number().int(),
  meetingUnits: z.number().int(),
  /** Units expected to report in the subtree; null when nothing is rolled up there yet. */
  expectedUnits: z.number().int().nullable(),
});
export type TFigure = z.infer<typeof ZFigure>;

export const ZUnitRef = z.object({
  unitId: z.number().int(),
  unitName: z.string(),
  unitType: ZUnitType,
});

export const ZUnitFigures = ZUnitRef.extend({
  /** The unit has units below it (drill further). */
  hasUnits: z.boolean(),
  figures: z.array(ZFigure),
});
export type TUnitFigures = z.infer<typeof ZUnitFigures>;

export const ZSeriesPoint = z.object({
  periodId: z.number().int(),
  periodKey: z.string(),
  periodLabel: z.string(),
  periodEnd: ZIsoDate,
  value: z.number().nullable(),
  reportingUnits: z.number().int(),
  expectedUnits: z.number().int().nullable(),
});

export const ZRankedUnit = ZUnitRef.extend({
  value: z.number().nullable(),
  reportingUnits: z.number().int(),
  expectedUnits: z.number().int().nullable(),
  /** 1 = best (highest, or lowest for a target that aims low); null without data. */
  rank: z.number().int().nullable(),
});

const ZMilestoneWords = ZMilestone.pick({ op: true, value: true, unit: true });

/** What an assessment says, as data (domain/progress/assessment-text.ts writes it in either language). */
export const ZVerdictPhrase = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('not_assessable') }),
  z.object({ kind: z.literal('no_milestone') }),
  z.object({ kind: z.literal('cannot_compare'), valueIsPercent: z.boolean(), milestone: ZMilestoneWords }),
  z.object({ kind: z.literal('met'), milestone: ZMilestoneWords, year: z.number().int().nullable() }),
  z.object({ kind: z.literal('missed'), milestone: ZMilestoneWords, year: z.number().int() }),
  z.object({
    kind: z.enum(['on_track', 'at_risk', 'off_track']),
    milestone: ZMilestoneWords,
    year: z.number().int(),
    projected: z.boolean(),
    shortfall: z.number().nullable(),
    unit: z.string().nullable(),
  }),
]);

export const ZBasisPhrase = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('no_data'), asOf: ZIsoDate }),
  z.object({
    kind: z.literal('trend'),
    points: z.number().int(),
    years: z.string(),
    slope: z.number(),
    unit: z.string().nullable(),
    projection: z.object({ year: z.number().int(), value: z.number() }).nullable(),
  }),
  z.object({
    kind: z.literal('too_few'),
    points: z.number().int(),
    years: z.string(),
    current: z.number(),
    unit: z.string().nullable(),
  }),
  z.object({ kind: z.literal('provisional'), until: ZIsoDate }),
]);

export const ZTargetProgress = z.object({
  targetId: z.number().int(),
  text: z.string(),
  milestones: z.array(ZMilestone),
  indicator: ZIndicatorRef.nullable(),
  status: ZProgressStatus,
  colour: ZStatusColour,
  nextMilestone: ZMilestone.nullable(),
  dueYear: z.number().int().nullable(),
  current: z.number().nullable(),
  currentPeriodEnd: ZIsoDate.nullable(),
  /** The current value is from a period still running (provisional). */
  currentProvisional: z.boolean(),
  projection: z.object({ year: z.number().int(), value: z.number() }).nullable(),
  trendPerYear: z.number().nullable(),
  /** How the projection was made, in Vietnamese; `basisPhrases` to write it in another language. */
  basis: z.string(),
  basisPhrases: z.array(ZBasisPhrase),
  verdict: z.string(),
  verdictPhrase: ZVerdictPhrase,
  gap: z.number().nullable(),
  /** The plan unit's value over the schedule's periods. */
  series: z.array(ZSeriesPoint),
  /** The plan unit's direct units in the selected period, best first. */
  units: z.array(ZRankedUnit),
  /** The plan unit's figure in the selected period by its indicator's categories; null when not broken down. */
  breakdown: ZBreakdown.nullable().optional(),
});
export type TTargetProgress = z.infer<typeof ZTargetProgress>;

/** Reporting completeness and timeliness of a subtree in one period. */
export const ZCompleteness = z.object({
  expected: z.number().int(),
  submitted: z.number().int(),
  onTime: z.number().int(),
  approved: z.number().int(),
  late: z.number().int(),
  /** approved / expected × 100; null when nobody is expected. */
  completeness: z.number().nullable(),
  /** submitted on time / expected × 100. */
  timeliness: z.number().nullable(),
});
export type TCompleteness = z.infer<typeof ZCompleteness>;

export const ZUnitCompleteness = ZUnitRef.extend({ completeness: ZCompleteness });
export const ZLevelCompleteness = z.object({ unitType: ZUnitType, completeness: ZCompleteness });

export const ZLateUnit = ZUnitRef.extend({
  parentName: z.string().nullable(),
  status: ZReportStatus,
  dueOn: ZIsoDate,
  daysLate: z.number().int(),
});

/**
 * How fresh a response's figures are: read on the primary database (as of that moment) or on a
 * streaming replica (every change committed before `asOf` is in them; server/db/read-routing.ts).
 */
export const ZFreshness = z.object({
  source: z.enum(['primary', 'replica']),
  /** ISO date-time (UTC). */
  asOf: z.string().datetime(),
  /** How far behind the moment of reading, in ms (0 on the primary). */
  lagMs: z.number().int().min(0),
});
export type TFreshness = z.infer<typeof ZFreshness>;

export const ZCompletenessView = z.object({
  period: ZPeriod,
  unit: ZUnitRef,
  total: ZCompleteness,
  units: z.array(ZUnitCompleteness),
  levels: z.array(ZLevelCompleteness),
  lateUnits: z.array(ZLateUnit),
  /** All late units (the list holds at most 100). */
  lateCount: z.number().int(),
  /** Asked on its own (not within a plan's dashboard, which has its own): how fresh it is. */
  freshness: ZFreshness.optional(),
});
export type TCompletenessView = z.infer<typeof ZCompletenessView>;

export const ZPlanDashboard = z.object({
  plan: z.object({
    id: z.number().int(),
    title: z.string(),
    symbol: z.string().nullable(),
    unitId: z.number().int(),
    unitName: z.string(),
  }),
  asOf: ZIsoDate,
  periods: z.array(ZPeriod),
  period: ZPeriod.nullable(),
  targets: z.array(ZTargetProgress),
  completeness: ZCompletenessView.nullable(),
  freshness: ZFreshness,
});
export type TPlanDashboard = z.infer<typeof ZPlanDashboard>;

export const ZPlanDashboardQuery = z.object({
  periodId: ZId.optional(),
  /** 'false' leaves out completeness and late units (served by /api/periods/:id/completeness). */
  completeness: z.enum(['true', 'false']).default('true'),
});

export const ZUnitPlanStatus = z.object({
  planId: z.number().int(),
  title: z.string(),
  symbol: z.string().nullable(),
  unitId: z.number().int(),
  unitName: z.string(),
  /** The plan's own (issued by this unit) or received from above. */
  fromAbove: z.boolean(),
  /** The least favourable target status (no_data only when nothing is measured). */
  status: ZProgressStatus,
  colour: ZStatusColour,
  counts: z.record(ZProgressStatus, z.number().int()),
  targets: z.array(
    z.object({
      targetId: z.number().int(),
      text: z.string(),
      status: ZProgressStatus,
      colour: ZStatusColour,
      current: z.number().nullable(),
      verdict: z.string(),
      verdictPhrase: ZVerdictPhrase,
    }),
  ),
});

export const ZUnitDashboard = z.object({
  unit: ZUnitRef,
  asOf: ZIsoDate,
  plans: z.array(ZUnitPlanStatus),
  freshness: ZFreshness,
});
export type TUnitDashboard = z.infer<typeof ZUnitDashboard>;

export const ZDrilldownQuery = z.object({ unitId: ZId, indicatorId: ZId.optional() });

export const ZDrilldown = z.object({
  period: ZPeriod,
  indicators: z.array(ZIndicatorRef),
  /** From the plan's unit down to the unit (both included). */
  path: z.array(ZUnitRef),
  unit: ZUnitFigures,
  children: z.array(ZUnitFigures),
  freshness: ZFreshness,
});
export type TDrilldown = z.infer<typeof ZDrilldown>;

export const ZDashboardExportQuery = z.object({
  periodId: ZId.optional(),
  table: z.enum(['targets', 'units', 'completeness']).default('targets'),
});
export type TDashboardTable = z.infer<typeof ZDashboardExportQuery>['table'];

export const ZRebuildQuery = z.object({ periodId: ZId.optional() });
export const ZRebuildResult = z.object({
  periods: z.array(z.object({ periodId: z.number().int(), rows: z.number().int(), ms: z.number() })),
});

// ----- consolidated report upward -----------------------------------------------------------

export const ZConsolidatedQuery = z.object({ unitId: ZId });

export const ZConsolidatedValue = z.object({
  indicator: ZIndicatorRef,
  /** The subtree's roll-up (its own value included). */
  total: ZFigure,
  /** The unit's own approved value, if it reported one. */
  own: ZFigure.nullable(),
  /** Each direct unit's figure. */
  units: z.array(ZUnitRef.extend({ figure: ZFigure })),
  /** The subtree's roll-up by the indicator's categories; null when not broken down. */
  breakdown: ZBreakdown.nullable().optional(),
});

export const ZConsolidatedSource = z.object({
  unitId: z.number().int(),
  unitName: z.string(),
  text: z.string(),
});

export const ZConsolidatedSection = z.object({
  key: z.string(),
  title: z.string(),
  /** The compiled text to edit: each unit's text, its name first. */
  text: z.string(),
  sources: z.array(ZConsolidatedSource),
});

export const ZConsolidatedTarget = z.object({
  targetId: z.number().int(),
  text: z.string(),
  indicator: ZIndicatorRef.nullable(),
  milestone: ZMilestone.nullable(),
  value: z.number().nullable(),
  status: ZProgressStatus,
  colour: ZStatusColour,
  verdict: z.string(),
  verdictPhrase: ZVerdictPhrase,
});

export const ZConsolidatedReport = z.object({
  period: ZPeriod,
  scheduleName: z.string(),
  plan: z.object({
    id: z.number().int(),
    title: z.string(),
    symbol: z.string().nullable(),
    /** the plan's date and issuer, cited by the paper ("Kế hoạch số 3/KH-CĐ ngày 15/8/2025 của …") */
    issuedOn: z.string().nullable().optional(),
    issuerName: z.string().nullable().optional(),
  }),
  unit: ZUnitRef,
  parent: ZUnitRef.nullable(),
  values: z.array(ZConsolidatedValue),
  sections: z.array(ZConsolidatedSection),
  /** Whose texts the sections gather: that many units, and whether more of that level wrote (the cap). */
  narrativeUnits: z.object({ gathered: z.number().int(), more: z.boolean() }).optional(),
  targets: z.array(ZConsolidatedTarget),
  completeness: ZCompleteness,
  /** Expected units below that have no approved report. */
  notReported: z.array(ZUnitRef.extend({ status: ZReportStatus })),
  /** The unit's own report to its parent for the same period, when the parent's schedule has one. */
  upward: z
    .object({ periodId: z.number().int(), scheduleName: z.string(), reportId: z.number().int().nullable() })
    .nullable(),
});
export type TConsolidatedReport = z.infer<typeof ZConsolidatedReport>;

/** The edited narrative of a consolidated report, section key → text. */
export const ZConsolidatedNarrative = z.record(z.string().max(60), z.string().max(50_000));
export type TConsolidatedNarrative = z.infer<typeof ZConsolidatedNarrative>;

/** A consolidated report's file with the narrative as edited on screen. */
export const ZConsolidatedExport = z.object({ unitId: ZRefId, narrative: ZConsolidatedNarrative });

export const ZConsolidatedSubmit = z.object({
  unitId: ZRefId,
  narrative: ZConsolidatedNarrative,
  /** Submit as well as save (else the report stays a draft). */
  submit: z.boolean().default(true),
});
export type TConsolidatedSubmit = z.input<typeof ZConsolidatedSubmit>;
