import type { EngineConfig } from '../engine-config';
import { writeFileForPostgres } from '../fs-owner';
import type { InstancePaths } from '../paths';
import { renderPgBackRestConfig } from '../pgbackrest/render-config';

export interface PgBackRestSettings {
  port: number;
  cipherPass: string;
  retentionFullDays: number;
}

/** (Re)writes the instance's pgbackrest.conf, 0600 and owned by postgres since it holds S3 keys and the cipher pass. */
export async function writePgBackRestConfig(
  config: EngineConfig,
  instanceId: string,
  paths: InstancePaths,
  settings: PgBackRestSettings,
): Promise<void> {
  const text = renderPgBackRestConfig({
    stanza: instanceId,
    pgdata: paths.pgdata,
    port: settings.port,
    socketDir: paths.run,
    spoolPath: paths.spool,
    logPath: paths.log,
    lockPath: paths.lock,
    caFile: config.caFile,
    repos: [
      { region: config.regions.a, retentionFullDays: settings.retentionFullDays },
      { region: config.regions.b, retentionFullDays: settings.retentionFullDays },
    ],
    cipherPass: settings.cipherPass,
    compressType: config.compressType,
  });
  await writeFileForPostgres(paths.pgbackrestConf, text, 0o600);
}
