import { and, eq } from 'drizzle-orm';
import type { Tx } from '../client';
import { tenantWhere } from '../access';
import { instanceRegionStatus } from '../schema';

/** Per region, the archived segment up to which the catalog sync has read restore points. */
export async function restorePointsScannedThrough(
  tx: Tx,
  tenantId: string,
  instanceId: string,
): Promise<Map<string, string | null>> {
  const rows = await tx
    .select({
      region: instanceRegionStatus.region,
      through: instanceRegionStatus.restorePointsScannedThrough,
    })
    .from(instanceRegionStatus)
    .where(
      and(
        tenantWhere(instanceRegionStatus, tenantId),
        eq(instanceRegionStatus.instanceId, instanceId),
      ),
    );
  return new Map(rows.map((r) => [r.region, r.through]));
}
