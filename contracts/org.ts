import { z } from 'zod';
import { ZId, ZIsoDate, ZName, ZOptionalName, ZRefId, ZVersion } from './common.ts';

/** Kinds of org unit, top to bottom. `district` units ended with the 2025 reorganisation. */
export const UNIT_TYPES = [
  'national',
  'province',
  'central_sector',
  'district',
  'commune',
  'sector',
  'industrial_zone',
  'grassroots',
] as const;
export const ZUnitType = z.enum(UNIT_TYPES);
export type TUnitType = z.infer<typeof ZUnitType>;

/** One unit as it stood on a date (name and parent of that date). */
export const ZOrgUnitAsOf = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  type: ZUnitType,
  parentId: z.number().int().nullable(),
  depth: z.number().int(),
  validFrom: ZIsoDate,
  validTo: ZIsoDate.nullable(),
  isDemo: z.boolean(),
});
export type TOrgUnitAsOf = z.infer<typeof ZOrgUnitAsOf>;

export const ZOrgUnitList = z.object({ units: z.array(ZOrgUnitAsOf) });
export type TOrgUnitList = z.infer<typeof ZOrgUnitList>;

export const ZOrgTree = z.object({ date: ZIsoDate, units: z.array(ZOrgUnitAsOf) });
export type TOrgTree = z.infer<typeof ZOrgTree>;

export const ZTreeQuery = z.object({
  date: ZIsoDate.optional(),
  root: ZId.optional(),
  maxDepth: z.coerce.number().int().min(0).max(10).optional(),
});

export const ZNameSpan = z.object({
  name: z.string(),
  shortName: z.string().nullable(),
  validFrom: ZIsoDate,
  validTo: ZIsoDate.nullable(),
});
export const ZParentSpan = z.object({
  parentId: z.number().int().nullable(),
  parentName: z.string().nullable(),
  validFrom: ZIsoDate,
  validTo: ZIsoDate.nullable(),
});

export const EVENT_KINDS = ['create', 'rename', 'move', 'merge', 'split', 'close', 'import'] as const;
export const ZOrgEventKind = z.enum(EVENT_KINDS);

export const ZLineageLink = z.object({
  unitId: z.number().int(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(['merge', 'split']),
  effectiveDate: ZIsoDate,
});

export const ZOrgEvent = z.object({
  id: z.number().int(),
  kind: ZOrgEventKind,
  effectiveDate: ZIsoDate,
  note: z.string().nullable(),
  createdAt: z.string(),
});

export const ZOrgUnitDetail = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  type: ZUnitType,
  validFrom: ZIsoDate,
  validTo: ZIsoDate.nullable(),
  isDemo: z.boolean(),
  version: z.number().int(),
  asOf: ZIsoDate,
  names: z.array(ZNameSpan),
  parents: z.array(ZParentSpan),
  ancestors: z.array(z.object({ id: z.number().int(), code: z.string(), name: z.string() })),
  childCount: z.number().int(),
  predecessors: z.array(ZLineageLink),
  successors: z.array(ZLineageLink),
  events: z.array(ZOrgEvent),
});
export type TOrgUnitDetail = z.infer<typeof ZOrgUnitDetail>;

const ZCode = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[\p{L}\p{N}._-]+$/u, 'code: letters, digits, dot, dash, underscore');
const ZUnitName = ZName(300);
const ZShortName = ZOptionalName(100).nullable().optional();

export const ZUnitCreate = z.object({
  code: ZCode,
  name: ZUnitName,
  shortName: ZShortName,
  type: ZUnitType,
  parentId: ZRefId.nullable(),
  effectiveDate: ZIsoDate,
});
export type TUnitCreate = z.infer<typeof ZUnitCreate>;

export const ZUnitRename = z.object({
  name: ZUnitName,
  shortName: ZShortName,
  effectiveDate: ZIsoDate,
  version: ZVersion,
});
export type TUnitRename = z.input<typeof ZUnitRename>;
export const ZUnitMove = z.object({
  parentId: ZRefId,
  effectiveDate: ZIsoDate,
  version: ZVersion,
});
export type TUnitMove = z.input<typeof ZUnitMove>;
export const ZUnitClose = z.object({
  effectiveDate: ZIsoDate,
  version: ZVersion,
  note: z.string().max(500).optional(),
});
export type TUnitClose = z.input<typeof ZUnitClose>;

const ZNewUnit = z.object({
  code: ZCode,
  name: ZUnitName,
  shortName: ZShortName,
  type: ZUnitType,
  parentId: ZRefId.nullable(),
});

/** Merge N units into one: a new unit, or one of the sources that continues (`intoId`). */
export const ZUnitMerge = z
  .object({
    sourceIds: z.array(ZRefId).min(2).max(200),
    into: ZNewUnit.optional(),
    intoId: ZRefId.optional(),
    effectiveDate: ZIsoDate,
    moveChildren: z.boolean().default(true),
    note: z.string().max(500).optional(),
  })
  .refine((v) => (v.into === undefined) !== (v.intoId === undefined), {
    message: 'give exactly one of into (a new unit) or intoId (a continuing unit)',
    path: ['into'],
  });
export type TUnitMerge = z.infer<typeof ZUnitMerge>;
/** What a caller sends (`moveChildren` may be left out). */
export type TUnitMergeInput = z.input<typeof ZUnitMerge>;

export const ZUnitSplit = z.object({
  successors: z.array(ZNewUnit).min(2).max(50),
  effectiveDate: ZIsoDate,
  version: ZVersion,
  note: z.string().max(500).optional(),
});
export type TUnitSplit = z.infer<typeof ZUnitSplit>;

/** The units a split made, as of the split's date. */
export const ZUnitSplitResult = z.object({ successors: z.array(ZOrgUnitDetail) });
export type TUnitSplitResult = z.infer<typeof ZUnitSplitResult>;

/** One row of the CSV/XLSX exchange format. */
export const ORG_CSV_COLUMNS = ['code', 'name', 'type', 'parent_code', 'valid_from', 'valid_to'] as const;

export const ZOrgImportResult = z.object({
  /** False when any row was bad: then nothing was saved. */
  applied: z.boolean(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), field: z.string(), message: z.string() })),
});
export type TOrgImportResult = z.infer<typeof ZOrgImportResult>;

export const ZOrgSearchQuery = z.object({
  q: z.string().max(200),
  date: ZIsoDate.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
