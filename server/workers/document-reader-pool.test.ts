import { describe, expect, it } from 'vitest';
import { DocumentReaderPool } from './document-reader-pool.ts';

const LINE = '2. Tuyên truyền đến đoàn viên, người lao động về Tháng Công nhân năm 2025.\n';

describe('document reader pool', () => {
  it('tells a worker killed by its heap limit as out of memory', async () => {
    const pool = new DocumentReaderPool({ workers: 1, timeoutMs: 120_000, memoryMb: 32, maxQueued: 5 });
    const text = `KẾ HOẠCH\n${LINE.repeat(Math.floor(1_900_000 / LINE.length))}`;
    const outcome = await pool.submit({ kind: 'text', text, source: 'lon.txt' }).outcome;
    expect(outcome).toEqual({ status: 'failed', code: 'parse_out_of_memory' });
  });

  it('fails what waits when closed, and refuses beyond its queue', async () => {
    const pool = new DocumentReaderPool({ workers: 1, timeoutMs: 120_000, memoryMb: 256, maxQueued: 2 });
    const first = pool.submit({ kind: 'text', text: 'KẾ HOẠCH', source: 'a.txt' });
    const second = pool.submit({ kind: 'text', text: 'KẾ HOẠCH', source: 'b.txt' });
    const third = pool.submit({ kind: 'text', text: 'KẾ HOẠCH', source: 'c.txt' });
    expect([first.position, second.position, third.position]).toEqual([0, 1, 2]);
    expect(pool.isFull()).toBe(true);
    pool.close();
    expect(await first.outcome).toEqual({ status: 'failed', code: 'parse_interrupted' });
    expect(await third.outcome).toEqual({ status: 'failed', code: 'parse_interrupted' });
  });
});
