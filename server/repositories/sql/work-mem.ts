import { type SQL, sql } from 'drizzle-orm';

/** Memory for the sorts and hashes of the current transaction (a big rebuild or scan): `SET LOCAL work_mem`. */
export function setLocalWorkMem(size: '64MB' | '32MB'): SQL {
  return sql.raw(`SET LOCAL work_mem = '${size}'`);
}
