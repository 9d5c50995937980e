import type { EngineConfig, RepoIndex } from '../engine-config';
import { configSecrets, repoLabel } from '../engine-config';
import { instancePaths } from '../paths';
import { runAsPostgres, type RunResult } from '../run-as-postgres';

export interface PgBackRestRun {
  instanceId: string;
  command: string;
  args?: readonly string[];
  repo?: RepoIndex;
  timeoutMs?: number;
  /** kills pgbackrest when aborted (a cancelled restore) */
  signal?: AbortSignal;
  /** non-zero exit codes that are an answer, not a failure (verify: it found problems) */
  okExitCodes?: readonly number[];
}

/** Every pgbackrest invocation goes through here: the instance's own config, its stanza, context for errors. */
export function runPgBackRest(config: EngineConfig, run: PgBackRestRun): Promise<RunResult> {
  const paths = instancePaths(config.dataDir, config.hostId, run.instanceId);
  const repoArgs = run.repo === undefined ? [] : [`--repo=${run.repo}`];
  const where = run.repo === undefined ? '' : ` on ${repoLabel(config, run.repo)}`;
  return runAsPostgres(
    config.pgbackrestBin,
    [
      `--config=${paths.pgbackrestConf}`,
      `--stanza=${run.instanceId}`,
      ...repoArgs,
      ...(run.args ?? []),
      run.command,
    ],
    {
      context: `running pgbackrest ${run.command} for stanza ${run.instanceId}${where}`,
      timeoutMs: run.timeoutMs ?? 30 * 60_000,
      // the cipher pass and keys live in the config file, never on the command line; redact the keys anyway
      secrets: configSecrets(config),
      ...(run.signal ? { signal: run.signal } : {}),
      ...(run.okExitCodes ? { okExitCodes: run.okExitCodes } : {}),
    },
  );
}
