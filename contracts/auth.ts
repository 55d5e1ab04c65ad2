import { z } from 'zod';
import { ZName, ZRefId, ZVersion } from './common.ts';
export const ROLES = ['viewer', 'officer', 'manager', 'admin'] as const;
export const ZRole = z.enum(ROLES);
export type TRole = z.infer<typeof ZRole>;

export const ZLogin = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});
export type TLogin = z.infer<typeof ZLogin>;

export const ZSessionUser = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: ZRole,
  homeUnitId: z.number().int(),
  homeUnitName: z.string(),
  locale: z.enum(['vi', 'en']),
});
export type TSessionUser = z.infer<typeof ZSessionUser>;

export const ZMe = z.object({ user: ZSessionUser, csrfToken: z.string() });
export type TMe = z.infer<typeof ZMe>;

/** Password rule: at least 10 characters with a letter and a digit. */
export const ZPassword = z
  .string()
  .min(10, 'password must have at least 10 characters')
  .max(200)
  .refine((p) => /\p{L}/u.test(p) && /\d/.test(p), 'password must contain a letter and a digit');

/** The signed-in user's own password change: the current one, and a new one meeting the rule. */
export const ZPasswordChange = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: ZPassword,
});
export type TPasswordChange = z.infer<typeof ZPasswordChange>;

export const ZUserCreate = z.object({
  username: z
    .string()
    .trim()
    .min(3)
    .max(50)
    .regex(/^[a-z0-9._-]+$/, 'username: lower-case letters, digits, dot, dash, underscore'),
  displayName: ZName(200),
  password: ZPassword,
  role: ZRole,
  homeUnitId: ZRefId,
  email: z.string().trim().email().max(200).nullable().optional(),
});
export type TUserCreate = z.infer<typeof ZUserCreate>;

export const ZUserUpdate = z.object({
  displayName: ZName(200).optional(),
  role: ZRole.optional(),
  homeUnitId: ZRefId.optional(),
  active: z.boolean().optional(),
  password: ZPassword.optional(),
  email: z.string().trim().email().max(200).nullable().optional(),
  version: ZVersion,
});
export type TUserUpdate = z.infer<typeof ZUserUpdate>;

export const ZUser = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: ZRole,
  homeUnitId: z.number().int(),
  homeUnitName: z.string(),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
});
export type TUser = z.infer<typeof ZUser>;

export const ZUserList = z.object({ users: z.array(ZUser) });
export type TUserList = z.infer<typeof ZUserList>;
