import { z } from 'zod';
import { ZPassword, ZRole, ZUserCreate } from './auth.ts';
import { ZRefId } from './common.ts';

export const ZSetupStatus = z.object({ needsSetup: z.boolean(), demo: z.boolean() });

/** First run: the first administrator, the organisation and how to start. */
export const ZSetup = z.object({
  organisationName: z.string().trim().min(2).max(300),
  start: z.enum(['reference', 'empty', 'demo']),
  admin: ZUserCreate.pick({ username: true, displayName: true, password: true }),
});
export type TSetup = z.infer<typeof ZSetup>;

export const ZInvitationCreate = z.object({
  role: ZRole,
  homeUnitId: ZRefId,
  expiresInDays: z.number().int().min(1).max(30).default(7),
});

export const ZInvitationAccept = z.object({
  username: ZUserCreate.shape.username,
  displayName: z.string().trim().min(1).max(200),
  password: ZPassword,
});
