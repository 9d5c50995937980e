import { readFile } from 'node:fs/promises';
import type { EngineConfig } from '../engine-config';
import { instancePaths } from '../paths';
import { writePgBackRestConfig, type PgBackRestSettings } from './write-pgbackrest-config';

/** `repo1-retention-full` of a pgbackrest.conf, or null if it has none (pure, for tests). */
export function retentionFullDaysOf(conf: string): number | null {
  const m = /^repo1-retention-full=(\d+)\s*$/m.exec(conf);
  return m ? Number(m[1]) : null;
}

/**
 * Regenerates an existing instance's pgbackrest.conf (its tenant's retention changed), so a
 * manual `pgbackrest expire` or an automatic one after a manual backup agrees with the plan.
 * Refuses to create a config for an instance this host does not have.
 */
export async function rewritePgBackRestConfig(
  config: EngineConfig,
  input: { instanceId: string } & PgBackRestSettings,
): Promise<{ previousRetentionFullDays: number | null }> {
  const paths = instancePaths(config.dataDir, config.hostId, input.instanceId);
  const current = await readFile(paths.pgbackrestConf, 'utf8').catch((err: unknown) => {
    throw new Error(
      `instance ${input.instanceId} has no pgBackRest config on host ${config.hostId} (${paths.pgbackrestConf}): ${(err as Error).message}`,
      { cause: err },
    );
  });
  await writePgBackRestConfig(config, input.instanceId, paths, {
    port: input.port,
    cipherPass: input.cipherPass,
    retentionFullDays: input.retentionFullDays,
  });
  return { previousRetentionFullDays: retentionFullDaysOf(current) };
}
