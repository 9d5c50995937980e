import type { EngineConfig } from '../engine-config';
import { instancePaths } from '../paths';
import { stopCluster } from './cluster';

export async function stopInstance(
  config: EngineConfig,
  input: { instanceId: string; mode?: 'fast' | 'immediate' },
): Promise<void> {
  const paths = instancePaths(config.dataDir, config.hostId, input.instanceId);
  await stopCluster(config, {
    pgdata: paths.pgdata,
    label: `instance ${input.instanceId}`,
    mode: input.mode,
  });
}
