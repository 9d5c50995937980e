import { asc, desc, eq, ne } from 'drizzle-orm';
import type { PlatformDb } from '../../platform-db';
import {
  instances,
  restoreDrills,
  tenants,
  type InstanceStatus,
  type RestoreDrillStatus,
} from '../../schema';
import { getInstanceWindow, type InstanceWindow } from '../get-instance-window';

export interface FleetInstance {
  id: string;
  name: string;
  status: InstanceStatus;
  kind: 'primary' | 'clone';
  hostId: string;
  legalHold: boolean;
  createdAt: Date;
  tenant: { id: string; slug: string; name: string; planId: string };
  window: Omit<InstanceWindow, 'windows'>;
  lastDrill: {
    id: string;
    status: RestoreDrillStatus;
    startedAt: Date;
    finishedAt: Date | null;
    error: string | null;
  } | null;
}

/**
 * Every live instance of every tenant with its recovery point (the same window math the
 * tenant sees), archive status per region, geo check, last backup and last drill. One short
 * read-only transaction per instance keeps a slow catalog from holding one long snapshot.
 */
export async function listFleet(
  db: PlatformDb,
  options: { regions?: readonly string[]; now?: Date } = {},
): Promise<FleetInstance[]> {
  const rows = await db
    .select({
      instance: instances,
      tenantSlug: tenants.slug,
      tenantName: tenants.name,
      planId: tenants.planId,
    })
    .from(instances)
    .innerJoin(tenants, eq(tenants.id, instances.tenantId))
    .where(ne(instances.status, 'deleted'))
    .orderBy(asc(tenants.slug), asc(instances.name));
  const drills = await db
    .selectDistinctOn([restoreDrills.instanceId], {
      instanceId: restoreDrills.instanceId,
      tenantId: restoreDrills.tenantId,
      id: restoreDrills.id,
      status: restoreDrills.status,
      startedAt: restoreDrills.startedAt,
      finishedAt: restoreDrills.finishedAt,
      error: restoreDrills.error,
    })
    .from(restoreDrills)
    .orderBy(restoreDrills.instanceId, desc(restoreDrills.startedAt));

  const out: FleetInstance[] = [];
  for (const { instance: i, tenantSlug, tenantName, planId } of rows) {
    const { windows: _windows, ...window } = await db.transaction(
      (tx) => getInstanceWindow(tx, i.tenantId, i.id, options),
      { accessMode: 'read only' },
    );
    const drill = drills.find((d) => d.instanceId === i.id && d.tenantId === i.tenantId);
    out.push({
      id: i.id,
      name: i.name,
      status: i.status,
      kind: i.kind,
      hostId: i.hostId,
      legalHold: i.legalHold,
      createdAt: i.createdAt,
      tenant: { id: i.tenantId, slug: tenantSlug, name: tenantName, planId },
      window,
      lastDrill: drill
        ? {
            id: drill.id,
            status: drill.status,
            startedAt: drill.startedAt,
            finishedAt: drill.finishedAt,
            error: drill.error,
          }
        : null,
    });
  }
  return out;
}
