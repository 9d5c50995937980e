import { parseStackEnv } from '@rewind/core';
import { createDb, type DbHandle } from '../client';
import { runMigrations } from '../migrate/run-migrations';
import { createPlatformDb, type PlatformDbHandle } from '../platform-db';
import { seedDemo, seedReference, type DemoCredentials } from '../seed';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database';

export interface SeededScratch {
  scratch: ScratchDatabase;
  app: DbHandle;
  platform: PlatformDbHandle;
  demo: DemoCredentials;
  secretKey: string;
  tenant(slug: 'acme' | 'globex'): string;
  user(email: string): string;
  close(): Promise<void>;
}

/** Migrated scratch database with plans, a host with a small port range, and the demo people. */
export async function createSeededScratch(
  prefix: string,
  ports = { portMin: 59000, portMax: 59009 },
): Promise<SeededScratch> {
  const env = parseStackEnv(process.env);
  const scratch = await createScratchDatabase(env, prefix);
  await runMigrations(scratch.ownerUrl);
  const platform = createPlatformDb(scratch.platformUrl, { max: 4 });
  const app = createDb(scratch.appUrl, { max: 12 });
  await seedReference(platform.db, { hostId: 'host-1', ...ports });
  const demo = await seedDemo(platform.db);
  return {
    scratch,
    app,
    platform,
    demo,
    secretKey: env.REWIND_SECRET_KEY,
    tenant: (slug) => demo.tenants.find((t) => t.slug === slug)!.id,
    user: (email) => demo.users.find((u) => u.email === email)!.id,
    async close() {
      await Promise.all([app.close(), platform.close()]);
      await scratch.drop();
    },
  };
}
