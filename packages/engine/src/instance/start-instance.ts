import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { EngineConfig } from '../engine-config';
import { writeFileForPostgres } from '../fs-owner';
import { instancePaths } from '../paths';
import { clusterState, startCluster } from './cluster';
import { wakeCheckpointer } from './wake-checkpointer';
import { upgradeArchiveCommand } from './render-postgresql-conf';

export async function startInstance(
  config: EngineConfig,
  input: { instanceId: string },
): Promise<void> {
  const paths = instancePaths(config.dataDir, config.hostId, input.instanceId);
  // an instance whose archive_command still names host paths gets the current one while it is
  // stopped: only a server started by startCluster has the environment the new command needs
  if (!(await clusterState(config, paths.pgdata)).running)
    for (const file of ['postgresql.conf', 'postgresql.auto.conf']) {
      const conf = path.join(paths.pgdata, file);
      const text = await readFile(conf, 'utf8').catch(() => null);
      const upgraded = text === null ? null : upgradeArchiveCommand(text, input.instanceId);
      if (upgraded !== null) await writeFileForPostgres(conf, upgraded, 0o600);
    }
  const label = `instance ${input.instanceId}`;
  await startCluster(config, { pgdata: paths.pgdata, logFile: paths.postgresLog, label });
  await wakeCheckpointer(config, { pgdata: paths.pgdata, label });
}
