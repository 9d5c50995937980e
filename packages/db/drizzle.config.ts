import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/index.ts',
  out: './migrations',
  entities: { roles: { provider: '', exclude: [], include: [] } },
  dbCredentials: { url: process.env.CONTROL_DATABASE_OWNER_URL ?? 'postgres://unused' },
});
