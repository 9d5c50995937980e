import { randomBytes } from 'node:crypto';
import { decryptSecret, type StackEnv } from '@rewind/core';
import {
  backups,
  createInstanceRecord,
  inTenantTx,
  instanceRegionStatus,
  instances,
  restorePoints,
  walRanges,
  type Db,
  type InstanceRecord,
} from '@rewind/db';
import { deleteRows, insertRows, updateRows } from '@rewind/db/testing';
import { lsnToSegment, type Engine } from '@rewind/engine';

/**
 * A source instance for restore tests, provisioned straight through the engine (the
 * createInstance workflow and catalog sync are built elsewhere), with its catalog rows written
 * from `pgbackrest info` the way catalog sync will.
 */
export async function provisionSource(
  env: StackEnv,
  engine: Engine,
  db: Db,
  tenantId: string,
  name: string,
  /** the plan's archive_timeout (WAL switched at least this often); default 60 s, the free plan's */
  archiveTimeoutSeconds = 60,
): Promise<InstanceRecord> {
  const rec = await inTenantTx(db, { tenantId }, async (tx) => {
    const r = await createInstanceRecord(tx, {
      tenantId,
      name,
      secretKey: env.REWIND_SECRET_KEY,
      hostId: env.REWIND_HOST_ID,
      ignorePlanLimit: true,
    });
    // stanza = id: the engine knows an instance by its stanza (restore and replace address it
    // so); older suites and benches address these sources by id, and both must keep working
    await updateRows(tx, instances, { id: r.id }, { status: 'running', stanza: r.id });
    return { ...r, status: 'running' as const, stanza: r.id };
  });
  await engine.initInstance({
    instanceId: rec.stanza,
    port: rec.port!,
    superuserPassword: randomBytes(12).toString('hex'),
    database: rec.databaseName,
    owner: rec.username,
    ownerPassword: decryptSecret(rec.passwordEnc, env.REWIND_SECRET_KEY),
    archiveTimeoutSeconds,
    cipherPass: decryptSecret(rec.repoCipherPassEnc, env.REWIND_SECRET_KEY),
    retentionFullDays: 7,
  });
  await engine.stanzaCreate({ instanceId: rec.stanza });
  return rec;
}

/**
 * Mirrors `pgbackrest info` + the newest archived commit into backups / wal_ranges /
 * instance_region_status, and the restore points the test created (the real catalog sync reads
 * them from archived WAL; pre-flight refuses a name it has not recorded).
 */
export async function syncCatalog(
  env: StackEnv,
  engine: Engine,
  db: Db,
  source: InstanceRecord,
  latest: {
    at: string;
    lsn: string;
    /** the newest committed xid: xid targets after it are refused */
    xid?: string;
    points?: readonly { name: string; lsn: string }[];
  },
): Promise<void> {
  const info = await engine.info({ instanceId: source.stanza });
  const regionOf = (repo: number) => (repo === 1 ? env.REGION_A_NAME : env.REGION_B_NAME);
  await inTenantTx(db, { tenantId: source.tenantId }, async (tx) => {
    for (const t of [backups, walRanges, instanceRegionStatus, restorePoints])
      await deleteRows(tx, t, { instanceId: source.id });
    for (const repo of info.repos) {
      const region = regionOf(repo.repo);
      for (const b of repo.backups) {
        await insertRows(tx, backups, {
          tenantId: source.tenantId,
          instanceId: source.id,
          region,
          label: b.label,
          type: b.type,
          startedAt: new Date(b.startTime),
          stoppedAt: new Date(b.stopTime),
          beginLsn: b.startLsn,
          endLsn: b.stopLsn,
          walStart: b.walStart!,
          walStop: b.walStop!,
          timeline: Number.parseInt(b.walStart!.slice(0, 8), 16),
          sizeBytes: b.sizeBytes,
          repoSizeBytes: b.repoSizeBytes,
        });
      }
      const archive = repo.archives[0]!;
      await insertRows(tx, walRanges, {
        tenantId: source.tenantId,
        instanceId: source.id,
        region,
        timeline: Number.parseInt(archive.walMin!.slice(0, 8), 16),
        startSegment: archive.walMin!,
        stopSegment: archive.walMax!,
        lastCommitAt: new Date(latest.at),
        lastCommitLsn: latest.lsn,
        lastCommitXid: latest.xid ?? null,
      });
      for (const point of latest.points ?? [])
        await insertRows(tx, restorePoints, {
          tenantId: source.tenantId,
          instanceId: source.id,
          region,
          name: point.name,
          lsn: point.lsn,
          segment: lsnToSegment(point.lsn, Number.parseInt(archive.walMin!.slice(0, 8), 16)),
        });
      await insertRows(tx, instanceRegionStatus, {
        tenantId: source.tenantId,
        instanceId: source.id,
        region,
        latestCommitAt: new Date(latest.at),
        latestCommitLsn: latest.lsn,
        latestCommitXid: latest.xid ?? null,
        archiveOk: true,
      });
    }
  });
}
