import { describe, expect, it } from 'vitest';
import { KeyedLimiter } from './keyed-limiter.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

/** A task that records how many tasks ran at once and the order they started and ended in. */
function recorder() {
  const log: string[] = [];
  let running = 0;
  let most = 0;
  const task = (name: string) => async () => {
    running++;
    most = Math.max(most, running);
    log.push(`start ${name}`);
    await tick();
    log.push(`end ${name}`);
    running--;
    return name;
  };
  return { log, task, most: () => most };
}

describe('KeyedLimiter', () => {
  it('runs tasks of one key one at a time with limit 1, in arrival order', async () => {
    const limiter = new KeyedLimiter<number>(1);
    const { log, task, most } = recorder();
    const results = await Promise.all([
      limiter.run(1, task('a')),
      limiter.run(1, task('b')),
      limiter.run(1, task('c')),
    ]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(most()).toBe(1);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(limiter.activeKeys).toBe(0);
  });

  it('runs at most `limit` tasks of one key at once, the rest in arrival order', async () => {
    const limiter = new KeyedLimiter<number>(2);
    const { log, task, most } = recorder();
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((name) => limiter.run(7, task(name))));
    expect(most()).toBe(2);
    expect(log.filter((line) => line.startsWith('start'))).toEqual([
      'start a',
      'start b',
      'start c',
      'start d',
      'start e',
    ]);
    expect(limiter.activeKeys).toBe(0);
  });

  it('does not make tasks of different keys wait for each other', async () => {
    const limiter = new KeyedLimiter<number>(1);
    const { task, most } = recorder();
    await Promise.all([limiter.run(1, task('a')), limiter.run(2, task('b')), limiter.run(3, task('c'))]);
    expect(most()).toBe(3);
  });

  it("a failing task rejects for its caller only; the key's next task still runs", async () => {
    const limiter = new KeyedLimiter<string>(1);
    const failed = limiter.run('k', async () => {
      await tick();
      throw new Error('hỏng');
    });
    const next = limiter.run('k', async () => 'tiếp');
    await expect(failed).rejects.toThrow('hỏng');
    await expect(next).resolves.toBe('tiếp');
    expect(limiter.activeKeys).toBe(0);
  });

  it('refuses a limit below 1', () => {
    expect(() => new KeyedLimiter(0)).toThrow(RangeError);
  });
});
