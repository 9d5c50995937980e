import { and, eq } from 'drizzle-orm';
import type { PlanBackup, PlanRestorePoint, RegionWindow } from '@rewind/core';
import type { Tx } from '../client';
import { tenantWhere } from '../access';
import { backups, instanceRegionStatus, restorePoints } from '../schema';
import { getInstanceWindow } from './get-instance-window';

export interface RestoreCatalog {
  windows: RegionWindow[];
  backups: PlanBackup[];
  latestCommit: Record<string, { lsn: string | null; at: string | null; xid: string | null }>;
  restorePoints: PlanRestorePoint[];
}

/**
 * What the restore planner needs from the backup catalog (backups, wal_ranges,
 * instance_region_status, restore_points, kept in sync with pgBackRest and archived WAL by the
 * catalog-sync workflow).
 * The single place restores read the window from: the windows are getInstanceWindow's (the
 * same the instance page shows); backups' stop LSNs and the newest commit LSN are for LSN targets.
 */
export async function loadRestoreCatalog(
  tx: Tx,
  tenantId: string,
  instanceId: string,
  regions: readonly string[],
): Promise<RestoreCatalog> {
  const { windows } = await getInstanceWindow(tx, tenantId, instanceId, { regions });
  // one transaction is one connection: queries run one after another
  const b = await tx
    .select({ region: backups.region, label: backups.label, endLsn: backups.endLsn })
    .from(backups)
    .where(and(tenantWhere(backups, tenantId), eq(backups.instanceId, instanceId)));
  const s = await tx
    .select()
    .from(instanceRegionStatus)
    .where(
      and(
        tenantWhere(instanceRegionStatus, tenantId),
        eq(instanceRegionStatus.instanceId, instanceId),
      ),
    );
  const latestCommit: RestoreCatalog['latestCommit'] = {};
  for (const r of s)
    latestCommit[r.region] = {
      lsn: r.latestCommitLsn,
      at: r.latestCommitAt?.toISOString() ?? null,
      xid: r.latestCommitXid,
    };
  const points = await tx
    .select({ region: restorePoints.region, name: restorePoints.name, lsn: restorePoints.lsn })
    .from(restorePoints)
    .where(and(tenantWhere(restorePoints, tenantId), eq(restorePoints.instanceId, instanceId)));
  return {
    windows,
    backups: b,
    latestCommit,
    restorePoints: points,
  };
}
