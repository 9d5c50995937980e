import type { EngineConfig, RepoIndex } from '../engine-config';
import { runPgBackRest } from './run-pgbackrest';

/**
 * Removes the stanza (backups + WAL) from the given repos. pgBackRest insists on `stop` first so
 * no archive-push or backup can race the deletion; `--force` because the cluster may be gone.
 */
export async function stanzaDelete(
  config: EngineConfig,
  input: { instanceId: string; repos?: readonly RepoIndex[] },
): Promise<void> {
  for (const repo of input.repos ?? [1, 2]) {
    // stanza-delete removes the stop file when done, so each repo needs its own `stop`
    await runPgBackRest(config, {
      instanceId: input.instanceId,
      command: 'stop',
      args: ['--force'],
      timeoutMs: 60_000,
    });
    await runPgBackRest(config, {
      instanceId: input.instanceId,
      command: 'stanza-delete',
      repo,
      args: ['--force'],
      timeoutMs: 30 * 60_000,
    });
  }
}
