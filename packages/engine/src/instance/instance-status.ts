import { stat } from 'node:fs/promises';
import type { EngineConfig } from '../engine-config';
import { instancePaths } from '../paths';
import { clusterState } from './cluster';
import { readInstanceMeta } from './instance-meta';

export interface InstanceStatus {
  instanceId: string;
  /** directory present */
  exists: boolean;
  /** initInstance finished */
  initialized: boolean;
  running: boolean;
  pid?: number;
  port?: number;
  database?: string;
}

export async function instanceStatus(
  config: EngineConfig,
  input: { instanceId: string },
): Promise<InstanceStatus> {
  const paths = instancePaths(config.dataDir, config.hostId, input.instanceId);
  const exists = await stat(paths.root).then(
    () => true,
    () => false,
  );
  if (!exists) return { instanceId: input.instanceId, exists, initialized: false, running: false };
  const meta = await readInstanceMeta(paths.meta);
  const state = await clusterState(config, paths.pgdata);
  return {
    instanceId: input.instanceId,
    exists,
    initialized: meta !== undefined,
    running: state.running,
    ...(state.pid !== undefined ? { pid: state.pid } : {}),
    ...(meta ? { port: meta.port, database: meta.database } : {}),
  };
}
