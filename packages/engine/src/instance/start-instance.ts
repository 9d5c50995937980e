import type { EngineConfig } from '../engine-config';
import { instancePaths } from '../paths';
import { startCluster } from './cluster';

export async function startInstance(
  config: EngineConfig,
  input: { instanceId: string },
): Promise<void> {
  const paths = instancePaths(config.dataDir, config.hostId, input.instanceId);
  await startCluster(config, {
    pgdata: paths.pgdata,
    logFile: paths.postgresLog,
    label: `instance ${input.instanceId}`,
  });
}
