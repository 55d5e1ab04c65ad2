import { z } from 'zod';
import { ZId, ZIsoDate } from './common.ts';

/** Filters of the audit trail: by object (type and id), by user, by action, by day range (Vietnam). */
export const ZAuditFilter = z.object({
  objectType: z.string().trim().max(50).optional(),
  objectId: z.string().trim().max(50).optional(),
  userId: ZId.optional(),
  action: z.string().trim().max(80).optional(),
  from: ZIsoDate.optional(),
  to: ZIsoDate.optional(),
});
export type TAuditFilter = z.infer<typeof ZAuditFilter>;

export const ZAuditQuery = ZAuditFilter.extend({
  /** Keyset paging: entries older than this id (the `nextBeforeId` of the previous page). */
  beforeId: ZId.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type TAuditQuery = z.infer<typeof ZAuditQuery>;

export const ZAuditEntry = z.object({
  id: z.number(),
  at: z.string(),
  userId: z.number().nullable(),
  /** The user's sign-in name and display name, when the user is known. */
  username: z.string().nullable(),
  displayName: z.string().nullable(),
  ip: z.string().nullable(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
export type TAuditEntry = z.infer<typeof ZAuditEntry>;

export const ZAuditPage = z.object({
  entries: z.array(ZAuditEntry),
  /** Pass as `beforeId` for the next (older) page; null on the last page. */
  nextBeforeId: z.number().nullable(),
});
export type TAuditPage = z.infer<typeof ZAuditPage>;
