import type { EngineConfig, RepoIndex } from '../engine-config';
import { runPgBackRest } from './run-pgbackrest';

/** `pgbackrest info --output=json` for the instance's stanza, unparsed. */
export async function infoJson(
  config: EngineConfig,
  input: { instanceId: string; repo?: RepoIndex; timeoutMs?: number },
): Promise<string> {
  const r = await runPgBackRest(config, {
    instanceId: input.instanceId,
    command: 'info',
    args: ['--output=json'],
    ...(input.repo !== undefined ? { repo: input.repo } : {}),
    timeoutMs: input.timeoutMs ?? 5 * 60_000,
  });
  return r.stdout;
}
