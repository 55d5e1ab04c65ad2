/**
 * The sign-in limits (OWASP Authentication Cheat Sheet, "Account Lockout" and "Slow Down Online
 * Guessing Attacks with Device Cookies"):
 *
 * - Every attempt is counted BEFORE its password is checked, in one statement that increments and
 *   returns the count (`SessionRepository.countAttempt`): an attempt past the limit is refused
 *   without hashing, however many arrive at once. So 60 parallel guesses get exactly 5 checks.
 * - Per account, from clients it does not know: 5 attempts in 15 minutes, then a lock of 1 minute
 *   that doubles with each lock in a row up to 1 hour (≈ 120 guesses a day per account, under
 *   NIST SP 800-63B's 100 consecutive failures only by a little; each lock is temporary, so a
 *   correct password is never shut out for good). A success clears it; a day without a lock forgets
 *   the doubling.
 * - A known device — a browser holding a signed device cookie from an earlier sign-in to that
 *   account — is counted on its own key instead and ignores the account and address locks, so a
 *   password spray against an account (or from the office's shared address) never locks its owner
 *   out of their usual browser. A stolen device cookie gets 5 attempts, then its own back-off.
 * - Per address: 100 attempts in 15 minutes, far above one account's so that colleagues behind one
 *   office address do not lock each other out with typos; a success gives its attempt back. It
 *   slows one address spraying many accounts (5 guesses each). Attempts in flight count until
 *   they succeed, so a burst of more than 100 sign-ins from strangers' browsers in the same second
 *   at one address would see some refused — a sign-in room of 90 at once still passes.
 */
export interface ThrottlePolicy {
  /** Attempts admitted in a window; the next one locks. */
  maxAttempts: number;
  windowMs: number;
  /** The first lock; each further lock in a row doubles it, up to `maxLockMs`. */
  baseLockMs: number;
  maxLockMs: number;
  /** After this long without a new window, the doubling starts again from `baseLockMs`. */
  forgetMs: number;
}

const MINUTE = 60_000;

/** After a day without a new window every policy starts again from nothing (`forgetMs`). */
export const FORGET_THROTTLE_MS = 24 * 60 * MINUTE;

export const ACCOUNT_POLICY: ThrottlePolicy = {
  maxAttempts: 5,
  windowMs: 15 * MINUTE,
  baseLockMs: MINUTE,
  maxLockMs: 60 * MINUTE,
  forgetMs: FORGET_THROTTLE_MS,
};
export const DEVICE_POLICY: ThrottlePolicy = {
  maxAttempts: 5,
  windowMs: 15 * MINUTE,
  baseLockMs: MINUTE,
  maxLockMs: 15 * MINUTE,
  forgetMs: FORGET_THROTTLE_MS,
};
export const ADDRESS_POLICY: ThrottlePolicy = {
  maxAttempts: 100,
  windowMs: 15 * MINUTE,
  baseLockMs: MINUTE,
  maxLockMs: 15 * MINUTE,
  forgetMs: FORGET_THROTTLE_MS,
};

/** The lengths of the first, second, … lock in a row, ending with the longest (which repeats). */
export function lockLadder(policy: ThrottlePolicy): number[] {
  const ladder = [policy.baseLockMs];
  while (ladder.at(-1)! < policy.maxLockMs) ladder.push(Math.min(policy.maxLockMs, ladder.at(-1)! * 2));
  return ladder;
}

/** The keys of one attempt: a known device's own, or the account's and the address's. */
export function throttleKeys(
  username: string,
  address: string | null,
  deviceNonce: string | null,
): { key: string; policy: ThrottlePolicy }[] {
  if (deviceNonce) return [{ key: `device:${deviceNonce}`, policy: DEVICE_POLICY }];
  return [
    { key: `account:${username.toLowerCase()}`, policy: ACCOUNT_POLICY },
    { key: `address:${address ?? 'unknown'}`, policy: ADDRESS_POLICY },
  ];
}
