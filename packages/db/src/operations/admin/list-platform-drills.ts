import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { DrillTargetKind, RestoreCheck, RestoreTargetSpec } from '@rewind/core';
import type { PlatformDb } from '../../platform-db';
import {
  instances,
  restoreDrills,
  tenants,
  type DrillPhaseDuration,
  type RestoreDrillStatus,
  type RestoreDrillTrigger,
} from '../../schema';

export interface PlatformDrillRow {
  id: string;
  tenant: { id: string; slug: string; name: string };
  instance: { id: string; name: string };
  restoreId: string | null;
  trigger: RestoreDrillTrigger;
  status: RestoreDrillStatus;
  region: string | null;
  target: RestoreTargetSpec | null;
  targetKind: DrillTargetKind | null;
  backupLabel: string | null;
  phases: DrillPhaseDuration[];
  bytesRestored: number | null;
  failedCheck: string | null;
  walSegment: string | null;
  checks: RestoreCheck[];
  durationSeconds: number | null;
  error: string | null;
  startedAt: Date;
  finishedAt: Date | null;
}

/** Restore drills of every tenant, newest first. */
export async function listPlatformDrills(
  db: PlatformDb,
  filter: { tenantId?: string; limit: number },
): Promise<PlatformDrillRow[]> {
  const where: SQL[] = [];
  if (filter.tenantId) where.push(eq(restoreDrills.tenantId, filter.tenantId));
  const rows = await db
    .select({
      drill: restoreDrills,
      tenantSlug: tenants.slug,
      tenantName: tenants.name,
      instanceName: instances.name,
    })
    .from(restoreDrills)
    .innerJoin(tenants, eq(tenants.id, restoreDrills.tenantId))
    .innerJoin(
      instances,
      and(
        eq(instances.id, restoreDrills.instanceId),
        eq(instances.tenantId, restoreDrills.tenantId),
      ),
    )
    .where(where.length > 0 ? and(...where) : undefined)
    .orderBy(desc(restoreDrills.startedAt))
    .limit(Math.min(Math.max(filter.limit, 1), 500));
  return rows.map(({ drill: d, tenantSlug, tenantName, instanceName }) => ({
    id: d.id,
    tenant: { id: d.tenantId, slug: tenantSlug, name: tenantName },
    instance: { id: d.instanceId, name: instanceName },
    restoreId: d.restoreId,
    trigger: d.trigger,
    status: d.status,
    region: d.region,
    target: d.target,
    targetKind: d.targetKind,
    backupLabel: d.backupLabel,
    phases: d.phases,
    bytesRestored: d.bytesRestored,
    failedCheck: d.failedCheck,
    walSegment: d.walSegment,
    checks: d.checks,
    durationSeconds: d.durationSeconds,
    error: d.error,
    startedAt: d.startedAt,
    finishedAt: d.finishedAt,
  }));
}
