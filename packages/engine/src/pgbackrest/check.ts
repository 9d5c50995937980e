import type { EngineConfig } from '../engine-config';
import { runPgBackRest } from './run-pgbackrest';

/**
 * Forces a WAL switch and waits until that segment is archived in every repo: proves
 * archive_command, both S3 regions and the config agree. Also a cheap "flush WAL now".
 */
export async function check(config: EngineConfig, input: { instanceId: string }): Promise<void> {
  await runPgBackRest(config, {
    instanceId: input.instanceId,
    command: 'check',
    args: ['--archive-timeout=120'],
    timeoutMs: 5 * 60_000,
  });
}
