/**
 * Lets at most `limit` tasks that share a key run at once; the others wait their turn in arrival
 * order. Tasks of different keys do not wait for each other. A task's failure is its caller's
 * alone: the next task of the key still runs.
 *
 * Used where PostgreSQL would serialise the tasks anyway: approvals of one period all update the
 * same roll-up rows. A task waiting here holds no pooled connection; one waiting on the row lock
 * held one, and with many such waits every other request queued for a connection. Within one
 * process only: the row locks keep several instances correct.
 */
export class KeyedLimiter<K> {
  /** Per key with a task running: how many run, and the starts of those waiting. */
  private readonly keys = new Map<K, { running: number; waiting: (() => void)[] }>();

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit ${limit}`);
  }

  async run<T>(key: K, task: () => Promise<T>): Promise<T> {
    let state = this.keys.get(key);
    if (!state) {
      state = { running: 0, waiting: [] };
      this.keys.set(key, state);
    }
    const slot = state;
    if (slot.running >= this.limit) await new Promise<void>((start) => slot.waiting.push(start));
    else slot.running++;
    try {
      return await task();
    } finally {
      // The slot passes straight to the next waiter (running stays the same), else it is freed.
      const next = slot.waiting.shift();
      if (next) next();
      else if (--slot.running === 0) this.keys.delete(key);
    }
  }

  /** Keys with a task running or waiting (for tests and diagnostics). */
  get activeKeys(): number {
    return this.keys.size;
  }
}
