/**
 * Growing lock-out after failed sign-ins, as a pure function of the recorded state and the
 * clock. Each key (an account, an address) has its own state.
 */
export interface ThrottleState {
  failures: number;
  windowStart: number; // ms since epoch
  lockedUntil: number | null;
  lockouts: number;
}

export interface ThrottlePolicy {
  maxFailures: number;
  windowMs: number;
  baseLockMs: number;
  maxLockMs: number;
}

export const ACCOUNT_POLICY: ThrottlePolicy = {
  maxFailures: 5,
  windowMs: 15 * 60_000,
  baseLockMs: 30_000,
  maxLockMs: 3_600_000,
};
export const ADDRESS_POLICY: ThrottlePolicy = {
  maxFailures: 20,
  windowMs: 15 * 60_000,
  baseLockMs: 60_000,
  maxLockMs: 3_600_000,
};

export const EMPTY_THROTTLE = (now: number): ThrottleState => ({
  failures: 0,
  windowStart: now,
  lockedUntil: null,
  lockouts: 0,
});

/** Seconds to wait before trying again, or 0 when a sign-in may be tried now. */
export function retryAfterSeconds(state: ThrottleState | undefined, now: number): number {
  if (!state?.lockedUntil || state.lockedUntil <= now) return 0;
  return Math.ceil((state.lockedUntil - now) / 1000);
}

/** The state after one more failure; locks (longer each time) when the window fills up. */
export function recordFailure(
  state: ThrottleState | undefined,
  now: number,
  policy: ThrottlePolicy,
): ThrottleState {
  const current =
    state && now - state.windowStart < policy.windowMs
      ? state
      : { ...EMPTY_THROTTLE(now), lockouts: state?.lockouts ?? 0 };
  const failures = current.failures + 1;
  if (failures < policy.maxFailures) return { ...current, failures };
  const lockMs = Math.min(policy.maxLockMs, policy.baseLockMs * 2 ** current.lockouts);
  return { failures: 0, windowStart: now, lockedUntil: now + lockMs, lockouts: current.lockouts + 1 };
}
