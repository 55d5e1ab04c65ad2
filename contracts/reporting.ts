import { z } from 'zod';
import { ZIsoDate, ZRefId, ZVersion } from './common.ts';
import { ZUnitType } from './org.ts';

export const INDICATOR_KINDS = ['ratio', 'count', 'sum', 'boolean'] as const;
export const ZIndicatorKind = z.enum(INDICATOR_KINDS);
export const ZAggregation = z.enum(['sum', 'count_units_meeting']);
export const ZDisaggregation = z.enum(['none', 'sex']);
export const CATEGORIES = ['total', 'male', 'female'] as const;
export const ZCategory = z.enum(CATEGORIES);
export type TCategory = z.infer<typeof ZCategory>;

export const ZIndicatorInput = z
  .object({
    code: z
      .string()
      .trim()
      .min(1)
      .max(50)
      .regex(/^[\p{L}\p{N}._-]+$/u, 'code: letters, digits, dot, dash, underscore'),
    name: z.string().trim().min(1).max(500),
    kind: ZIndicatorKind,
    unit: z.string().trim().max(50).nullable().default(null),
    numeratorLabel: z.string().trim().max(300).nullable().default(null),
    denominatorLabel: z.string().trim().max(300).nullable().default(null),
    disaggregation: ZDisaggregation.default('none'),
    aggregation: ZAggregation.default('sum'),
    threshold: z.number().int().min(0).max(1_000_000).default(1),
  })
  .refine((i) => i.kind !== 'ratio' || (i.numeratorLabel && i.denominatorLabel), {
    message: 'a ratio needs numerator and denominator labels',
    path: ['denominatorLabel'],
  });
export type TIndicatorInput = z.infer<typeof ZIndicatorInput>;

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
});
export type TIndicator = z.infer<typeof ZIndicator>;

export const DEFAULT_SECTIONS = [
  { key: 'results', title: 'Kết quả thực hiện', required: true },
  { key: 'shortcomings', title: 'Tồn tại, hạn chế', required: false },
  { key: 'causes', title: 'Nguyên nhân', required: false },
  { key: 'directions', title: 'Phương hướng, nhiệm vụ', required: false },
  { key: 'proposals', title: 'Kiến nghị, đề xuất', required: false },
] as const;

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
  attachments: z.array(
    z.object({ id: z.number().int(), fileName: z.string(), contentType: z.string(), size: z.number().int() }),
  ),
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
  errors: z.array(ZExcelRowError),
});
export type TExcelImportResult = z.infer<typeof ZExcelImportResult>;
