import { rm } from 'node:fs/promises';
import type { EngineConfig } from '../engine-config';
import { instancePaths } from '../paths';
import { destroyCluster } from './destroy-cluster';

/** Stops the instance and removes its directory. Idempotent: a missing instance is success. */
export async function destroyInstance(
  config: EngineConfig,
  input: { instanceId: string },
): Promise<void> {
  const paths = instancePaths(config.dataDir, config.hostId, input.instanceId);
  await destroyCluster(config, { pgdata: paths.pgdata, label: `instance ${input.instanceId}` });
  await rm(paths.root, { recursive: true, force: true });
  await rm(paths.run, { recursive: true, force: true });
}
