import { describe, expect, it } from 'vitest';
import type { SessionWithUser } from '../repositories/session.repository.ts';
import { SessionCache } from './session-cache.ts';

const DAY = '2026-11-22';
const NOW = Date.parse('2026-11-22T03:00:00Z');
const HOUR = 3_600_000;

function sessionOf(userId: number, expiresAtMs = NOW + 4 * HOUR): SessionWithUser & { expiresAtMs: number } {
  return {
    sessionId: `s${userId}`,
    csrfToken: 'csrf',
    id: userId,
    username: `u${userId}`,
    displayName: `Người dùng ${userId}`,
    role: 'officer',
    homeUnitId: 7,
    locale: 'vi',
    active: true,
    homeUnitName: 'Công đoàn cơ sở',
    expiresAtMs,
  };
}

/** A cache that listens, holding user 1's session under key "k1". */
function listeningWithOne(ttlMs = 30_000) {
  const cache = new SessionCache(ttlMs);
  cache.setListening(true);
  cache.put('k1', sessionOf(1), DAY, NOW, cache.generation);
  return cache;
}

describe('SessionCache', () => {
  it('serves a session it was given while listening, without its expiry field', () => {
    const cache = listeningWithOne();
    const { expiresAtMs: _e, ...expected } = sessionOf(1);
    expect(cache.get('k1', DAY, NOW + 1000)).toEqual(expected);
    expect(cache.get('k2', DAY, NOW + 1000)).toBeUndefined();
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 1, size: 1, listening: true });
  });

  it('keeps and serves nothing while not listening, and forgets everything when listening stops or starts', () => {
    const cache = new SessionCache();
    cache.put('k1', sessionOf(1), DAY, NOW, cache.generation);
    cache.setListening(true);
    expect(cache.get('k1', DAY, NOW)).toBeUndefined();

    cache.put('k1', sessionOf(1), DAY, NOW, cache.generation);
    cache.setListening(false);
    expect(cache.get('k1', DAY, NOW)).toBeUndefined();
    cache.setListening(true);
    expect(cache.get('k1', DAY, NOW)).toBeUndefined();
  });

  it('stops serving a session when it expires, on another day, and after the time to live', () => {
    const expiring = new SessionCache();
    expiring.setListening(true);
    expiring.put('k1', sessionOf(1, NOW + 5000), DAY, NOW, expiring.generation);
    expect(expiring.get('k1', DAY, NOW + 4999)).toBeDefined();
    expect(expiring.get('k1', DAY, NOW + 5000)).toBeUndefined();

    expect(listeningWithOne().get('k1', '2026-11-23', NOW + 1000)).toBeUndefined();

    const cache = listeningWithOne(30_000);
    expect(cache.get('k1', DAY, NOW + 29_999)).toBeDefined();
    expect(cache.get('k1', DAY, NOW + 30_000)).toBeUndefined();
    // Gone for good, not only hidden.
    expect(cache.stats().size).toBe(0);
  });

  it("forgets one user's sessions on a message naming the user, and all of them on '*'", () => {
    const cache = listeningWithOne();
    cache.put('k1b', sessionOf(1), DAY, NOW, cache.generation);
    cache.put('k2', sessionOf(2), DAY, NOW, cache.generation);
    cache.onMessage('1');
    expect(cache.get('k1', DAY, NOW)).toBeUndefined();
    expect(cache.get('k1b', DAY, NOW)).toBeUndefined();
    expect(cache.get('k2', DAY, NOW)).toBeDefined();
    cache.onMessage('*');
    expect(cache.get('k2', DAY, NOW)).toBeUndefined();
  });

  it('does not keep a read that began before a change it may not have seen', () => {
    const cache = new SessionCache();
    cache.setListening(true);
    const before = cache.generation;
    // The change is committed and forgotten while the read is under way…
    cache.forgetUser(1);
    // …so what the read found (perhaps the old state) is not kept.
    cache.put('k1', sessionOf(1), DAY, NOW, before);
    expect(cache.get('k1', DAY, NOW)).toBeUndefined();
    // A read begun after the change is kept.
    cache.put('k1', sessionOf(1), DAY, NOW, cache.generation);
    expect(cache.get('k1', DAY, NOW)).toBeDefined();
  });

  it('holds at most its number of entries', () => {
    const cache = new SessionCache(30_000, 3);
    cache.setListening(true);
    for (let i = 1; i <= 7; i++) cache.put(`k${i}`, sessionOf(i), DAY, NOW, cache.generation);
    expect(cache.stats().size).toBeLessThanOrEqual(3);
    expect(cache.get('k7', DAY, NOW)).toBeDefined();
  });
});
