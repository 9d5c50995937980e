import type { EngineConfig } from './engine-config';
import { adoptRestoredCopy } from './instance/adopt-restored-copy';
import { applyArchiveTimeout } from './instance/apply-archive-timeout';
import { destroyCluster } from './instance/destroy-cluster';
import { ensureReaderRole } from './instance/ensure-reader-role';
import { destroyInstance } from './instance/destroy-instance';
import { initInstance } from './instance/init-instance';
import { instanceStatus } from './instance/instance-status';
import { rewritePgBackRestConfig } from './instance/rewrite-pgbackrest-config';
import { runSql, startCluster, stopCluster, waitForPromotion } from './instance/cluster';
import { startInstance } from './instance/start-instance';
import { stopInstance } from './instance/stop-instance';
import { swapPgdata } from './instance/swap-pgdata';
import { backup, backupBothRepos } from './pgbackrest/backup';
import { check } from './pgbackrest/check';
import { expire } from './pgbackrest/expire';
import { info } from './pgbackrest/info';
import { prepareRestoredCluster, restore } from './pgbackrest/restore';
import { stanzaCreate } from './pgbackrest/stanza-create';
import { stanzaDelete } from './pgbackrest/stanza-delete';
import { verify, verifyFindings } from './pgbackrest/verify';
import { probeBinaries } from './probe-binaries';
import { instancePaths } from './paths';

/** The engine of one host with its config bound in: what activities receive as `deps.engine`. */
export function createEngine(config: EngineConfig) {
  const bind =
    <A extends unknown[], R>(f: (c: EngineConfig, ...a: A) => R) =>
    (...a: A): R =>
      f(config, ...a);
  return {
    config,
    paths: (instanceId: string) => instancePaths(config.dataDir, config.hostId, instanceId),
    probeBinaries: () => probeBinaries(config),
    initInstance: bind(initInstance),
    startInstance: bind(startInstance),
    stopInstance: bind(stopInstance),
    destroyInstance: bind(destroyInstance),
    instanceStatus: bind(instanceStatus),
    applyArchiveTimeout: bind(applyArchiveTimeout),
    rewritePgBackRestConfig: bind(rewritePgBackRestConfig),
    stanzaCreate: bind(stanzaCreate),
    stanzaDelete: bind(stanzaDelete),
    check: bind(check),
    backup: bind(backup),
    backupBothRepos: bind(backupBothRepos),
    info: bind(info),
    verify: bind(verify),
    verifyFindings: bind(verifyFindings),
    restore: bind(restore),
    expire: bind(expire),
    prepareRestoredCluster: bind(prepareRestoredCluster),
    startCluster: bind(startCluster),
    stopCluster: bind(stopCluster),
    destroyCluster: bind(destroyCluster),
    runSql: bind(runSql),
    ensureReaderRole: bind(ensureReaderRole),
    waitForPromotion: bind(waitForPromotion),
    swapPgdata: bind(swapPgdata),
    adoptRestoredCopy: bind(adoptRestoredCopy),
  };
}

export type Engine = ReturnType<typeof createEngine>;
