import { describe, expect, it } from 'vitest';
import { ACCOUNT_POLICY, ADDRESS_POLICY, DEVICE_POLICY, lockLadder, throttleKeys } from './login-throttle.ts';

describe('login throttle policy', () => {
  it('doubles each lock in a row up to the longest, which repeats', () => {
    expect(lockLadder(ACCOUNT_POLICY).map((ms) => ms / 60_000)).toEqual([1, 2, 4, 8, 16, 32, 60]);
    expect(lockLadder(DEVICE_POLICY).map((ms) => ms / 60_000)).toEqual([1, 2, 4, 8, 15]);
  });
  it('admits more attempts per address than per account', () => {
    expect(ADDRESS_POLICY.maxAttempts).toBeGreaterThan(ACCOUNT_POLICY.maxAttempts);
  });
  it('counts a known device on its own key, others on the account and the address', () => {
    expect(throttleKeys('Admin', '203.0.113.7', null).map((k) => k.key)).toEqual([
      'account:admin',
      'address:203.0.113.7',
    ]);
    expect(throttleKeys('admin', '203.0.113.7', 'abc').map((k) => k.key)).toEqual(['device:abc']);
  });
});
