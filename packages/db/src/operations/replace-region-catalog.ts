import { and, eq, lt, notInArray } from 'drizzle-orm';
import type { Tx } from '../client';
import { tenantWhere } from '../access';
import { backups, instanceRegionStatus, restorePoints, walRanges } from '../schema';

export interface CatalogBackup {
  label: string;
  type: 'full' | 'diff' | 'incr';
  startedAt: Date;
  stoppedAt: Date;
  beginLsn: string;
  endLsn: string;
  walStart: string;
  walStop: string;
  timeline: number;
  sizeBytes: number;
  repoSizeBytes: number;
}

export interface CatalogWalRange {
  timeline: number;
  startSegment: string;
  stopSegment: string;
  lastCommitAt: Date | null;
  lastCommitLsn: string | null;
  lastCommitXid: string | null;
}

export interface CatalogRegionStatus {
  latestCommitAt: Date | null;
  latestCommitLsn: string | null;
  latestCommitXid: string | null;
  newestSegment: string | null;
  restorePointsScannedThrough: string | null;
  archiveOk: boolean;
  error: string | null;
  /** set when this sync found every WAL byte written archived; absent: keep the last one */
  archivedThroughAt?: Date;
  archivedThroughSegment?: string;
  /** null: the instance's WAL position could not be read (stopped) */
  unarchivedWalBytes?: number | null;
}

export interface ReplaceRegionCatalogInput {
  tenantId: string;
  instanceId: string;
  region: string;
  /** null: the region could not be read; keep what we knew and only record the error */
  backups: CatalogBackup[] | null;
  walRanges: CatalogWalRange[] | null;
  /** restore points read from newly archived segments; null: keep what we knew */
  restorePoints: CatalogRestorePoints | null;
  status: CatalogRegionStatus;
}

export interface CatalogRestorePoints {
  found: Array<{ name: string; lsn: string; segment: string }>;
  /** points in segments older than this left the archive */
  oldestSegment: string | null;
}

/**
 * Makes the catalog of one instance in one region equal to what the region holds now: backups
 * that expired disappear, WAL ranges are replaced whole (they are few), and the region status
 * row is upserted, restore points found in new segments are added (those whose segment expired
 * go). One transaction, so a reader never sees half a sync.
 */
export async function replaceRegionCatalog(
  tx: Tx,
  input: ReplaceRegionCatalogInput,
): Promise<void> {
  const { tenantId, instanceId, region } = input;
  const now = new Date();
  const mine = <T extends typeof backups | typeof walRanges | typeof restorePoints>(t: T) =>
    and(tenantWhere(t, tenantId), eq(t.instanceId, instanceId), eq(t.region, region));

  if (input.backups !== null) {
    const labels = input.backups.map((b) => b.label);
    await tx
      .delete(backups)
      .where(
        labels.length > 0 ? and(mine(backups), notInArray(backups.label, labels)) : mine(backups),
      );
    for (const b of input.backups) {
      await tx
        .insert(backups)
        .values({ tenantId, instanceId, region, ...b, syncedAt: now })
        .onConflictDoUpdate({
          target: [backups.instanceId, backups.region, backups.label],
          set: { ...b, syncedAt: now },
        });
    }
  }
  if (input.walRanges !== null) {
    await tx.delete(walRanges).where(mine(walRanges));
    if (input.walRanges.length > 0)
      await tx
        .insert(walRanges)
        .values(
          input.walRanges.map((r) => ({ tenantId, instanceId, region, ...r, syncedAt: now })),
        );
  }
  if (input.restorePoints !== null) {
    const { found, oldestSegment } = input.restorePoints;
    await tx
      .delete(restorePoints)
      .where(
        oldestSegment === null
          ? mine(restorePoints)
          : and(mine(restorePoints), lt(restorePoints.segment, oldestSegment)),
      );
    if (found.length > 0)
      await tx
        .insert(restorePoints)
        .values(found.map((p) => ({ tenantId, instanceId, region, ...p, syncedAt: now })))
        .onConflictDoNothing({
          target: [restorePoints.instanceId, restorePoints.region, restorePoints.lsn],
        });
  }
  const status =
    input.backups === null
      ? // an unreadable region keeps its last known newest commit
        { archiveOk: false, error: input.status.error, syncedAt: now }
      : { ...input.status, syncedAt: now };
  await tx
    .insert(instanceRegionStatus)
    .values({ tenantId, instanceId, region, ...input.status, syncedAt: now })
    .onConflictDoUpdate({
      target: [instanceRegionStatus.instanceId, instanceRegionStatus.region],
      set: status,
    });
}
