import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { appSettings } from '../db/schema.ts';

/** Key–value facts about the workspace (organisation name, demo flag). */
export class SettingsRepository {
  constructor(private readonly database: Database) {}

  async get<T>(key: string): Promise<T | undefined> {
    const [row] = await this.database.db().select().from(appSettings).where(eq(appSettings.key, key));
    return row?.value as T | undefined;
  }

  async set(key: string, value: unknown): Promise<void> {
    await this.database
      .db()
      .insert(appSettings)
      .values({ key, value })
      .onConflictDoUpdate({ target: appSettings.key, set: { value, updatedAt: sql`now()` } });
  }

  /** The stored value, or `value` stored now when there is none (the first of several instances wins). */
  async getOrCreate<T>(key: string, value: T): Promise<T> {
    await this.database.db().insert(appSettings).values({ key, value }).onConflictDoNothing();
    return (await this.get<T>(key)) as T;
  }
}
