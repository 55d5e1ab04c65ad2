import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './server/db/schema.ts',
  out: process.env.TIENDO_MIGRATIONS_OUT ?? './server/db/migrations',
  migrations: { prefix: 'timestamp' },
});
