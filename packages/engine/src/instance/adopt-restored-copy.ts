import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { EngineConfig } from '../engine-config';
import { mkdirForPostgres, writeFileForPostgres } from '../fs-owner';
import { hostDir, instancePaths } from '../paths';
import { startCluster, stopCluster } from './cluster';
import { newInstanceMeta, readInstanceMeta, writeInstanceMeta } from './instance-meta';
import { archiveCommand } from './render-postgresql-conf';
import { markUnarchived, renderServingAutoConf, type SwapPgdataResult } from './swap-pgdata';
import { wakeCheckpointer } from './wake-checkpointer';
import { writePgBackRestConfig } from './write-pgbackrest-config';

export interface AdoptRestoredCopyInput {
  /** the restored copy's directory on this host (a clone's id) */
  copyId: string;
  /** the instance (stanza) it serves as from now on: directory, pgBackRest config, archive */
  instanceId: string;
  port: number;
  database: string;
  owner: string;
  archiveTimeoutSeconds: number;
  cipherPass: string;
  retentionFullDays: number;
}

const exists = (p: string) =>
  stat(p).then(
    () => true,
    () => false,
  );

/**
 * A verified restored copy (a clone) becomes an instance of its own: its data directory moves
 * under the instance's stanza directory next to a pgBackRest config of its own, and it starts
 * again on the same port with archiving on into that stanza (both regions). The caller then
 * runs stanza-create and the first full backups. Every step checks where an earlier attempt
 * got to (the data moved or not, instance.json written or not), so a retry finishes the same
 * move; the copy's own directory (logs, its WAL spool) goes last.
 */
export async function adoptRestoredCopy(
  config: EngineConfig,
  input: AdoptRestoredCopyInput,
): Promise<SwapPgdataResult> {
  const paths = instancePaths(config.dataDir, config.hostId, input.instanceId);
  const copy = instancePaths(config.dataDir, config.hostId, input.copyId);
  const label = `instance ${input.instanceId} (kept from restored copy ${input.copyId})`;

  // phase: the instance's directories and pgBackRest config (rewritten on each attempt)
  await mkdir(path.join(hostDir(config.dataDir, config.hostId), 'instances'), {
    recursive: true,
    mode: 0o755,
  });
  for (const dir of [paths.root, paths.spool, paths.log, paths.lock, paths.run])
    await mkdirForPostgres(dir, 0o700);
  await writePgBackRestConfig(config, input.instanceId, paths, {
    port: input.port,
    cipherPass: input.cipherPass,
    retentionFullDays: input.retentionFullDays,
  });

  // phase: stop the copy and move its data in (rename: same filesystem, atomic)
  if (await exists(copy.pgdata)) {
    await stopCluster(config, { pgdata: copy.pgdata, label: `restored copy ${input.copyId}` });
    if (await exists(paths.pgdata))
      throw new Error(`${label}: ${paths.pgdata} already holds data; refusing to overwrite it`);
    await rename(copy.pgdata, paths.pgdata);
  } else if (!(await exists(paths.pgdata))) {
    throw new Error(`${label}: neither ${copy.pgdata} nor ${paths.pgdata} exists`);
  } else {
    await stopCluster(config, { pgdata: paths.pgdata, label });
  }

  // phase: serve as the instance (owned settings rewritten, not appended: idempotent)
  const auto = path.join(paths.pgdata, 'postgresql.auto.conf');
  await writeFileForPostgres(
    auto,
    renderServingAutoConf(await readFile(auto, 'utf8').catch(() => ''), {
      port: input.port,
      socketDir: paths.run,
      archiveCommand: archiveCommand({ stanza: input.instanceId }),
      archiveTimeoutSeconds: input.archiveTimeoutSeconds,
    }),
    0o600,
  );
  const result = await markUnarchived(config, paths.pgdata);
  if (!(await readInstanceMeta(paths.meta))) {
    const { instanceId, port, database, owner, archiveTimeoutSeconds } = input;
    await writeInstanceMeta(
      paths.meta,
      newInstanceMeta({ instanceId, port, database, owner, archiveTimeoutSeconds }),
    );
  }
  await startCluster(config, {
    pgdata: paths.pgdata,
    logFile: paths.postgresLog,
    label,
    timeoutSeconds: 300,
  });
  await wakeCheckpointer(config, { pgdata: paths.pgdata, label });

  // phase: nothing of the copy's directory is left (its logs, the spool of its WAL fetches)
  await rm(copy.root, { recursive: true, force: true });
  await rm(copy.run, { recursive: true, force: true });
  return result;
}
