import { appendFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { EngineConfig } from '../engine-config';
import { mkdirForPostgres } from '../fs-owner';
import { killStrayRestores } from './kill-stray-restores';
import { buildRestoreArgs, type RestoreArgsInput } from './restore-args';
import { runPgBackRest } from './run-pgbackrest';

export interface RestoreInput extends RestoreArgsInput {
  /** the source instance: its stanza and config say where the backups are */
  instanceId: string;
  /** a cancelled restore aborts: pgbackrest is killed and the call rejects */
  signal?: AbortSignal;
}

export interface RestoreResult {
  targetDir: string;
  durationMs: number;
}

/**
 * Restores a backup of `instanceId` plus WAL up to the target into `targetDir` (wiped first, so
 * retries start clean). The cluster is not started: see prepareRestoredCluster + startCluster.
 */
export async function restore(config: EngineConfig, input: RestoreInput): Promise<RestoreResult> {
  await killStrayRestores(input.targetDir);
  await rm(input.targetDir, { recursive: true, force: true });
  await mkdirForPostgres(input.targetDir, 0o700);
  const r = await runPgBackRest(config, {
    instanceId: input.instanceId,
    command: 'restore',
    repo: input.repo,
    args: buildRestoreArgs(input).filter((a) => !a.startsWith('--repo=')),
    timeoutMs: 6 * 60 * 60_000,
    ...(input.signal ? { signal: input.signal } : {}),
  });
  return { targetDir: input.targetDir, durationMs: r.durationMs };
}

export interface PrepareRestoredClusterInput {
  pgdata: string;
  port: number;
  socketDir: string;
}

/**
 * The restored postgresql.conf is the source's: same port and socket dir. Overrides go into
 * postgresql.auto.conf (read last), next to the recovery settings pgBackRest wrote there.
 */
export async function prepareRestoredCluster(input: PrepareRestoredClusterInput): Promise<void> {
  await mkdirForPostgres(input.socketDir, 0o700);
  await appendFile(
    path.join(input.pgdata, 'postgresql.auto.conf'),
    [
      '# rewind: restored copy',
      `port = ${input.port}`,
      `unix_socket_directories = '${input.socketDir.replace(/'/g, "''")}'`,
      "archive_command = ''",
      '',
    ].join('\n'),
  );
}
