import { and, eq, inArray } from 'drizzle-orm';
import { AppError, type ActiveRestoreFact } from '@rewind/core';
import type { Tx } from '../client';
import { isUuid, requireTenantRow, tenantWhere } from '../access';
import { instances, restores } from '../schema';
import { isTenantRestore } from './tenant-restore-filter';
import type { InstanceRecord } from './get-instance';

export interface LockedInstance {
  instance: InstanceRecord;
  /** the tenant's restores of the instance (not drills) pending approval or running, oldest first */
  activeRestores: ActiveRestoreFact[];
}

/**
 * One instance of the tenant, its row locked (FOR UPDATE) until the transaction ends, with what
 * the lifecycle rules (`lifecycleRefusal` in @rewind/core) read. Two stop/start/delete requests
 * for the same instance therefore decide one after the other, each on the other's outcome, and a
 * restore request (which locks the row FOR SHARE) cannot slip in between the check and the
 * status change. Absent, deleted, malformed id or another tenant's: all `not_found`.
 */
export async function lockInstanceForLifecycle(
  tx: Tx,
  tenantId: string,
  id: string,
): Promise<LockedInstance> {
  if (!isUuid(id)) throw new AppError('not_found', 'instance not found');
  const [row] = await tx
    .select()
    .from(instances)
    .where(and(tenantWhere(instances, tenantId), eq(instances.id, id)))
    .limit(1)
    .for('update');
  const instance = requireTenantRow(row, tenantId, 'instance');
  if (instance.status === 'deleted') throw new AppError('not_found', 'instance not found');
  const active = await tx
    .select({ id: restores.id, mode: restores.mode, status: restores.status })
    .from(restores)
    .where(
      and(
        tenantWhere(restores, tenantId),
        eq(restores.instanceId, instance.id),
        inArray(restores.status, ['pending_approval', 'running']),
        // a drill restores from S3 into a clone of the platform's: it never holds the source
        // back (and the tenant could not cancel it), so a delete goes ahead beside it
        isTenantRestore(),
      ),
    )
    .orderBy(restores.createdAt);
  return { instance, activeRestores: active };
}
