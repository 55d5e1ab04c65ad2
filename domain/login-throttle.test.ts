import { describe, expect, it } from 'vitest';
import { ACCOUNT_POLICY, recordFailure, retryAfterSeconds, type ThrottleState } from './login-throttle.ts';

describe('login throttle', () => {
  it('locks after the fifth failure and lets the sixth wait', () => {
    let state: ThrottleState | undefined;
    for (let i = 0; i < 4; i++) state = recordFailure(state, 1000, ACCOUNT_POLICY);
    expect(retryAfterSeconds(state, 1000)).toBe(0);
    state = recordFailure(state, 1000, ACCOUNT_POLICY);
    expect(retryAfterSeconds(state, 1000)).toBe(30);
  });
  it('locks longer each time', () => {
    let state: ThrottleState | undefined;
    let now = 0;
    const waits: number[] = [];
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 5; i++) state = recordFailure(state, now, ACCOUNT_POLICY);
      waits.push(retryAfterSeconds(state, now));
      now = state!.lockedUntil!;
    }
    expect(waits).toEqual([30, 60, 120]);
  });
  it('forgets failures outside the window', () => {
    let state = recordFailure(undefined, 0, ACCOUNT_POLICY);
    state = recordFailure(state, ACCOUNT_POLICY.windowMs + 1, ACCOUNT_POLICY);
    expect(state.failures).toBe(1);
  });
});
