import { controlRegionsFromEnv, type StackEnv } from '@rewind/core';
import type { ActivityDeps } from '@rewind/activities';
import { createDb, createPlatformDb } from '@rewind/db';
import { createEngine, engineConfigFromEnv } from '@rewind/engine';
import { createRegionClient } from '@rewind/storage';
import { createBackupScheduler } from './backup-scheduler';

/**
 * The real dependencies of every activity, from the validated stack env. Shared by the worker
 * process and the integration tests (which run workers in-process on their own queues).
 */
export function buildActivityDeps(
  env: StackEnv,
  overrides: Partial<Pick<ActivityDeps, 'hostId' | 'metrics'>> & { schedulesPaused?: boolean } = {},
): { deps: ActivityDeps; close(): Promise<void> } {
  const appDb = createDb(env.CONTROL_DATABASE_URL, { applicationName: 'rewind-worker' });
  const platformDb = createPlatformDb(env.CONTROL_DATABASE_PLATFORM_URL, {
    max: 3,
    applicationName: 'rewind-worker-platform',
  });
  // the control plane's S3 identity; the engine (pgBackRest on this host) gets the hosts' key
  const regions = controlRegionsFromEnv(env);
  const backupScheduler = createBackupScheduler({
    address: env.TEMPORAL_ADDRESS,
    namespace: env.TEMPORAL_NAMESPACE,
    ...(overrides.schedulesPaused ? { createPaused: true } : {}),
  });
  const deps: ActivityDeps = {
    engine: createEngine(engineConfigFromEnv(env)),
    hostId: overrides.hostId ?? env.REWIND_HOST_ID,
    dataDir: env.REWIND_DATA_DIR,
    db: appDb.db,
    platformDb: platformDb.db,
    regions: {
      a: createRegionClient(regions.a, env.S3_CA_FILE),
      b: createRegionClient(regions.b, env.S3_CA_FILE),
    },
    secretKey: env.REWIND_SECRET_KEY,
    backupScheduler,
    ...(overrides.metrics ? { metrics: overrides.metrics } : {}),
  };
  return {
    deps,
    close: async () => {
      await Promise.all([appDb.close(), platformDb.close(), backupScheduler.close()]);
      deps.regions.a.s3.destroy();
      deps.regions.b.s3.destroy();
    },
  };
}
