import { z } from 'zod';
import { DISAGGREGATIONS } from '../domain/reporting/breakdowns.ts';
import { ZIsoDate, ZRefId, ZVersion } from './common.ts';
import { ZUnitType } from './org.ts';

export const INDICATOR_KINDS = ['ratio', 'count', 'sum', 'boolean'] as const;
export const ZIndicatorKind = z.enum(INDICATOR_KINDS);
export const ZAggregation = z.enum(['sum', 'count_units_meeting']);
/** `none`, one breakdown dimension or two (`sex+area`): domain/reporting/breakdowns.ts. */
export const ZDisaggregation = z.enum(DISAGGREGATIONS as [string, ...string[]]);
/** `total`, an option (`female`) or a combination of two (`female|urban`); checked against the indicator. */
export const ZCategory = z
  .string()
  .max(81)
  .regex(/^[a-z0-9_]{1,40}(\|[a-z0-9_]{1,40})?$/);
export type TCategory = z.infer<typeof ZCategory>;

const ZIndicatorFields = z.object({
  /** Optional: blank, the server makes one from the name (domain/indicators/indicator-rules.ts). */
  code: z
    .string()
    .trim()
    .max(50)
    .regex(/^[\p{L}\p{N}._-]*$/u, 'code: letters, digits, dot, dash, underscore')
    .nullable()
    .default(null),
  name: z.string().trim().min(1).max(500),
  kind: ZIndicatorKind,
  /** A ratio's unit is always % (the server sets it). */
  unit: z.string().trim().max(50).nullable().default(null),
  numeratorLabel: z.string().trim().max(300).nullable().default(null),
  denominatorLabel: z.string().trim().max(300).nullable().default(null),
  disaggregation: ZDisaggregation.default('none'),
  aggregation: ZAggregation.default('sum'),
  threshold: z.number().int().min(0).max(1_000_000).default(1),
});
const ratioHasLabels = (i: {
  kind: string;
  numeratorLabel: string | null;
  denominatorLabel: string | null;
}) => i.kind !== 'ratio' || !!(i.numeratorLabel && i.denominatorLabel);
const RATIO_LABELS = {
  message: 'a ratio needs numerator and denominator labels',
  path: ['denominatorLabel'],
};

/** A yes/no is not broken down; a breakdown by two categories adds up (domain/reporting/breakdowns.ts). */
const breakdownFits = (i: { kind: string; aggregation: string; disaggregation: string }) =>
  (i.disaggregation === 'none' || i.kind !== 'boolean') &&
  (!i.disaggregation.includes('+') || i.aggregation === 'sum');
const BREAKDOWN_FITS = {
  message: 'a yes/no indicator is not broken down; a breakdown by two categories needs aggregation sum',
  path: ['disaggregation'],
};

export const ZIndicatorInput = ZIndicatorFields.refine(ratioHasLabels, RATIO_LABELS).refine(
  breakdownFits,
  BREAKDOWN_FITS,
);
export type TIndicatorInput = z.infer<typeof ZIndicatorInput>;

/** An edit: the whole definition again, under the version read (a newer one: 409). */
export const ZIndicatorUpdate = ZIndicatorFields.extend({ version: ZVersion })
  .refine(ratioHasLabels, RATIO_LABELS)
  .refine(breakdownFits, BREAKDOWN_FITS);
export type TIndicatorUpdate = z.infer<typeof ZIndicatorUpdate>;

export const ZIndicator = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  kind: ZIndicatorKind,
  unit: z.string().nullable(),
  numeratorLabel: z.string().nullable(),
  denominatorLabel: z.string().nullable(),
  disaggregation: ZDisaggregation,
  aggregation: ZAggregation,
  threshold: z.number().int(),
  version: z.number().int(),
  /** ISO date-time it was retired (no longer offered for new targets and forms); null or absent: in use. */
  retiredAt: z.string().nullable().optional(),
});
export type TIndicator = z.infer<typeof ZIndicator>;

export const ZIndicatorList = z.object({ indicators: z.array(ZIndicator) });
export type TIndicatorList = z.infer<typeof ZIndicatorList>;

/** The indicator page's search: words of the name or code, and whether retired ones are listed. */
export const ZIndicatorCatalogueQuery = z.object({
  q: z.string().trim().max(200).optional(),
  retired: z.enum(['exclude', 'include', 'only']).default('exclude'),
});
export type TIndicatorCatalogueQuery = z.infer<typeof ZIndicatorCatalogueQuery>;

/** An indicator with what uses it: targets it measures, forms that ask it, reports that hold a value. */
export const ZIndicatorUse = z.object({
  targets: z.number().int(),
  forms: z.number().int(),
  reports: z.number().int(),
});
export const ZIndicatorCatalogue = z.object({
  indicators: z.array(ZIndicator.extend({ use: ZIndicatorUse })),
});
export type TIndicatorCatalogue = z.infer<typeof ZIndicatorCatalogue>;
export type TIndicatorWithUse = TIndicatorCatalogue['indicators'][number];

/** For one target of a plan: the indicator it is bound to and the best matches by the target's words. */
export const ZTargetSuggestions = z.object({
  targetId: z.number().int(),
  text: z.string(),
  boundIndicatorId: z.number().int().nullable(),
  suggestions: z.array(z.object({ indicator: ZIndicator, score: z.number() })),
});
export type TTargetSuggestions = z.infer<typeof ZTargetSuggestions>;

export const ZTargetSuggestionList = z.object({ targets: z.array(ZTargetSuggestions) });
export type TTargetSuggestionList = z.infer<typeof ZTargetSuggestionList>;

export const ZTargetBinding = z.object({ targetId: z.number().int(), indicatorId: z.number().int() });
export type TTargetBinding = z.infer<typeof ZTargetBinding>;

/** The five sections of a union report, written once in the domain (zod-free, read by the browser too). */
export { DEFAULT_SECTIONS } from '../domain/reporting/report-sections.ts';

export const ZFormSection = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,40}$/),
  title: z.string().trim().min(1).max(300),
  required: z.boolean(),
});
export const ZFormContent = z.object({
  indicators: z.array(z.object({ indicatorId: ZRefId, required: z.boolean() })).max(100),
  sections: z.array(ZFormSection).max(20),
  allowAttachments: z.boolean().default(true),
});
export type TFormContent = z.infer<typeof ZFormContent>;

export const ZForm = z.object({
  id: z.number().int(),
  name: z.string(),
  planId: z.number().int().nullable(),
  versionId: z.number().int(),
  versionNumber: z.number().int(),
  indicators: z.array(ZIndicator.extend({ required: z.boolean() })),
  sections: z.array(ZFormSection),
  allowAttachments: z.boolean(),
  version: z.number().int(),
});
export type TForm = z.infer<typeof ZForm>;

export const ZScheduleCreate = z.object({
  planId: ZRefId,
  dutyIndex: z.number().int().min(0).max(1000).nullable().default(null),
  name: z.string().trim().min(1).max(300),
  frequency: z.enum(['annual', 'semiannual', 'quarterly', 'monthly', 'once']),
  dueRule: z.string().max(10).nullable(),
  fromYear: z.number().int().min(2000).max(2100),
  toYear: z.number().int().min(2000).max(2100),
  leadDays: z.number().int().min(0).max(60).default(5),
  unitTypes: z.array(ZUnitType).default(['grassroots']),
  form: ZFormContent.extend({ name: z.string().trim().min(1).max(300) }),
});
export type TScheduleCreate = z.infer<typeof ZScheduleCreate>;
export type TFrequency = TScheduleCreate['frequency'];

export const REPORT_STATUSES = ['not_started', 'draft', 'submitted', 'returned', 'approved'] as const;
export const ZReportStatus = z.enum(REPORT_STATUSES);
export type TReportStatus = z.infer<typeof ZReportStatus>;

export const ZPeriod = z.object({
  id: z.number().int(),
  scheduleId: z.number().int(),
  key: z.string(),
  label: z.string(),
  startsOn: ZIsoDate,
  endsOn: ZIsoDate,
  cutoffFrom: ZIsoDate,
  cutoffTo: ZIsoDate,
  dueOn: ZIsoDate,
});
export type TPeriod = z.infer<typeof ZPeriod>;

/** A plan's reporting duty as a schedule: its form (current version) and its periods. */
export const ZSchedule = z.object({
  id: z.number().int(),
  planId: z.number().int(),
  name: z.string(),
  frequency: ZScheduleCreate.shape.frequency,
  dueRule: z.string().nullable(),
  leadDays: z.number().int(),
  unitTypes: z.array(ZUnitType),
  form: ZForm,
  periods: z.array(ZPeriod),
});
export type TSchedule = z.infer<typeof ZSchedule>;

export const ZScheduleList = z.object({ schedules: z.array(ZSchedule) });
export type TScheduleList = z.infer<typeof ZScheduleList>;

/** One unit expected to report for a period, with its report's state. */
export const ZPeriodStatusRow = z.object({
  unitId: z.number().int(),
  unitName: z.string(),
  unitType: ZUnitType,
  parentId: z.number().int().nullable(),
  reportId: z.number().int().nullable(),
  status: ZReportStatus,
  dueOn: ZIsoDate,
  submittedAt: z.string().nullable(),
  late: z.boolean(),
});
export type TPeriodStatusRow = z.infer<typeof ZPeriodStatusRow>;

/** Units × status for one period, with the counts over the units the caller may see. */
export const ZPeriodStatus = z.object({
  period: ZPeriod,
  scheduleName: z.string(),
  expected: z.number().int(),
  submitted: z.number().int(),
  approved: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  rows: z.array(ZPeriodStatusRow),
});
export type TPeriodStatus = z.infer<typeof ZPeriodStatus>;

export const ZValueInput = z.object({
  indicatorId: ZRefId,
  category: ZCategory.default('total'),
  numerator: z.number().finite().nullable(),
  denominator: z.number().finite().nullable().default(null),
  comment: z.string().max(2000).nullable().default(null),
});
export type TValueInput = z.infer<typeof ZValueInput>;

export const ZReportSave = z.object({
  values: z.array(ZValueInput).max(1000),
  narrative: z.record(z.string().max(60), z.string().max(50_000)),
  version: ZVersion,
});
export type TReportSave = z.infer<typeof ZReportSave>;

export const ZIssue = z.object({
  field: z.string(),
  message: z.string(),
  severity: z.enum(['error', 'warning']),
});
export type TIssue = z.infer<typeof ZIssue>;

/** A file attached to a report (the file itself is downloaded from its own address). */
export const ZAttachment = z.object({
  id: z.number().int(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
});
export type TAttachment = z.infer<typeof ZAttachment>;

export const ZReport = z.object({
  id: z.number().int(),
  period: ZPeriod,
  scheduleName: z.string(),
  planId: z.number().int(),
  planTitle: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
  status: ZReportStatus,
  dueOn: ZIsoDate,
  late: z.boolean(),
  submittedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  returnReason: z.string().nullable(),
  form: ZForm,
  values: z.array(ZValueInput.extend({ category: ZCategory })),
  previousValues: z.array(ZValueInput.extend({ category: ZCategory })),
  narrative: z.record(z.string(), z.string()),
  attachments: z.array(ZAttachment),
  issues: z.array(ZIssue),
  isDemo: z.boolean(),
  version: z.number().int(),
});
export type TReport = z.infer<typeof ZReport>;

export const ZDueItem = z.object({
  reportId: z.number().int().nullable(),
  periodId: z.number().int(),
  periodLabel: z.string(),
  scheduleName: z.string(),
  planTitle: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
  dueOn: ZIsoDate,
  status: ZReportStatus,
  late: z.boolean(),
});
export type TDueItem = z.infer<typeof ZDueItem>;

export const ZDueList = z.object({ items: z.array(ZDueItem) });
export type TDueList = z.infer<typeof ZDueList>;

/** The review queue a page at a time, oldest sent first. */
export const ZReviewQueueQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type TReviewQueueQuery = z.infer<typeof ZReviewQueueQuery>;

export const ZReviewItem = z.object({
  reportId: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  periodLabel: z.string(),
  scheduleName: z.string(),
  dueOn: ZIsoDate,
  submittedAt: z.string().nullable(),
  late: z.boolean(),
  version: z.number().int(),
});
export type TReviewItem = z.infer<typeof ZReviewItem>;

export const ZReviewQueue = z.object({
  items: z.array(ZReviewItem),
  /** All reports waiting, of which `items` is the page asked for. */
  total: z.number().int(),
});
export type TReviewQueue = z.infer<typeof ZReviewQueue>;

export const ZReturn = z.object({ reason: z.string().trim().min(3).max(2000), version: ZVersion });
export const ZReview = z.object({ version: ZVersion });

export const ZExcelRowError = z.object({
  sheet: z.string(),
  cell: z.string(),
  row: z.number().int(),
  field: z.string(),
  message: z.string(),
});
export const ZExcelImportResult = z.object({
  applied: z.boolean(),
  /** reports the file changes (saved when applied) */
  reports: z.number().int(),
  /** rows identical to what is stored: nothing to save */
  unchanged: z.number().int(),
  /** rows of reports already submitted or approved: locked in the template, left as they are */
  skipped: z.number().int(),
  /** reports the file sends (an import with submit): every filled, open row (sent when applied) */
  submitted: z.number().int(),
  errors: z.array(ZExcelRowError),
});
export type TExcelImportResult = z.infer<typeof ZExcelImportResult>;
