import { describe, expect, it } from 'vitest';
import {
  bearerToken,
  scopesOfRoute,
  takeFromBucket,
  tokenMayCall,
  tokenRole,
  tokenState,
} from './api-tokens.ts';

describe('API token rules', () => {
  it('reads the token of an Authorization header, and nothing else', () => {
    expect(bearerToken('Bearer tdk_abc-_1')).toBe('tdk_abc-_1');
    expect(bearerToken('bearer   tdk_x ')).toBe('tdk_x');
    expect(bearerToken(undefined)).toBeNull();
    expect(bearerToken('Basic dXNlcjpwYXNz')).toBeNull();
    expect(bearerToken('Bearer')).toBeNull();
    expect(bearerToken('Bearer a b')).toBeNull();
  });

  it('opens a route only to the scope that lists it', () => {
    expect(scopesOfRoute('GET', '/api/units/:id/dashboard')).toEqual(['figures:read']);
    expect(scopesOfRoute('PUT', '/api/reports/:id')).toEqual(['reports:write']);
    expect(scopesOfRoute('POST', '/api/reports/:id/approve')).toEqual([]);
    expect(tokenMayCall(['figures:read'], 'PUT', '/api/reports/:id')).toBe(false);
    expect(tokenMayCall(['figures:read', 'reports:write'], 'PUT', '/api/reports/:id')).toBe(true);
    expect(tokenMayCall(['reports:write'], 'GET', '/api/units/:id/dashboard')).toBe(false);
  });

  it('acts with the role its scopes need, never above its creator', () => {
    expect(tokenRole('admin', ['figures:read'])).toBe('viewer');
    expect(tokenRole('admin', ['reports:write'])).toBe('officer');
    expect(tokenRole('manager', ['figures:read', 'reports:write'])).toBe('officer');
    expect(tokenRole('viewer', ['reports:write'])).toBe('viewer');
  });

  it('is revoked before it is expired, and expired from the instant of its expiry', () => {
    expect(tokenState(null, 1000, 999)).toBe('active');
    expect(tokenState(null, 1000, 1000)).toBe('expired');
    expect(tokenState('2026-01-01T00:00:00Z', 1000, 0)).toBe('revoked');
  });

  it('admits a full minute of requests at once, then one each 60/rate seconds', () => {
    let bucket: ReturnType<typeof takeFromBucket>['bucket'] | undefined;
    const admitted: boolean[] = [];
    for (let i = 0; i < 4; i++) {
      const taken = takeFromBucket(bucket, 3, 0);
      bucket = taken.bucket;
      admitted.push(taken.admitted);
    }
    expect(admitted).toEqual([true, true, true, false]);
    expect(takeFromBucket(bucket, 3, 0).retryAfterMs).toBe(20_000);
    expect(takeFromBucket(bucket, 3, 19_999).admitted).toBe(false);
    expect(takeFromBucket(bucket, 3, 20_000).admitted).toBe(true);
    // Idle for an hour: still no more than a minute's worth at once.
    expect(takeFromBucket(bucket, 3, 3_600_000).bucket.tokens).toBe(2);
  });
});
