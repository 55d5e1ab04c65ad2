import { z } from 'zod';
import { ZId, ZIsoDate, ZName, ZRefId, ZVersion } from './common.ts';

/**
 * Rosters (danh sách cán bộ), activities (hoạt động) and indicators computed from them. Personal data
 * as Decree 13/2023/NĐ-CP asks: read within the unit's subtree by officers and above, every read
 * audited, exported only by managers, a person deleted on request.
 */

export const ROSTER_CATEGORIES = ['can_bo_chu_chot', 'can_bo_nu_cong', 'uy_vien_bch'] as const;
export const ZRosterCategory = z.enum(ROSTER_CATEGORIES);
export type TRosterCategory = z.infer<typeof ZRosterCategory>;

export const ZSex = z.enum(['male', 'female']);
export type TSex = z.infer<typeof ZSex>;

/** The one purpose the data is kept for (Decree 13/2023/NĐ-CP): stated wherever a roster is shown. */
export const ROSTER_PURPOSE = {
  vi: 'Danh sách chỉ dùng để tính các chỉ tiêu tập huấn, tuyên truyền, chăm lo của kế hoạch công đoàn (Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân). Chỉ cán bộ của đơn vị và cấp trên xem được; mỗi lần xem được ghi nhật ký; người trong danh sách có quyền yêu cầu xóa.',
  en: "The roster is kept only to compute the plan's training, communication and care indicators (Decree 13/2023/NĐ-CP on personal data protection). Only officers of the unit and the levels above may read it; every read is logged; a listed person may ask to be deleted.",
} as const;

export const ZRosterPersonInput = z
  .object({
    unitId: ZRefId,
    category: ZRosterCategory,
    fullName: ZName(200),
    sex: ZSex,
    birthYear: z.number().int().min(1900).max(2100).nullable().default(null),
    position: z.string().trim().max(200).nullable().default(null),
    validFrom: ZIsoDate,
    validTo: ZIsoDate.nullable().default(null),
  })
  .refine((p) => p.validTo === null || p.validTo >= p.validFrom, {
    message: 'validTo before validFrom',
    path: ['validTo'],
  });
export type TRosterPersonInput = z.infer<typeof ZRosterPersonInput>;

export const ZRosterPersonUpdate = ZRosterPersonInput.safeExtend({ version: ZVersion });
export type TRosterPersonUpdate = z.infer<typeof ZRosterPersonUpdate>;

export const ZRosterPerson = z.object({
  id: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  category: ZRosterCategory,
  fullName: z.string(),
  sex: ZSex,
  birthYear: z.number().int().nullable(),
  position: z.string().nullable(),
  validFrom: ZIsoDate,
  validTo: ZIsoDate.nullable(),
  version: z.number().int(),
});
export type TRosterPerson = z.infer<typeof ZRosterPerson>;

export const ZRosterQuery = z.object({
  unitId: ZId,
  category: ZRosterCategory.optional(),
  /** Only people on the roster on this day (default: everyone, past posts included). */
  on: ZIsoDate.optional(),
  /** The unit's whole subtree, not only the unit itself. */
  subtree: z.enum(['true', 'false']).default('false'),
});
export type TRosterQuery = z.infer<typeof ZRosterQuery>;

export const ZRosterList = z.object({ people: z.array(ZRosterPerson), purpose: z.string() });
export type TRosterList = z.infer<typeof ZRosterList>;

export const ZRosterDelete = z.object({
  reason: z.string().trim().min(3).max(500),
  version: ZVersion,
});

export const ZRosterImportRowError = z.object({
  cell: z.string(),
  row: z.number().int(),
  message: z.string(),
});
export const ZRosterImportResult = z.object({
  applied: z.boolean(),
  people: z.number().int(),
  errors: z.array(ZRosterImportRowError),
});
export type TRosterImportResult = z.infer<typeof ZRosterImportResult>;

// ----- activities ---------------------------------------------------------------------------

export const ACTIVITY_KINDS = ['tap_huan', 'tuyen_truyen', 'cham_lo_thieu_nhi', 'khac'] as const;
export const ZActivityKind = z.enum(ACTIVITY_KINDS);
export type TActivityKind = z.infer<typeof ZActivityKind>;

/** Who from the public took part, counted (no names): members, workers, children, others. */
export const PUBLIC_CATEGORIES = ['doan_vien', 'nguoi_lao_dong', 'thieu_nhi', 'khac'] as const;
export const ZPublicCounts = z.partialRecord(
  z.enum(PUBLIC_CATEGORIES),
  z.number().int().min(0).max(10_000_000),
);

export const ZActivityInput = z.object({
  unitId: ZRefId,
  kind: ZActivityKind,
  title: ZName(300),
  heldOn: ZIsoDate,
  planId: ZRefId.nullable().default(null),
  taskId: ZRefId.nullable().default(null),
  /** Roster people who attended; a person named twice counts once. */
  attendeeIds: z.array(ZRefId).max(5000).default([]),
  publicCounts: ZPublicCounts.default({}),
  note: z.string().trim().max(2000).nullable().default(null),
});
export type TActivityInput = z.infer<typeof ZActivityInput>;

export const ZActivityUpdate = ZActivityInput.safeExtend({ version: ZVersion });
export type TActivityUpdate = z.infer<typeof ZActivityUpdate>;

export const ZActivity = z.object({
  id: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  kind: ZActivityKind,
  title: z.string(),
  heldOn: ZIsoDate,
  planId: z.number().int().nullable(),
  taskId: z.number().int().nullable(),
  attendeeCount: z.number().int(),
  publicCounts: ZPublicCounts,
  note: z.string().nullable(),
  version: z.number().int(),
});
export type TActivity = z.infer<typeof ZActivity>;

/** An activity with who attended (a roster read: officers and above, audited). */
export const ZActivityDetail = ZActivity.extend({ attendees: z.array(ZRosterPerson) });
export type TActivityDetail = z.infer<typeof ZActivityDetail>;

export const ZActivityQuery = z.object({
  unitId: ZId,
  kind: ZActivityKind.optional(),
  from: ZIsoDate.optional(),
  to: ZIsoDate.optional(),
});
export const ZActivityList = z.object({ activities: z.array(ZActivity) });
export type TActivityList = z.infer<typeof ZActivityList>;

// ----- computed indicators ------------------------------------------------------------------

/** `attended_share`: distinct people of a roster category who attended an activity of a kind / the category's size. */
export const ZIndicatorDefinitionInput = z.object({
  measure: z.literal('attended_share'),
  rosterCategory: ZRosterCategory,
  activityKind: ZActivityKind,
});
export const ZIndicatorDefinition = ZIndicatorDefinitionInput.extend({ indicatorId: z.number().int() });
export type TIndicatorDefinition = z.infer<typeof ZIndicatorDefinition>;
export const ZIndicatorDefinitionList = z.object({ definitions: z.array(ZIndicatorDefinition) });

/** One computed indicator of a report: what the rosters and activities give, and what the report holds. */
export const ZComputedValue = z.object({
  indicatorId: z.number().int(),
  definition: ZIndicatorDefinition,
  /** The window counted: the plan's first day (or the period's) to the period's end. */
  from: ZIsoDate,
  to: ZIsoDate,
  numerator: z.number().int(),
  denominator: z.number().int(),
  /** The report's stored value (null: not filled yet). */
  stored: z.object({ numerator: z.number().nullable(), denominator: z.number().nullable() }).nullable(),
  /** computed: the report holds the computed value; overridden: a different value with a reason; differs: a different value without one; empty. */
  state: z.enum(['computed', 'overridden', 'differs', 'empty']),
  overrideReason: z.string().nullable(),
});
export type TComputedValue = z.infer<typeof ZComputedValue>;
export const ZComputedValues = z.object({ values: z.array(ZComputedValue) });
export type TComputedValues = z.infer<typeof ZComputedValues>;

/** The people behind a computed value: the category's roster, each marked attended or not. */
export const ZComputedPeople = z.object({
  indicatorId: z.number().int(),
  people: z.array(ZRosterPerson.extend({ attended: z.boolean(), sessions: z.number().int() })),
});
export type TComputedPeople = z.infer<typeof ZComputedPeople>;

export const ZComputedApply = z.object({ version: ZVersion });
export const ZComputedOverride = z.object({
  numerator: z.number().int().min(0).max(10_000_000),
  denominator: z.number().int().min(0).max(10_000_000),
  reason: z.string().trim().min(3).max(1000),
  version: ZVersion,
});
export type TComputedOverride = z.infer<typeof ZComputedOverride>;
