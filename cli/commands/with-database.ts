import { loadConfig } from '../../server/config.ts';
import type { Database } from '../../server/db/client.ts';
import { migrate } from '../../server/db/migrate.ts';
import { openConfiguredDatabase } from '../../server/main.ts';
import { createServices, type Services } from '../../server/services/services.ts';

/** Opens the configured database (migrated unless told otherwise), runs `fn`, always closes. */
export async function withDatabase<T>(
  fn: (services: Services, database: Database) => Promise<T>,
  options: { migrate?: boolean } = {},
): Promise<T> {
  const config = loadConfig();
  const database = openConfiguredDatabase(config);
  try {
    if (options.migrate !== false) await migrate(database);
    return await fn(createServices(database, config), database);
  } finally {
    await database.close();
  }
}
