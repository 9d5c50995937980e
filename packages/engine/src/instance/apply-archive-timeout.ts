import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { EngineConfig } from '../engine-config';
import { writeFileForPostgres } from '../fs-owner';
import { instancePaths } from '../paths';
import {
  assertArchiveTimeout,
  setAutoConfArchiveTimeout,
  setRewindArchiveTimeout,
} from './archive-timeout-conf';
import { clusterState, runSql } from './cluster';
import { readInstanceMeta, writeInstanceMeta } from './instance-meta';

export interface ApplyArchiveTimeoutResult {
  archiveTimeoutSeconds: number;
  /** what instance.json said before (the value set at creation or by the last change) */
  previousSeconds: number;
  /** true: the running server reloaded it; false: it was stopped and reads it on start */
  live: boolean;
}

/**
 * Sets an instance's archive_timeout (its plan changed): in the running server (ALTER SYSTEM +
 * reload, no restart needed), in postgresql.conf's engine block, and in instance.json, which a
 * replace restore's swap reads to configure the incoming data directory. Idempotent.
 */
export async function applyArchiveTimeout(
  config: EngineConfig,
  input: { instanceId: string; seconds: number },
): Promise<ApplyArchiveTimeoutResult> {
  assertArchiveTimeout(input.seconds);
  const paths = instancePaths(config.dataDir, config.hostId, input.instanceId);
  const label = `instance ${input.instanceId}`;
  const meta = await readInstanceMeta(paths.meta);
  if (!meta)
    throw new Error(`${label} is not initialized on host ${config.hostId} (no ${paths.meta})`);

  // phase: the files a restart or a swap reads
  const conf = path.join(paths.pgdata, 'postgresql.conf');
  const confText = await readFile(conf, 'utf8').catch((err: unknown) => {
    throw new Error(`while reading ${conf} of ${label}: ${(err as Error).message}`, { cause: err });
  });
  await writeFileForPostgres(conf, setRewindArchiveTimeout(confText, input.seconds), 0o600);
  await writeInstanceMeta(paths.meta, { ...meta, archiveTimeoutSeconds: input.seconds });
  const result = {
    archiveTimeoutSeconds: input.seconds,
    previousSeconds: meta.archiveTimeoutSeconds,
  };

  // phase: the server (postgresql.auto.conf is read last, so it must agree as well)
  if ((await clusterState(config, paths.pgdata)).running) {
    await runSql(
      config,
      { socketDir: paths.run, port: meta.port },
      // two statements: ALTER SYSTEM cannot run inside a transaction block
      `ALTER SYSTEM SET archive_timeout = ${input.seconds};\nSELECT pg_reload_conf();`,
      { context: `setting archive_timeout = ${input.seconds} s on ${label}` },
    );
    return { ...result, live: true };
  }
  const auto = path.join(paths.pgdata, 'postgresql.auto.conf');
  const autoText = await readFile(auto, 'utf8').catch(() => '');
  await writeFileForPostgres(auto, setAutoConfArchiveTimeout(autoText, input.seconds), 0o600);
  return { ...result, live: false };
}
