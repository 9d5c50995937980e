import type { EngineConfig } from '../engine-config';
import { runPgBackRest } from './run-pgbackrest';

/** Creates the stanza in both repos (pgBackRest does all configured repos at once; idempotent). */
export async function stanzaCreate(
  config: EngineConfig,
  input: { instanceId: string },
): Promise<void> {
  await runPgBackRest(config, {
    instanceId: input.instanceId,
    command: 'stanza-create',
    timeoutMs: 5 * 60_000,
  });
}
