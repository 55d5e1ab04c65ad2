import { describe, expect, it } from 'vitest';
import { demoModeOf, listenHostOf, loadConfig } from './config.ts';

const PG = 'postgres://tiendo@db.internal:5432/tiendo';

describe('safe defaults for production', () => {
  it('loads the demo on a production database only when asked', () => {
    expect(loadConfig({ DATABASE_URL: PG }).demo).toBe('off');
    expect(loadConfig({ DATABASE_URL: PG, TIENDO_DEMO: '' }).demo).toBe('off');
    expect(loadConfig({ DATABASE_URL: PG, TIENDO_DEMO: '1' }).demo).toBe('on');
    expect(loadConfig({ DATABASE_URL: PG, TIENDO_DEMO: 'on' }).demo).toBe('on');
    expect(loadConfig({ DATABASE_URL: PG, TIENDO_DEMO: 'auto' }).demo).toBe('auto');
    // The embedded database is a trial on one machine: the demo goes into an empty workspace.
    expect(loadConfig({}).demo).toBe('auto');
    expect(loadConfig({ TIENDO_DEMO: '0' }).demo).toBe('off');
    expect(demoModeOf('false', undefined)).toBe('off');
    expect(() => loadConfig({ TIENDO_DEMO: 'yes please' })).toThrow(/TIENDO_DEMO/);
  });

  it('listens on loopback with a production database unless HOST says otherwise', () => {
    expect(loadConfig({ DATABASE_URL: PG }).host).toBe('127.0.0.1');
    expect(loadConfig({ DATABASE_URL: PG, HOST: '' }).host).toBe('127.0.0.1');
    expect(loadConfig({ DATABASE_URL: PG, HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({}).host).toBe('0.0.0.0');
    expect(listenHostOf('10.0.0.5', undefined)).toBe('10.0.0.5');
  });
});
