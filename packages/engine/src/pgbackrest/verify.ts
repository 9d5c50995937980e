import type { EngineConfig, RepoIndex } from '../engine-config';
import { runPgBackRest } from './run-pgbackrest';

export interface VerifyResult {
  repo: RepoIndex;
  ok: true;
  durationMs: number;
}

/**
 * Checks every backup file and WAL segment in one repo against its checksum. pgBackRest 2.45
 * exits non-zero when it finds a problem, which runPgBackRest turns into an EngineError with the
 * offending lines, so reaching the return means the repo verified clean.
 */
export async function verify(
  config: EngineConfig,
  input: { instanceId: string; repo: RepoIndex },
): Promise<VerifyResult> {
  const r = await runPgBackRest(config, {
    instanceId: input.instanceId,
    command: 'verify',
    repo: input.repo,
    timeoutMs: 2 * 60 * 60_000,
  });
  return { repo: input.repo, ok: true, durationMs: r.durationMs };
}
