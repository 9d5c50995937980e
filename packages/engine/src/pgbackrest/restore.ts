import { appendFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { EngineConfig, RepoIndex } from '../engine-config';
import { mkdirForPostgres } from '../fs-owner';
import { instancePaths } from '../paths';
import { killStrayRestores } from './kill-stray-restores';
import { buildRestoreArgs, repoPathArg, type RestoreArgsInput } from './restore-args';
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
  /**
   * Where recovery fetches WAL: the source's stanza in the repo the backup came from, through
   * the copy's own spool and lock directories (`copyDir`). pgBackRest's generated
   * restore_command shares the source's: async archive-get and the source's async archive-push
   * take the same per-stanza archive lock, so two copies of one instance (a drill and a
   * restore), or a copy and its busy source, starve each other's archive-get past its
   * archive-timeout; PostgreSQL then takes "not found" for the end of WAL and stops recovery
   * short of the target.
   */
  walSource?: { stanza: string; repo: RepoIndex; copyDir: string; repoPath?: string };
}

const quoteConf = (v: string) => `'${v.replace(/'/g, "''")}'`;

/** The copy's restore_command (pure, for tests). */
export function copyRestoreCommand(
  config: Pick<EngineConfig, 'dataDir' | 'hostId' | 'pgbackrestBin'>,
  input: { pgdata: string; stanza: string; repo: RepoIndex; copyDir: string; repoPath?: string },
): string {
  const conf = instancePaths(config.dataDir, config.hostId, input.stanza).pgbackrestConf;
  const dirs = {
    spool: path.join(input.copyDir, 'spool'),
    lock: path.join(input.copyDir, 'lock'),
    log: path.join(input.copyDir, 'log'),
  };
  for (const v of [config.pgbackrestBin, conf, input.pgdata, ...Object.values(dirs)]) {
    // it runs through a shell from inside a quoted conf value: plain paths only
    if (!/^[\w./-]+$/.test(v))
      throw new Error(`unexpected characters in path ${JSON.stringify(v)}`);
  }
  return [
    config.pgbackrestBin,
    `--config=${conf}`,
    `--stanza=${input.stanza}`,
    `--repo=${input.repo}`,
    ...(input.repoPath ? [repoPathArg(input.repo, input.repoPath)] : []),
    `--pg1-path=${input.pgdata}`,
    `--spool-path=${dirs.spool}`,
    `--lock-path=${dirs.lock}`,
    `--log-path=${dirs.log}`,
    'archive-get %f "%p"',
  ].join(' ');
}

/**
 * The restored postgresql.conf is the source's: same port and socket dir. Overrides go into
 * postgresql.auto.conf (read last, the last value of a setting wins), after the recovery
 * settings pgBackRest wrote there.
 */
export async function prepareRestoredCluster(
  config: EngineConfig,
  input: PrepareRestoredClusterInput,
): Promise<void> {
  await mkdirForPostgres(input.socketDir, 0o700);
  if (input.walSource)
    for (const dir of ['spool', 'lock', 'log'])
      await mkdirForPostgres(path.join(input.walSource.copyDir, dir), 0o700);
  await appendFile(
    path.join(input.pgdata, 'postgresql.auto.conf'),
    [
      '# rewind: restored copy',
      `port = ${input.port}`,
      `unix_socket_directories = ${quoteConf(input.socketDir)}`,
      "archive_command = ''",
      ...(input.walSource
        ? [
            `restore_command = ${quoteConf(copyRestoreCommand(config, { pgdata: input.pgdata, ...input.walSource }))}`,
          ]
        : []),
      '',
    ].join('\n'),
  );
}
