import { z } from 'zod';
import { ZId, ZIsoDate, ZRefId, ZVersion } from './common.ts';
import { ZUnitType } from './org.ts';
import {
  type TSigner,
  ZExtractedDocument,
  ZMilestone,
  ZReportingFrequency,
  ZSigner,
  ZSignerAuthority,
} from './plan-extract.ts';

export const TASK_STATUSES = ['not_started', 'in_progress', 'done', 'overdue'] as const;
export const ZTaskStatus = z.enum(TASK_STATUSES);
export type TTaskStatus = z.infer<typeof ZTaskStatus>;

export const ZPlanTargetInput = z.object({
  text: z.string().trim().min(1).max(2000),
  milestones: z.array(ZMilestone).max(20),
  sourceTargetId: ZRefId.nullable().optional(),
});
/**
 * A cooperating body of a task: a unit of the organisation (its id, with the name shown) or a
 * body outside it by name only ("Sở Nội vụ"). Plans saved before units could be picked hold
 * bare names; they are read as `{ text, unitId: null }`.
 */
export const ZCooperatingUnit = z.object({
  text: z.string().trim().min(1).max(300),
  unitId: ZRefId.nullable(),
});
export type TCooperatingUnit = z.infer<typeof ZCooperatingUnit>;

export const ZPlanTaskInput = z.object({
  text: z.string().trim().min(1).max(4000),
  leadText: z.string().max(300).nullable().optional(),
  leadUnitId: ZRefId.nullable().optional(),
  cooperating: z.array(ZCooperatingUnit).max(30).default([]),
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
export type TPlanFromExtract = z.input<typeof ZPlanFromExtract>;

export const ZDerivePlan = z.object({
  unitId: ZRefId,
  /** Days by which this level's report dates come before the parent's (default 10). */
  reportLeadDays: z.number().int().min(0).max(60).default(10),
  implementDeadline: ZIsoDate.nullable().optional(),
});
export type TDerivePlan = z.input<typeof ZDerivePlan>;

/**
 * What a signature block needs (Decree 30/2020, Appendix I): the signer's name; the body acted
 * for after an authority ("TM. BAN THƯỜNG VỤ", "KT. CHỦ TỊCH"); the signer's own title, except
 * under "Q." where the acting title is the whole line ("Q. CHỦ TỊCH"). The one place this rule is
 * written: the request schema and the issuing service both ask it.
 */
export function signerProblems(signer: TSigner | null | undefined): { field: string; detail: string }[] {
  if (!signer) return [{ field: 'signer', detail: 'chưa có người ký' }];
  const filled = (v: string | null) => (v ?? '').trim().length > 0;
  const problems: { field: string; detail: string }[] = [];
  if (signer.authority && !filled(signer.on_behalf_of))
    problems.push({
      field: 'signer.on_behalf_of',
      detail: `ghi rõ "${signer.authority}" ai (ví dụ BAN THƯỜNG VỤ, CHỦ TỊCH)`,
    });
  if (signer.authority !== 'Q.' && !filled(signer.title))
    problems.push({ field: 'signer.title', detail: 'chưa có chức vụ người ký' });
  if (!filled(signer.name)) problems.push({ field: 'signer.name', detail: 'chưa có họ tên người ký' });
  return problems;
}

const ZSignerText = z.string().trim().max(200).nullable();
/** The signer chosen when issuing: `signerProblems` must find nothing. */
export const ZIssueSigner = z
  .object({
    authority: ZSignerAuthority.nullable(),
    on_behalf_of: ZSignerText,
    title: ZSignerText,
    name: ZSignerText,
  })
  .superRefine((signer, ctx) => {
    for (const p of signerProblems(signer)) {
      ctx.addIssue({ code: 'custom', path: p.field.split('.').slice(1), message: p.detail });
    }
  });

export const ZIssuePlan = z.object({
  symbol: z.string().trim().min(3).max(60),
  issuedOn: ZIsoDate,
  version: ZVersion,
  signer: ZIssueSigner,
  /** Issue a text written without diacritics as it is (the officer has read it). */
  acceptWithoutDiacritics: z.boolean().optional(),
});
export type TIssuePlan = z.infer<typeof ZIssuePlan>;

/** The number suggested for issuing, and the signer the unit last signed with. */
export const ZIssueSuggestion = z.object({
  number: z.number().int(),
  symbol: z.string(),
  signer: ZSigner.nullable(),
  /** every signer the unit has issued plans with, the latest first: the issue dialog offers them */
  signers: z.array(ZSigner).default([]),
});
export type TIssueSuggestion = z.infer<typeof ZIssueSuggestion>;

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
  /** Events with the solar days they fall on in the plan's years (lunar ones converted). */
  events: z.array(
    ZPlanEventInput.extend({
      occurrences: z.array(
        z.object({
          year: z.number().int(),
          start: ZIsoDate,
          end: ZIsoDate.nullable(),
          adjusted: z.boolean(),
        }),
      ),
    }),
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

export const ZPlanList = z.object({ plans: z.array(ZPlanSummary) });
export type TPlanList = z.infer<typeof ZPlanList>;

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
  /** Days past the deadline: until issuing (issued late) or until today (not issued, late). */
  daysLate: z.number().int(),
});
/** The plan's tasks by lead unit: how many, done, overdue, and which are overdue. */
export const ZComplianceTasksOfUnit = z.object({
  unitId: z.number().int().nullable(),
  lead: z.string(),
  total: z.number().int(),
  done: z.number().int(),
  overdue: z.number().int(),
  overdueTasks: z.array(
    z.object({
      taskId: z.number().int(),
      text: z.string(),
      deadline: ZIsoDate,
      daysLate: z.number().int(),
      status: ZTaskStatus,
    }),
  ),
});
export const ZCompliance = z.object({
  planId: z.number().int(),
  deadline: ZIsoDate.nullable(),
  asOf: ZIsoDate,
  inScope: z.number().int(),
  issued: z.number().int(),
  late: z.number().int(),
  rows: z.array(ZComplianceRow),
  tasksByUnit: z.array(ZComplianceTasksOfUnit),
});
export type TCompliance = z.infer<typeof ZCompliance>;

/** "Bảng công việc": what the issued plans ask of a unit and the units below it. */
export const ZTaskBoardQuery = z.object({
  /** The unit whose board it is (default the caller's home unit); its subtree is included. */
  unitId: ZId.optional(),
  /** "Của tôi": only what concerns the unit itself, not the units below it. */
  mine: z.enum(['true', 'false']).default('false'),
  overdue: z.enum(['true', 'false']).default('false'),
  status: ZTaskStatus.optional(),
  planId: ZId.optional(),
  q: z.string().max(200).optional(),
});
export type TTaskBoardQuery = Omit<z.input<typeof ZTaskBoardQuery>, 'unitId' | 'planId'> & {
  unitId?: number | undefined;
  planId?: number | undefined;
};

export const ZTaskBoardItem = z.object({
  /** `task-<id>-<unit id>` or `assignment-<id>-<unit id>`. */
  key: z.string(),
  kind: z.enum(['task', 'assignment']),
  /** How the unit is concerned: it leads the task, cooperates on it, or the plan assigns it work. */
  role: z.enum(['lead', 'cooperating', 'assigned']),
  planId: z.number().int(),
  planSymbol: z.string().nullable(),
  planTitle: z.string(),
  planUnitId: z.number().int(),
  planUnitName: z.string(),
  taskId: z.number().int().nullable(),
  version: z.number().int().nullable(),
  text: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
  deadline: ZIsoDate.nullable(),
  /** Task status, or for an assignment: done when the unit has issued its implementing plan. */
  status: ZTaskStatus,
  settableStatus: ZTaskStatus.exclude(['overdue']).nullable(),
  progressNote: z.string().nullable(),
  daysLate: z.number().int(),
  /** Whether the caller may report this task's progress (the lead unit or the plan's owner). */
  canReport: z.boolean(),
});
export type TTaskBoardItem = z.infer<typeof ZTaskBoardItem>;

export const ZTaskBoard = z.object({
  unitId: z.number().int().nullable(),
  asOf: ZIsoDate,
  /** Items matching the filters; at most `limit` are returned. */
  total: z.number().int(),
  overdue: z.number().int(),
  limit: z.number().int(),
  plans: z.array(z.object({ id: z.number().int(), label: z.string() })),
  items: z.array(ZTaskBoardItem),
});
export type TTaskBoard = z.infer<typeof ZTaskBoard>;
