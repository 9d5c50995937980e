import { and, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { RestoreTargetSpec } from '@rewind/core';
import type { Tx } from '../client';
import { tenantWhere } from '../access';
import { instances, restores } from '../schema';
import { isTenantRestore } from './tenant-restore-filter';

export interface TimeTravelClone {
  restoreId: string;
  status: 'pending_approval' | 'running' | 'succeeded';
  /** null until the restore has made its clone */
  cloneId: string | null;
}

/**
 * A clone restore of `instanceId` at exactly `target` that is still coming or still there (its
 * clone not deleted): the time-travel console opens it again instead of restoring T twice. Table
 * restores' transient clones (they go as soon as their copy is done), drills' and the platform's
 * (wal-events' relation names) are not offered.
 */
export async function findTimeTravelClone(
  tx: Tx,
  tenantId: string,
  instanceId: string,
  target: RestoreTargetSpec,
): Promise<TimeTravelClone | null> {
  const rows = await tx
    .select({
      restoreId: restores.id,
      status: restores.status,
      cloneId: restores.resultInstanceId,
      cloneStatus: instances.status,
    })
    .from(restores)
    .leftJoin(instances, eq(instances.id, restores.resultInstanceId))
    .where(
      and(
        tenantWhere(restores, tenantId),
        eq(restores.instanceId, instanceId),
        eq(restores.mode, 'clone'),
        isNull(restores.tableRestore),
        // a drill's clone is the platform's, never the tenant's to query
        isTenantRestore(),
        // nor is the clone wal-events restores to name a relation (no requester): it is expired
        // as soon as its catalog is read, under a console that opened it
        isNotNull(restores.requestedBy),
        inArray(restores.status, ['pending_approval', 'running', 'succeeded']),
        // jsonb equality: the target as stored (times normalised to UTC µs by parseRestoreTarget)
        sql`${restores.target} = ${JSON.stringify(target)}::jsonb`,
      ),
    )
    .orderBy(desc(restores.createdAt))
    .limit(5);
  const live = rows.find(
    (r) =>
      r.status !== 'succeeded' ||
      (r.cloneId !== null && (r.cloneStatus === 'running' || r.cloneStatus === 'creating')),
  );
  if (!live) return null;
  return {
    restoreId: live.restoreId,
    status: live.status as TimeTravelClone['status'],
    cloneId: live.cloneId,
  };
}
