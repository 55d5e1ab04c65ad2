import { describe, expect, it } from 'vitest';
import { loadConfig, readUrlsOf } from '../config.ts';
import { asOfReplayed, freshEnough, lsnValue, replicaLabel } from './read-routing.ts';

describe('read routing rules', () => {
  it('orders WAL positions by both halves', () => {
    expect(lsnValue('0/16B3748')).toBe(0x16b3748n);
    expect(lsnValue('1/0') > lsnValue('0/FFFFFFFF')).toBe(true);
  });

  it('dates a replica by the latest primary sample it has replayed', () => {
    const samples = [
      { at: 1_000, lsn: 100n },
      { at: 1_500, lsn: 180n },
      { at: 2_000, lsn: 250n },
    ];
    expect(asOfReplayed(samples, 250n)).toBe(2_000);
    expect(asOfReplayed(samples, 249n)).toBe(1_500);
    expect(asOfReplayed(samples, 99n)).toBeNull();
  });

  it('reads a replica only within the bound and after the user’s last write', () => {
    expect(freshEnough(9_000, 10_000, 5_000, null)).toBe(true);
    expect(freshEnough(4_000, 10_000, 5_000, null)).toBe(false);
    expect(freshEnough(null, 10_000, 5_000, null)).toBe(false);
    // Written at 9,500: a replica known complete only up to 9,000 may not have it.
    expect(freshEnough(9_000, 10_000, 5_000, 9_500)).toBe(false);
    expect(freshEnough(9_600, 10_000, 5_000, 9_500)).toBe(true);
  });

  it('names a replica without its password', () => {
    expect(replicaLabel('postgres://app:secret@db-r1.internal:5433/tiendo')).toBe(
      'db-r1.internal:5433/tiendo',
    );
  });

  it('takes DATABASE_READ_URL as a comma-separated list, refused on the embedded database', () => {
    const primary = 'postgres://app@db/tiendo';
    expect(readUrlsOf(undefined, primary)).toEqual([]);
    expect(readUrlsOf('postgres://app@r1/tiendo, postgres://app@r2/tiendo', primary)).toEqual([
      'postgres://app@r1/tiendo',
      'postgres://app@r2/tiendo',
    ]);
    expect(() => loadConfig({ DATABASE_READ_URL: 'postgres://app@r1/tiendo' })).toThrow(
      /DATABASE_READ_URL.*PGlite.*DATABASE_URL/,
    );
    expect(() => readUrlsOf('mysql://r1/tiendo', primary)).toThrow(/không phải địa chỉ PostgreSQL/);
    const config = loadConfig({
      DATABASE_URL: primary,
      DATABASE_READ_URL: 'postgres://app@r1/tiendo',
      DATABASE_READ_MAX_LAG_SECONDS: '2.5',
    });
    expect(config).toMatchObject({
      databaseReadUrls: ['postgres://app@r1/tiendo'],
      databaseReadMaxLagMs: 2_500,
    });
    expect(loadConfig({ DATABASE_URL: primary })).toMatchObject({
      databaseReadUrls: [],
      databaseReadMaxLagMs: 5_000,
    });
  });
});
