import type { SessionWithUser } from '../repositories/session.repository.ts';

/**
 * The sessions a server has just checked, so a signed-in request does not read its session again
 * within `ttlMs`. Every signed-in request started with that read: one statement of three on the
 * hot paths.
 *
 * It serves only while the server listens for changes (`setListening`); the database tells every
 * server when a session or a user changes (the `tiendo_auth` channel, see the migration
 * `auth_changes_notify`), and the server forgets them (`forgetUser`, `clear`). A change made by this
 * server is forgotten here at once as well, so its own next request never sees the old state.
 *
 * A read that began before a change may end after the change was forgotten: it is then not kept
 * (`generation`), so no entry outlives a change it did not see. An entry is served only on the day
 * it was read (the unit's name is that day's), before its session expires, and for `ttlMs` at most.
 */
export class SessionCache {
  private readonly entries = new Map<
    string,
    { session: SessionWithUser; day: string; storedAt: number; expiresAt: number }
  >();
  private listening = false;
  /** Counts the changes forgotten; a read keeps its result only if none came while it ran. */
  private changes = 0;
  private counts = { hits: 0, misses: 0 };

  constructor(
    private readonly ttlMs = 30_000,
    private readonly maxEntries = 10_000,
  ) {}

  /** The session stored under `key`, when it may still be served on `day` at `now` (ms). */
  get(key: string, day: string, now: number): SessionWithUser | undefined {
    const entry = this.listening ? this.entries.get(key) : undefined;
    if (entry && entry.day === day && now < entry.expiresAt && now - entry.storedAt < this.ttlMs) {
      this.counts.hits++;
      return entry.session;
    }
    if (entry) this.entries.delete(key);
    this.counts.misses++;
    return undefined;
  }

  /** Taken before reading a session from the database, and handed to `put` with what was read. */
  get generation(): number {
    return this.changes;
  }

  /** Keeps a session read at `now` (ms), unless something changed since `generation` was taken. */
  put(
    key: string,
    session: SessionWithUser & { expiresAtMs: number },
    day: string,
    now: number,
    generation: number,
  ) {
    if (!this.listening || generation !== this.changes) return;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    const { expiresAtMs, ...kept } = session;
    this.entries.set(key, { session: kept, day, storedAt: now, expiresAt: expiresAtMs });
  }

  /** Forgets every session of a user (signed out, deactivated, changed). */
  forgetUser(userId: number) {
    this.changes++;
    for (const [key, entry] of this.entries) if (entry.session.id === userId) this.entries.delete(key);
  }

  /** Forgets everything. */
  clear() {
    this.changes++;
    this.entries.clear();
  }

  /** A message of the `tiendo_auth` channel: a user's id, or '*' for everything. */
  onMessage = (payload: string) => {
    const userId = Number(payload);
    if (payload !== '' && Number.isInteger(userId)) this.forgetUser(userId);
    else this.clear();
  };

  /**
   * Serves only while listening: messages sent while not listening are missed, so what was kept
   * before is forgotten both when listening stops and when it starts again.
   */
  setListening = (listening: boolean) => {
    this.clear();
    this.listening = listening;
  };

  stats() {
    return { ...this.counts, size: this.entries.size, listening: this.listening };
  }
}
