import type { EngineConfig, RepoIndex } from '../engine-config';
import { runPgBackRest } from './run-pgbackrest';
import { waitForLock } from './wait-for-lock';

export type BackupType = 'full' | 'diff' | 'incr';

export interface BackupInput {
  instanceId: string;
  type: BackupType;
  repo: RepoIndex;
  /**
   * false: skip pgBackRest's automatic expire after the backup, so the caller decides (a legal
   * hold must keep every backup). Default: pgBackRest's own default (expire).
   */
  expireAuto?: boolean;
  /**
   * How long to wait for another backup of the same stanza (a Schedule's and an on-demand one
   * can meet) to release pgBackRest's lock before giving up. Default 30 minutes.
   */
  lockWaitMs?: number;
}

export interface BackupResult {
  repo: RepoIndex;
  type: BackupType;
  durationMs: number;
}

/** One backup to one repo. Backing up "to both regions" is two calls, repo1 then repo2 (see backupBothRepos). */
export async function backup(config: EngineConfig, input: BackupInput): Promise<BackupResult> {
  const r = await waitForLock(
    () =>
      runPgBackRest(config, {
        instanceId: input.instanceId,
        command: 'backup',
        repo: input.repo,
        args: [`--type=${input.type}`, ...(input.expireAuto === false ? ['--no-expire-auto'] : [])],
        timeoutMs: 6 * 60 * 60_000,
      }),
    input.lockWaitMs,
  );
  return { repo: input.repo, type: input.type, durationMs: r.durationMs };
}

export async function backupBothRepos(
  config: EngineConfig,
  input: Omit<BackupInput, 'repo'>,
): Promise<[BackupResult, BackupResult]> {
  const first = await backup(config, { ...input, repo: 1 });
  const second = await backup(config, { ...input, repo: 2 });
  return [first, second];
}
