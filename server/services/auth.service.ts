import { createHash, randomBytes } from 'node:crypto';
import type { TSessionUser } from '../../contracts/auth.ts';
import { todayInVietnam, toIsoTimestamp } from '../../domain/dates.ts';
import {
  ACCOUNT_POLICY,
  ADDRESS_POLICY,
  recordFailure,
  retryAfterSeconds,
  type ThrottlePolicy,
  type ThrottleState,
} from '../../domain/login-throttle.ts';
import type { Database } from '../db/client.ts';
import { AppError } from '../errors.ts';
import type { OrgRepository } from '../repositories/org.repository.ts';
import type { SessionRepository } from '../repositories/session.repository.ts';
import type { UserRepository, UserRow } from '../repositories/user.repository.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import { DUMMY_HASH, verifyPassword } from './password.ts';
import type { SessionCache } from './session-cache.ts';

/** The channel on which the database tells every server that sessions or users changed. */
export const AUTH_CHANNEL = 'tiendo_auth';

export interface SignedIn {
  token: string;
  csrfToken: string;
  user: TSessionUser;
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
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * Serves sessions from memory while this server hears of every change to sessions and users
   * (the server's job; without it every request reads its session). Returns the stop function.
   */
  startSessionCache(): Promise<() => Promise<void>> {
    return this.database.listen(AUTH_CHANNEL, this.cache.onMessage, this.cache.setListening);
  }

  async login(
    username: string,
    password: string,
    ip: string | null,
    userAgent: string | null,
  ): Promise<SignedIn> {
    const now = this.clock().getTime();
    const keys: [string, ThrottlePolicy][] = [
      [`account:${username.toLowerCase()}`, ACCOUNT_POLICY],
      [`address:${ip ?? 'unknown'}`, ADDRESS_POLICY],
    ];
    const states = await Promise.all(keys.map(([key]) => this.sessions.throttle(key)));
    const wait = Math.max(...states.map((s) => retryAfterSeconds(s && toState(s), now)));
    if (wait > 0) throw new AppError(429, 'too_many_attempts', { seconds: wait }, null, { retryAfter: wait });

    const user = await this.users.findByUsername(username.toLowerCase());
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || !user.active) {
      await this.database.transaction(async () => {
        for (const [index, [key, policy]] of keys.entries()) {
          const previous = states[index];
          const next = recordFailure(previous && toState(previous), now, policy);
          await this.sessions.saveThrottle(fromState(key, next));
        }
        await this.audit.record(
          { userId: user?.id ?? null, role: 'viewer', homeUnitId: null, ip },
          'auth.login_failed',
          'user',
          user?.id ?? null,
          null,
          { username },
        );
      });
      throw new AppError(401, 'bad_credentials');
    }

    // A new session id on every sign-in (no fixation); the token is only ever in the cookie.
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    await this.database.transaction(async () => {
      await this.sessions.clearThrottle(keys[0]![0]);
      await this.sessions.insert({
        id: hashToken(token),
        userId: user.id,
        csrfToken,
        ip,
        userAgent: userAgent?.slice(0, 300) ?? null,
        expiresAt: new Date(now + this.sessionTtlMs).toISOString(),
      });
      await this.audit.record(this.actorOf(user, ip), 'auth.login', 'user', user.id, null, null);
    });
    return { token, csrfToken, user: await this.sessionUser(user) };
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

function toState(row: {
  failures: number;
  windowStart: string;
  lockedUntil: string | null;
  lockouts: number;
}): ThrottleState {
  return {
    failures: row.failures,
    windowStart: Date.parse(toIsoTimestamp(row.windowStart)),
    lockedUntil: row.lockedUntil ? Date.parse(toIsoTimestamp(row.lockedUntil)) : null,
    lockouts: row.lockouts,
  };
}

function fromState(key: string, state: ThrottleState) {
  return {
    key,
    failures: state.failures,
    windowStart: new Date(state.windowStart).toISOString(),
    lockedUntil: state.lockedUntil ? new Date(state.lockedUntil).toISOString() : null,
    lockouts: state.lockouts,
  };
}
