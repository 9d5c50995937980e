import { and, desc, eq, notExists } from 'drizzle-orm';
import type { Tx } from '../client';
import { tenantWhere } from '../access';
import { instances, restoreDrills, restores } from '../schema';
import { getInstance } from './get-instance';
import type { RestoreRecord } from './get-restore';

export interface RestoreListRow extends RestoreRecord {
  /** the source instance's name, so a history reads without a lookup per row */
  instanceName: string;
}

/**
 * The tenant's restores (drills' restores excluded), newest first, optionally of one instance (another tenant's instance
 * is not_found, as everywhere).
 */
export async function listRestores(
  tx: Tx,
  tenantId: string,
  options: { instanceId?: string; limit?: number } = {},
): Promise<RestoreListRow[]> {
  const instanceId =
    options.instanceId === undefined
      ? undefined
      : (await getInstance(tx, tenantId, options.instanceId)).id;
  const rows = await tx
    .select({ restore: restores, instanceName: instances.name })
    .from(restores)
    .innerJoin(instances, eq(instances.id, restores.instanceId))
    .where(
      and(
        tenantWhere(restores, tenantId),
        instanceId ? eq(restores.instanceId, instanceId) : undefined,
        // a drill's restore is the platform's, not the tenant's: it is listed with the drills
        notExists(
          tx
            .select({ id: restoreDrills.id })
            .from(restoreDrills)
            .where(eq(restoreDrills.restoreId, restores.id)),
        ),
      ),
    )
    .orderBy(desc(restores.createdAt))
    .limit(Math.min(Math.max(options.limit ?? 100, 1), 500));
  return rows.map((r) => ({ ...r.restore, instanceName: r.instanceName }));
}
