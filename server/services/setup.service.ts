import { createHash, randomBytes } from 'node:crypto';
import type { TRole } from '../../contracts/auth.ts';
import type { TInvitation, TSetup } from '../../contracts/setup.ts';
import { toIsoTimestamp } from '../../domain/dates.ts';
import { roleAtLeast } from '../../domain/roles.ts';
import type { Database } from '../db/client.ts';
import { AppError, notFound } from '../errors.ts';
import type { InvitationListed, InvitationRepository } from '../repositories/invitation.repository.ts';
import type { OrgRepository } from '../repositories/org.repository.ts';
import type { SettingsRepository } from '../repositories/settings.repository.ts';
import type { UserRepository } from '../repositories/user.repository.ts';
import { loadProvinceReference, NATIONAL_CODE } from '../seed/reference-provinces.ts';
import type { AccessService } from './access.service.ts';
import { type Actor, SYSTEM_ACTOR } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import type { OrgChangeService } from './org-change.service.ts';
import { hashPassword } from './password.ts';

/** PostgreSQL's `2026-11-29 14:00:00+00` (and PGlite's ISO form) as epoch milliseconds. */
const parseTimestamp = (text: string): number => Date.parse(toIsoTimestamp(text));

/** Invitations listed at most (newest first): a manager's screen, not an archive. */
const INVITATIONS_LISTED = 200;

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * First run (no user yet): the first administrator, the organisation, and a start — the 2025
 * reference of 34 provincial federations, an empty tree, or the demo. Then invitations: a link
 * with an expiry that lets a person create their own account with a given role and unit.
 */
export class SetupService {
  constructor(
    private readonly database: Database,
    private readonly users: UserRepository,
    private readonly org: OrgRepository,
    private readonly orgChange: OrgChangeService,
    private readonly settings: SettingsRepository,
    private readonly invitations: InvitationRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly loadDemo: () => Promise<unknown>,
  ) {}

  async status() {
    return {
      needsSetup: (await this.users.count()) === 0,
      demo: (await this.settings.get('demo')) !== undefined,
    };
  }

  /** Only while there is no user at all; returns the new administrator's id. */
  async setup(input: TSetup): Promise<number> {
    if (!(await this.status()).needsSetup)
      throw new AppError(
        409,
        'validation',
        { field: 'setup', detail: 'đã có tài khoản; không thiết lập lại được' },
        'setup',
      );
    if (input.start === 'demo') {
      await this.loadDemo();
    }
    const passwordHash = await hashPassword(input.admin.password);
    return this.database.transaction(async () => {
      if ((await this.users.count()) > 0 && input.start !== 'demo')
        throw new AppError(409, 'validation', { field: 'setup', detail: 'đã có tài khoản' }, 'setup');
      if (input.start === 'reference') await loadProvinceReference(this.orgChange, this.org, SYSTEM_ACTOR);
      let root = await this.org.findUnitByCode(NATIONAL_CODE);
      if (!root) {
        const detail = await this.orgChange.create(SYSTEM_ACTOR, {
          code: NATIONAL_CODE,
          name: input.organisationName,
          shortName: null,
          type: 'national',
          parentId: null,
          effectiveDate: this.access.today(),
        });
        root = await this.org.findUnit(detail.id);
      }
      if (await this.users.findByUsername(input.admin.username)) {
        throw new AppError(
          409,
          'duplicate',
          { field: '@username', value: input.admin.username },
          'admin.username',
        );
      }
      const admin = await this.users.insert({
        ...input.admin,
        passwordHash,
        role: 'admin',
        homeUnitId: root!.id,
      });
      await this.settings.set('organisation', { name: input.organisationName });
      await this.audit.record(
        { ...SYSTEM_ACTOR, userId: admin.id },
        'setup.first_run',
        'workspace',
        null,
        null,
        { organisation: input.organisationName, start: input.start },
      );
      return admin.id;
    });
  }

  async invite(
    actor: Actor,
    input: { role: TRole; homeUnitId: number; expiresInDays: number },
  ): Promise<{ url: string; expiresAt: string }> {
    this.access.assertRole(actor, 'manager');
    if (!roleAtLeast(actor.role, input.role)) throw new AppError(403, 'role_too_high', {}, 'role');
    await this.access.assertUnitAccess(actor, input.homeUnitId);
    const token = randomBytes(24).toString('base64url');
    const expiresAt = new Date(this.access.now().getTime() + input.expiresInDays * 86_400_000).toISOString();
    await this.database.transaction(async () => {
      const id = await this.invitations.insert({
        tokenHash: hash(token),
        role: input.role,
        homeUnitId: input.homeUnitId,
        createdBy: actor.userId,
        expiresAt,
      });
      await this.audit.record(actor, 'invitation.create', 'invitation', id, null, {
        role: input.role,
        homeUnitId: input.homeUnitId,
        expiresAt,
      });
    });
    return { url: `/moi/${token}`, expiresAt };
  }

  /** What an invitation offers (for the page the link opens); 404 when unknown or expired. */
  async invitation(token: string) {
    const row = await this.findValid(token);
    const unit = await this.org.unitAsOf(row.homeUnitId, this.access.today());
    const inviter = row.createdBy === null ? undefined : await this.users.findById(row.createdBy);
    return {
      role: row.role as TRole,
      unitName: unit?.name ?? '',
      expiresAt: new Date(parseTimestamp(row.expiresAt)).toISOString(),
      invitedBy: inviter?.displayName ?? null,
    };
  }

  async accept(
    token: string,
    input: { username: string; displayName: string; password: string },
  ): Promise<number> {
    const row = await this.findValid(token);
    const passwordHash = await hashPassword(input.password);
    return this.database.transaction(async () => {
      if (!(await this.invitations.claim(row.id))) throw notFound('invitation');
      if (await this.users.findByUsername(input.username)) {
        throw new AppError(409, 'duplicate', { field: '@username', value: input.username }, 'username');
      }
      const user = await this.users.insert({
        ...input,
        passwordHash,
        role: row.role as TRole,
        homeUnitId: row.homeUnitId,
      });
      await this.invitations.setAcceptedBy(row.id, user.id);
      await this.audit.record(
        { ...SYSTEM_ACTOR, userId: user.id },
        'invitation.accept',
        'invitation',
        row.id,
        null,
        { username: input.username },
      );
      return user.id;
    });
  }

  /**
   * The invitations a manager may see and revoke: those into units of their organisation (all for
   * the national level), newest first, with their state.
   */
  async listInvitations(actor: Actor): Promise<TInvitation[]> {
    this.access.assertRole(actor, 'manager');
    const unitIds =
      actor.homeUnitId === null
        ? null
        : (await this.org.tree(this.access.today(), actor.homeUnitId)).map((u) => u.id);
    const now = this.access.now().getTime();
    return (await this.invitations.list(unitIds, INVITATIONS_LISTED)).map((row) => toInvitation(row, now));
  }

  /**
   * Revokes an open invitation: by a manager who could have made it (its unit in their
   * organisation, 403 otherwise; its role not above theirs). 409 when it was used or revoked already.
   */
  async revokeInvitation(actor: Actor, id: number): Promise<TInvitation> {
    this.access.assertRole(actor, 'manager');
    const row = await this.invitations.findById(id);
    if (!row) throw notFound('invitation');
    await this.access.assertUnitAccess(actor, row.homeUnitId);
    if (!roleAtLeast(actor.role, row.role as TRole)) throw new AppError(403, 'role_too_high', {}, 'role');
    await this.database.transaction(async () => {
      if (!(await this.invitations.revoke(id, actor.userId)))
        throw new AppError(
          409,
          'validation',
          { field: 'invitation', detail: 'lời mời đã được dùng hoặc đã thu hồi' },
          null,
        );
      await this.audit.record(actor, 'invitation.revoke', 'invitation', id, null, { reason: 'manager' });
    });
    const [listed] = (await this.invitations.list(null, INVITATIONS_LISTED)).filter((r) => r.id === id);
    return toInvitation(listed!, this.access.now().getTime());
  }

  /**
   * With a deactivated account: every invitation it made that is still open is revoked (in the
   * deactivating transaction), each recorded in the audit trail.
   */
  async revokeInvitationsOf(actor: Actor, inviterId: number): Promise<number[]> {
    const revoked = await this.invitations.revokeOpenByInviter(inviterId, actor.userId);
    for (const id of revoked)
      await this.audit.record(actor, 'invitation.revoke', 'invitation', id, null, {
        reason: 'inviter_deactivated',
        inviterId,
      });
    return revoked;
  }

  /** An invitation whose link still opens: unknown, used, revoked, expired or from a deactivated inviter: 404. */
  private async findValid(token: string) {
    const row = await this.invitations.findByTokenHash(hash(token));
    if (
      !row ||
      row.acceptedAt !== null ||
      row.revokedAt !== null ||
      !row.inviterActive ||
      parseTimestamp(row.expiresAt) < this.access.now().getTime()
    ) {
      throw notFound('invitation');
    }
    return row;
  }
}

function toInvitation(row: InvitationListed, now: number): TInvitation {
  const expiresAt = toIsoTimestamp(row.expiresAt);
  const state: TInvitation['state'] =
    row.acceptedAt !== null
      ? 'accepted'
      : row.revokedAt !== null || !row.inviterActive
        ? 'revoked'
        : Date.parse(expiresAt) < now
          ? 'expired'
          : 'open';
  return {
    id: row.id,
    role: row.role as TRole,
    homeUnitId: row.homeUnitId,
    homeUnitName: row.homeUnitName,
    invitedBy: row.invitedBy,
    createdAt: toIsoTimestamp(row.createdAt),
    expiresAt,
    state,
    acceptedAt: row.acceptedAt === null ? null : toIsoTimestamp(row.acceptedAt),
    acceptedUsername: row.acceptedUsername,
    revokedAt: row.revokedAt === null ? null : toIsoTimestamp(row.revokedAt),
  };
}
