import type { TRole, TUser, TUserCreate, TUserUpdate } from '../../contracts/auth.ts';
import { toIsoTimestamp } from '../../domain/dates.ts';
import { roleAtLeast } from '../../domain/roles.ts';
import type { Database } from '../db/client.ts';
import { AppError, notFound, versionConflict } from '../errors.ts';
import { nounRef } from '../i18n/messages.ts';
import type { OrgRepository } from '../repositories/org.repository.ts';
import type { SessionRepository } from '../repositories/session.repository.ts';
import type { UserRepository, UserWithUnit } from '../repositories/user.repository.ts';
import type { AccessService } from './access.service.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import { hashPassword } from './password.ts';
import type { SessionCache } from './session-cache.ts';

function toUser(row: UserWithUnit): TUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role as TRole,
    homeUnitId: row.homeUnitId,
    homeUnitName: row.homeUnitName,
    active: row.active,
    version: row.version,
    createdAt: toIsoTimestamp(row.createdAt),
  };
}

/** Accounts: managers manage the users of their own subtree, never above their own role. */
export class UserService {
  constructor(
    private readonly database: Database,
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly org: OrgRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly sessionCache: SessionCache,
    /** Revokes the open invitations of a deactivated account (`SetupService.revokeInvitationsOf`). */
    private readonly onDeactivated: (actor: Actor, userId: number) => Promise<unknown> = async () =>
      undefined,
  ) {}

  async list(actor: Actor): Promise<TUser[]> {
    this.access.assertRole(actor, 'manager');
    const unitIds =
      actor.homeUnitId === null
        ? null
        : (await this.org.tree(this.access.today(), actor.homeUnitId)).map((u) => u.id);
    return (await this.users.list(unitIds)).map(toUser);
  }

  async create(actor: Actor, input: TUserCreate): Promise<TUser> {
    this.access.assertRole(actor, 'manager');
    if (!roleAtLeast(actor.role, input.role)) throw new AppError(403, 'role_too_high', {}, 'role');
    await this.access.assertUnitAccess(actor, input.homeUnitId);
    const passwordHash = await hashPassword(input.password);
    const id = await this.database.transaction(async () => {
      if (await this.users.findByUsername(input.username)) {
        throw new AppError(
          409,
          'duplicate',
          { field: nounRef('username'), value: input.username },
          'username',
        );
      }
      const row = await this.users.insert({
        username: input.username,
        displayName: input.displayName,
        passwordHash,
        role: input.role,
        homeUnitId: input.homeUnitId,
        email: input.email ?? null,
      });
      const { passwordHash: _omit, ...safe } = row;
      await this.audit.record(actor, 'user.create', 'user', row.id, null, safe);
      return row.id;
    });
    return this.get(id);
  }

  async update(actor: Actor, id: number, input: TUserUpdate): Promise<TUser> {
    this.access.assertRole(actor, 'manager');
    const existing = await this.users.findById(id);
    if (!existing) throw notFound('user');
    await this.access.assertAccountChange(actor, {
      role: existing.role as TRole,
      homeUnitId: existing.homeUnitId,
    });
    if (input.role && !roleAtLeast(actor.role, input.role))
      throw new AppError(403, 'role_too_high', {}, 'role');
    if (input.homeUnitId) await this.access.assertUnitAccess(actor, input.homeUnitId);
    const passwordHash = input.password ? await hashPassword(input.password) : undefined;
    await this.database.transaction(async () => {
      const updated = await this.users.update(id, input.version, {
        ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
        ...(input.role !== undefined ? { role: input.role } : {}),
        ...(input.homeUnitId !== undefined ? { homeUnitId: input.homeUnitId } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        ...(input.email !== undefined ? { email: input.email } : {}),
        ...(passwordHash ? { passwordHash } : {}),
      });
      if (!updated) throw versionConflict({ version: existing.version });
      // Deactivation or a new password ends the user's sessions everywhere.
      if (input.active === false || passwordHash) await this.sessions.deleteForUser(id);
      if (input.active === false && existing.active) await this.onDeactivated(actor, id);
      const { passwordHash: _a, ...before } = existing;
      const { passwordHash: _b, ...after } = updated;
      await this.audit.record(actor, 'user.update', 'user', id, before, {
        ...after,
        passwordChanged: Boolean(passwordHash),
      });
    });
    // The database tells every server; this one forgets the user's sessions at once.
    this.sessionCache.forgetUser(id);
    return this.get(id);
  }

  /** Used by the CLI and demo loader, acting as the system. */
  async get(id: number): Promise<TUser> {
    const [row] = (await this.users.list(null)).filter((u) => u.id === id);
    if (!row) throw notFound('user');
    return toUser(row);
  }
}
