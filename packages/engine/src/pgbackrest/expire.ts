import type { EngineConfig, RepoIndex } from '../engine-config';
import { runPgBackRest } from './run-pgbackrest';
import { waitForLock } from './wait-for-lock';

/** Applies the repo's time-based retention (also run by pgBackRest after every backup). */
export async function expire(
  config: EngineConfig,
  input: { instanceId: string; repo: RepoIndex },
): Promise<void> {
  await waitForLock(() =>
    runPgBackRest(config, {
      instanceId: input.instanceId,
      command: 'expire',
      repo: input.repo,
      timeoutMs: 30 * 60_000,
    }),
  );
}
