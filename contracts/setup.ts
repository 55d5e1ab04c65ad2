import { z } from 'zod';
import { ZPassword, ZRole, ZUserCreate } from './auth.ts';
import { ZName, ZRefId } from './common.ts';

export const ZSetupStatus = z.object({ needsSetup: z.boolean(), demo: z.boolean() });
export type TSetupStatus = z.infer<typeof ZSetupStatus>;

/** First run: the first administrator, the organisation and how to start. */
export const ZSetup = z.object({
  organisationName: ZName(300).pipe(z.string().min(2)),
  start: z.enum(['reference', 'empty', 'demo']),
  admin: ZUserCreate.pick({ username: true, displayName: true, password: true }),
});
export type TSetup = z.infer<typeof ZSetup>;

export const ZInvitationCreate = z.object({
  role: ZRole,
  homeUnitId: ZRefId,
  expiresInDays: z.number().int().min(1).max(30).default(7),
});

/** An invitation as managers see it (never its token: only its hash is stored). */
export const ZInvitation = z.object({
  id: z.number().int(),
  role: ZRole,
  homeUnitId: z.number().int(),
  homeUnitName: z.string(),
  invitedBy: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
  /** `revoked` also when its inviter was deactivated: the link no longer opens. */
  state: z.enum(['open', 'accepted', 'expired', 'revoked']),
  acceptedAt: z.string().nullable(),
  acceptedUsername: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type TInvitation = z.infer<typeof ZInvitation>;

export const ZInvitationList = z.object({ invitations: z.array(ZInvitation) });
export type TInvitationList = z.infer<typeof ZInvitationList>;

export const ZInvitationAccept = z.object({
  username: ZUserCreate.shape.username,
  displayName: ZName(200),
  password: ZPassword,
});
export type TInvitationCreate = z.input<typeof ZInvitationCreate>;
export type TInvitationAccept = z.infer<typeof ZInvitationAccept>;

/** A new invitation: the path of its link on this server (`/moi/<token>`) and when it expires. */
export const ZInvitationLink = z.object({ url: z.string(), expiresAt: z.string() });
export type TInvitationLink = z.infer<typeof ZInvitationLink>;

/** What an invitation offers, shown on the page its link opens. */
export const ZInvitationOffer = z.object({
  role: ZRole,
  unitName: z.string(),
  expiresAt: z.string(),
  invitedBy: z.string().nullable(),
});
export type TInvitationOffer = z.infer<typeof ZInvitationOffer>;
