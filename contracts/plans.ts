import { z } from 'zod';
import { ZIsoDate, ZRefId, ZVersion } from './common.ts';
import { ZUnitType } from './org.ts';
import { ZExtractedDocument, ZMilestone, ZReportingFrequency, ZSigner } from './plan-extract.ts';

export const TASK_STATUSES = ['not_started', 'in_progress', 'done', 'overdue'] as const;
export const ZTaskStatus = z.enum(TASK_STATUSES);
export type TTaskStatus = z.infer<typeof ZTaskStatus>;

export const ZPlanTargetInput = z.object({
  text: z.string().trim().min(1).max(2000),
  milestones: z.array(ZMilestone).max(20),
  sourceTargetId: z.number().int().nullable().optional(),
});
export const ZPlanTaskInput = z.object({
  text: z.string().trim().min(1).max(4000),
  leadText: z.string().max(300).nullable().optional(),
  leadUnitId: ZRefId.nullable().optional(),
  cooperating: z.array(z.string().max(300)).max(30).default([]),
  deadline: ZIsoDate.nullable().optional(),
  status: ZTaskStatus.exclude(['overdue']).default('not_started'),
  progressNote: z.string().max(4000).nullable().optional(),
});
export const ZPlanAssignmentInput = z.object({
  unitText: z.string().trim().min(1).max(300),
  unitId: ZRefId.nullable().optional(),
  unitType: ZUnitType.nullable().optional(),
  text: z.string().max(4000),
});
export const ZPlanReportingInput = z.object({
  frequency: ZReportingFrequency,
  due: z.string().max(10).nullable(),
  recipient: z.string().max(300).nullable(),
});
export const ZPlanEventInput = z.object({
  name: z.string().trim().min(1).max(300),
  start: z.string().regex(/^(\d{4}-)?\d{2}-\d{2}$/, 'MM-DD or YYYY-MM-DD'),
  end: z
    .string()
    .regex(/^(\d{4}-)?\d{2}-\d{2}$/, 'MM-DD or YYYY-MM-DD')
    .nullable(),
  calendar: z.enum(['solar', 'lunar']).default('solar'),
  recurring: z.boolean().default(true),
});

/** Everything of a plan that can be edited; saving replaces it whole (optimistic version). */
export const ZPlanContent = z.object({
  title: z.string().trim().min(1).max(1000),
  kind: z.string().max(10).default('KH'),
  yearFrom: z.number().int().min(1945).max(2100).nullable(),
  yearTo: z.number().int().min(1945).max(2100).nullable(),
  issuerName: z.string().max(300).nullable(),
  supervisingBody: z.string().max(300).nullable(),
  place: z.string().max(100).nullable(),
  preamble: z.string().max(10000).nullable(),
  purposes: z.array(z.string().max(4000)).max(50),
  funding: z.array(z.string().max(2000)).max(20),
  recipients: z.array(z.string().max(300)).max(100),
  signer: ZSigner.nullable(),
  implementDeadline: ZIsoDate.nullable(),
  targets: z.array(ZPlanTargetInput).max(200),
  tasks: z.array(ZPlanTaskInput).max(500),
  assignments: z.array(ZPlanAssignmentInput).max(500),
  reporting: z.array(ZPlanReportingInput).max(50),
  events: z.array(ZPlanEventInput).max(100),
});
export type TPlanContent = z.infer<typeof ZPlanContent>;

export const ZPlanUpdate = ZPlanContent.extend({ version: ZVersion });

/** Save a reviewed extraction as a received plan of a unit (and its document in the registry). */
export const ZPlanFromExtract = z.object({
  unitId: ZRefId,
  document: ZExtractedDocument,
  sourceText: z.string().max(2_000_000).nullable().default(null),
  sourceFileName: z.string().max(200).nullable().default(null),
});

export const ZDerivePlan = z.object({
  unitId: ZRefId,
  /** Days by which this level's report dates come before the parent's (default 10). */
  reportLeadDays: z.number().int().min(0).max(60).default(10),
  implementDeadline: ZIsoDate.nullable().optional(),
});

export const ZIssuePlan = z.object({
  symbol: z.string().trim().min(3).max(60),
  issuedOn: ZIsoDate,
  version: ZVersion,
});

export const ZPlan = ZPlanContent.extend({
  id: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  documentId: z.number().int().nullable(),
  parentPlanId: z.number().int().nullable(),
  parentTitle: z.string().nullable(),
  origin: z.enum(['received', 'own']),
  status: z.enum(['draft', 'issued']),
  symbol: z.string().nullable(),
  issuedOn: ZIsoDate.nullable(),
  isDemo: z.boolean(),
  version: z.number().int(),
  targets: z.array(ZPlanTargetInput.extend({ id: z.number().int() })),
  tasks: z.array(
    ZPlanTaskInput.extend({ id: z.number().int(), effectiveStatus: ZTaskStatus, version: z.number().int() }),
  ),
  warnings: z.array(z.object({ field: z.string(), message: z.string() })),
});
export type TPlan = z.infer<typeof ZPlan>;

export const ZPlanSummary = z.object({
  id: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  title: z.string(),
  origin: z.enum(['received', 'own']),
  status: z.enum(['draft', 'issued']),
  symbol: z.string().nullable(),
  issuedOn: ZIsoDate.nullable(),
  yearFrom: z.number().int().nullable(),
  yearTo: z.number().int().nullable(),
  parentPlanId: z.number().int().nullable(),
  isDemo: z.boolean(),
});
export type TPlanSummary = z.infer<typeof ZPlanSummary>;

export const ZComplianceRow = z.object({
  unitId: z.number().int(),
  unitName: z.string(),
  unitType: ZUnitType,
  planId: z.number().int().nullable(),
  planStatus: z.enum(['none', 'draft', 'issued']),
  symbol: z.string().nullable(),
  issuedOn: ZIsoDate.nullable(),
  deadline: ZIsoDate.nullable(),
  state: z.enum(['issued_on_time', 'issued_late', 'pending', 'late']),
});
export const ZCompliance = z.object({
  planId: z.number().int(),
  deadline: ZIsoDate.nullable(),
  asOf: ZIsoDate,
  inScope: z.number().int(),
  issued: z.number().int(),
  late: z.number().int(),
  rows: z.array(ZComplianceRow),
});
export type TCompliance = z.infer<typeof ZCompliance>;
