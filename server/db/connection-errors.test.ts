import { describe, expect, it } from 'vitest';
import { isConnectionError, isPostgresWriteDefect } from './client.ts';

describe('database connection errors', () => {
  it('recognises a database going away, also wrapped by drizzle', () => {
    for (const code of ['57P01', '57P03', '08006', 'CONNECTION_CLOSED', 'ECONNREFUSED', 'CONNECT_TIMEOUT'])
      expect(isConnectionError(Object.assign(new Error('x'), { code })), code).toBe(true);
    const wrapped = new Error('Failed query', {
      cause: Object.assign(new Error('write'), { code: 'CONNECTION_CLOSED' }),
    });
    expect(isConnectionError(wrapped)).toBe(true);
  });

  it('leaves statement errors alone', () => {
    for (const code of ['23505', '40001', '22P02', undefined])
      expect(isConnectionError(Object.assign(new Error('x'), { code }))).toBe(false);
    expect(isConnectionError(null)).toBe(false);
  });

  it('knows the postgres.js nextWrite throw and nothing else', () => {
    const defect = new TypeError("Cannot read properties of null (reading 'write')");
    defect.stack = `${defect.message}\n    at Immediate.nextWrite (file:///app/node_modules/postgres/src/connection.js:255:22)`;
    expect(isPostgresWriteDefect(defect)).toBe(true);
    const other = new TypeError("Cannot read properties of null (reading 'write')");
    other.stack = `${other.message}\n    at nextWrite (file:///app/server/services/x.ts:1:1)`;
    expect(isPostgresWriteDefect(other)).toBe(false);
    expect(isPostgresWriteDefect(new Error('nextWrite postgres/src/connection.js'))).toBe(false);
  });
});
