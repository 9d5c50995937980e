import { and, eq, gte, isNotNull, max, ne, sql } from 'drizzle-orm';
import type { PlatformDb } from '../../platform-db';
import { backups, instances, plans, restoreDrills, tenants } from '../../schema';
import { getInstanceWindow, type InstanceWindowRegion } from '../get-instance-window';

/** One running primary instance as the fleet metrics see it: no tenant id, slug or name in it. */
export interface FleetRecoverabilityInstance {
  /** the plan's archive_timeout: the archive-lag bound is derived from it */
  archiveTimeoutSeconds: number;
  /** what the tenant is promised: this many days back from now */
  retentionDays: number;
  /** the best region's recovery point age */
  rpoSeconds: number | null;
  regions: InstanceWindowRegion[];
  /** stop time of the newest backup per region */
  newestBackupAt: Record<string, Date>;
}

export interface FleetDrillCount {
  region: string;
  status: 'succeeded' | 'failed';
  count: number;
}

export interface FleetRecoverability {
  instances: FleetRecoverabilityInstance[];
  /** finished drills since `drillsSince`, per region and verdict */
  drills: FleetDrillCount[];
}

/**
 * What the fleet-level recoverability gauges need, read from the catalog on every scrape so
 * every process that serves /metrics reports the same fleet. Only running primaries count: a
 * stopped instance archives nothing and a clone is not promised a window.
 */
export async function readFleetRecoverability(
  db: PlatformDb,
  options: { regions: readonly string[]; now?: Date; drillsSince: Date },
): Promise<FleetRecoverability> {
  const now = options.now ?? new Date();
  const rows = await db
    .select({
      id: instances.id,
      tenantId: instances.tenantId,
      retentionDays: tenants.retentionDays,
      archiveTimeoutSeconds: plans.archiveTimeoutSeconds,
    })
    .from(instances)
    .innerJoin(tenants, eq(tenants.id, instances.tenantId))
    .innerJoin(plans, eq(plans.id, tenants.planId))
    .where(and(eq(instances.status, 'running'), eq(instances.kind, 'primary')));
  const newest = await db
    .select({
      instanceId: backups.instanceId,
      region: backups.region,
      stoppedAt: max(backups.stoppedAt),
    })
    .from(backups)
    .groupBy(backups.instanceId, backups.region);

  const out: FleetRecoverabilityInstance[] = [];
  for (const r of rows) {
    const window = await db.transaction(
      (tx) => getInstanceWindow(tx, r.tenantId, r.id, { regions: options.regions, now }),
      { accessMode: 'read only' },
    );
    out.push({
      archiveTimeoutSeconds: r.archiveTimeoutSeconds,
      retentionDays: r.retentionDays,
      rpoSeconds: window.rpoSeconds,
      regions: window.regions,
      newestBackupAt: Object.fromEntries(
        newest
          .filter((b) => b.instanceId === r.id && b.stoppedAt !== null)
          .map((b) => [b.region, b.stoppedAt!]),
      ),
    });
  }

  const drills = await db
    .select({
      region: restoreDrills.region,
      status: restoreDrills.status,
      count: sql<number>`count(*)::int`,
    })
    .from(restoreDrills)
    .where(
      and(
        isNotNull(restoreDrills.region),
        ne(restoreDrills.status, 'running'),
        gte(restoreDrills.finishedAt, options.drillsSince),
      ),
    )
    .groupBy(restoreDrills.region, restoreDrills.status);
  return {
    instances: out,
    drills: drills.map((d) => ({
      region: d.region!,
      status: d.status === 'succeeded' ? 'succeeded' : 'failed',
      count: d.count,
    })),
  };
}
