import { and, desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Tx } from '../client';
import { tenantWhere } from '../access';
import { instances, restores } from '../schema';
import { isTenantRestore } from './tenant-restore-filter';
import { getInstance } from './get-instance';
import type { RestoreRecord } from './get-restore';

export interface RestoreListRow extends RestoreRecord {
  /** the source instance's name, so a history reads without a lookup per row */
  instanceName: string;
  /** the clone it made, while that clone is alive: lists show the clone badge with its expiry */
  clone: { status: string; kind: string; expiresAt: Date | null } | null;
}

const cloneRow = alias(instances, 'clone');

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
    .select({
      restore: restores,
      instanceName: instances.name,
      cloneStatus: cloneRow.status,
      cloneKind: cloneRow.kind,
      cloneExpiresAt: cloneRow.expiresAt,
    })
    .from(restores)
    .innerJoin(instances, eq(instances.id, restores.instanceId))
    .leftJoin(
      cloneRow,
      and(eq(cloneRow.id, restores.resultInstanceId), eq(cloneRow.tenantId, restores.tenantId)),
    )
    .where(
      and(
        tenantWhere(restores, tenantId),
        instanceId ? eq(restores.instanceId, instanceId) : undefined,
        isTenantRestore(),
      ),
    )
    .orderBy(desc(restores.createdAt))
    .limit(Math.min(Math.max(options.limit ?? 100, 1), 500));
  return rows.map((r) => ({
    ...r.restore,
    instanceName: r.instanceName,
    clone:
      r.cloneStatus && r.cloneKind && r.restore.mode === 'clone'
        ? { status: r.cloneStatus, kind: r.cloneKind, expiresAt: r.cloneExpiresAt }
        : null,
  }));
}
