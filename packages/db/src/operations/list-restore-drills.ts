import { and, desc, eq } from 'drizzle-orm';
import type { Tx } from '../client';
import { tenantWhere } from '../access';
import { restoreDrills, type RestoreDrillRow } from '../schema';
import { getInstance } from './get-instance';

/** The newest drills of one of the tenant's instances; another tenant's instance is not_found. */
export async function listRestoreDrills(
  tx: Tx,
  tenantId: string,
  instanceId: string,
  options: { limit?: number } = {},
): Promise<RestoreDrillRow[]> {
  const instance = await getInstance(tx, tenantId, instanceId);
  return tx
    .select()
    .from(restoreDrills)
    .where(and(tenantWhere(restoreDrills, tenantId), eq(restoreDrills.instanceId, instance.id)))
    .orderBy(desc(restoreDrills.startedAt))
    .limit(Math.min(Math.max(options.limit ?? 50, 1), 200));
}
