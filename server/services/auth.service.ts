import { createHash, randomBytes } from 'node:crypto';
import type { TSessionUser } from '../../contracts/auth.ts';
import { todayInVietnam } from '../../domain/dates.ts';
import {
  DEVICE_POLICY,
  FORGET_THROTTLE_MS,
  lockLadder,
  type ThrottlePolicy,
  throttleKeys,
} from '../../domain/login-throttle.ts';
import type { Database } from '../db/client.ts';
import { AppError, versionConflict } from '../errors.ts';
import type { OrgRepository } from '../repositories/org.repository.ts';
import type { SessionRepository } from '../repositories/session.repository.ts';
import type { UserRepository, UserRow } from '../repositories/user.repository.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import type { DeviceCookies } from './device-cookie.ts';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password.ts';
import type { SessionCache } from './session-cache.ts';

/** The channel on which the database tells every server that sessions or users changed. */
export const AUTH_CHANNEL = 'tiendo_auth';

export interface SignedIn {
  token: string;
  csrfToken: string;
  user: TSessionUser;
  /** A fresh device cookie for this browser and account (see `DeviceCookies`). */
  deviceCookie: string;
}

export interface Authenticated {
  user: TSessionUser;
  actor: Actor;
  csrfToken: string;
  sessionId: string;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export class AuthService {
  constructor(
    private readonly database: Database,
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly org: OrgRepository,
    private readonly audit: AuditService,
    private readonly sessionTtlMs: number,
    private readonly cache: SessionCache,
    private readonly devices: DeviceCookies,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * Serves sessions from memory while this server hears of every change to sessions and users
   * (the server's job; without it every request reads its session). Returns the stop function.
   */
  startSessionCache(): Promise<() => Promise<void>> {
    return this.database.listen(AUTH_CHANNEL, this.cache.onMessage, this.cache.setListening);
  }

  /**
   * Signs in. The attempt is counted on its keys (`throttleKeys`: the known device's, or the
   * account's and the address's) before the password is hashed, each count one statement: an
   * attempt past a limit is refused (429) without being checked, whatever runs at the same time.
   */
  async login(
    username: string,
    password: string,
    ip: string | null,
    userAgent: string | null,
    deviceCookie?: string,
  ): Promise<SignedIn> {
    const now = this.clock();
    const name = username.toLowerCase();
    const deviceNonce = await this.devices.nonceFor(deviceCookie, name);
    // The address first: attempts from a locked address spend none of the account's.
    const keys = throttleKeys(name, ip, deviceNonce).reverse();
    for (const { key, policy } of keys) await this.countAttempt(key, policy, now);

    const user = await this.users.findByUsername(name);
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || !user.active) {
      await this.audit.record(
        { userId: user?.id ?? null, role: 'viewer', homeUnitId: null, ip },
        'auth.login_failed',
        'user',
        user?.id ?? null,
        null,
        { username, knownDevice: deviceNonce !== null },
      );
      throw new AppError(401, 'bad_credentials');
    }

    // A new session id on every sign-in (no fixation); the token is only ever in the cookie.
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    await this.database.transaction(async () => {
      for (const { key } of keys) {
        // A shared address gets its attempt back; the account's or device's count starts again.
        if (key.startsWith('address:')) await this.sessions.forgiveAttempt(key, now);
        else await this.sessions.clearThrottle(key);
      }
      await this.sessions.insert({
        id: hashToken(token),
        userId: user.id,
        csrfToken,
        ip,
        userAgent: userAgent?.slice(0, 300) ?? null,
        expiresAt: new Date(now.getTime() + this.sessionTtlMs).toISOString(),
      });
      await this.audit.record(this.actorOf(user, ip), 'auth.login', 'user', user.id, null, {
        knownDevice: deviceNonce !== null,
      });
    });
    return {
      token,
      csrfToken,
      user: await this.sessionUser(user),
      deviceCookie: await this.devices.issue(name),
    };
  }

  /**
   * The signed-in user changes their own password: the current one is checked (its attempts
   * counted first, like a sign-in's, so a borrowed session cannot guess it), the new one was
   * checked by the password rule (`ZPassword`), and every other session of the user ends.
   */
  async changePassword(auth: Authenticated, currentPassword: string, newPassword: string): Promise<void> {
    const now = this.clock();
    await this.countAttempt(`password:${auth.user.id}`, DEVICE_POLICY, now, 'too_many_password_attempts');
    const user = await this.users.findById(auth.user.id);
    if (!user?.active) throw new AppError(401, 'unauthenticated');
    if (!(await verifyPassword(currentPassword, user.passwordHash))) {
      await this.audit.record(auth.actor, 'user.password_change_failed', 'user', user.id, null, null);
      throw new AppError(400, 'current_password_wrong', {}, 'currentPassword');
    }
    if (currentPassword.normalize('NFC') === newPassword.normalize('NFC'))
      throw new AppError(400, 'password_unchanged', {}, 'newPassword');
    const passwordHash = await hashPassword(newPassword);
    await this.database.transaction(async () => {
      const updated = await this.users.update(user.id, user.version, { passwordHash });
      if (!updated) throw versionConflict({ version: user.version });
      await this.sessions.deleteOthersOfUser(user.id, auth.sessionId);
      await this.sessions.clearThrottle(`password:${user.id}`);
      await this.audit.record(auth.actor, 'user.password_change', 'user', user.id, null, {
        passwordChanged: true,
        otherSessionsEnded: true,
      });
    });
    // The database tells every server; this one forgets the user's sessions at once.
    this.cache.forgetUser(user.id);
  }

  private async countAttempt(
    key: string,
    policy: ThrottlePolicy,
    now: Date,
    refusal: 'too_many_attempts' | 'too_many_password_attempts' = 'too_many_attempts',
  ): Promise<void> {
    const counted = await this.sessions.countAttempt(key, now, policy, lockLadder(policy));
    if (counted.admitted) return;
    const seconds = Math.max(1, Math.ceil(counted.retryAfterMs / 1000));
    throw new AppError(429, refusal, { seconds }, null, { retryAfter: seconds });
  }

  /**
   * Deletes expired sessions and sign-in counts long over, now and every `everyMs` (every instance
   * may: the deletes are idempotent). Returns the stop function.
   */
  startSweeping(log: (line: string) => void, everyMs = 3_600_000): () => void {
    const sweep = async () => {
      try {
        const now = this.clock();
        await this.sessions.deleteExpired();
        await this.sessions.deleteStaleThrottles(new Date(now.getTime() - FORGET_THROTTLE_MS), now);
      } catch (error) {
        log(`Dọn phiên hết hạn và đếm đăng nhập cũ thất bại: ${(error as Error).message}`);
      }
    };
    void sweep();
    const timer = setInterval(() => void sweep(), everyMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  async authenticate(token: string, ip: string | null): Promise<Authenticated | null> {
    const key = hashToken(token);
    const now = this.clock();
    const today = todayInVietnam(now);
    let found = this.cache.get(key, today, now.getTime());
    if (!found) {
      const generation = this.cache.generation;
      const read = await this.sessions.findValidWithUser(key, today);
      if (read?.active) this.cache.put(key, read, today, now.getTime(), generation);
      found = read;
    }
    if (!found?.active) return null;
    return {
      user: toSessionUser(found, found.homeUnitName),
      actor: this.actorOf(found, ip),
      csrfToken: found.csrfToken,
      sessionId: found.sessionId,
    };
  }

  async logout(auth: Authenticated): Promise<void> {
    await this.database.transaction(async () => {
      await this.sessions.delete(auth.sessionId);
      await this.audit.record(auth.actor, 'auth.logout', 'user', auth.user.id, null, null);
    });
    // The database tells every server; this one forgets at once, before it answers.
    this.cache.forgetUser(auth.user.id);
  }

  actorOf(user: Pick<UserRow, 'id' | 'role' | 'homeUnitId'>, ip: string | null): Actor {
    return { userId: user.id, role: user.role as Actor['role'], homeUnitId: user.homeUnitId, ip };
  }

  private async sessionUser(user: UserRow): Promise<TSessionUser> {
    const unit = await this.org.unitAsOf(user.homeUnitId, todayInVietnam(this.clock()));
    return toSessionUser(user, unit?.name ?? '');
  }
}

function toSessionUser(
  user: Pick<UserRow, 'id' | 'username' | 'displayName' | 'role' | 'homeUnitId' | 'locale'>,
  homeUnitName: string,
): TSessionUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role as TSessionUser['role'],
    homeUnitId: user.homeUnitId,
    homeUnitName,
    locale: user.locale === 'en' ? 'en' : 'vi',
  };
}
