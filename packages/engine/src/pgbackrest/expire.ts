import type { EngineConfig, RepoIndex } from '../engine-config';
import { buildExpireArgs } from './expire-args';
import { runPgBackRest } from './run-pgbackrest';
import { waitForLock } from './wait-for-lock';

/**
 * Applies the repo's time-based retention. Callers that know the tenant's current retention
 * pass it (it wins over pgbackrest.conf); without it the conf file's value applies.
 */
export async function expire(
  config: EngineConfig,
  input: { instanceId: string; repo: RepoIndex; retentionFullDays?: number },
): Promise<void> {
  await waitForLock(() =>
    runPgBackRest(config, {
      instanceId: input.instanceId,
      command: 'expire',
      repo: input.repo,
      args: buildExpireArgs(input),
      timeoutMs: 30 * 60_000,
    }),
  );
}
