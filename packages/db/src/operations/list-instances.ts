import { and, asc, ne } from 'drizzle-orm';
import type { Tx } from '../client';
import { assertTenantRows, tenantWhere } from '../access';
import { instances } from '../schema';
import { isTenantInstance } from './tenant-restore-filter';

/** Columns safe to list: no encrypted secrets (those are only read for one instance). */
export const instanceSummaryColumns = {
  id: instances.id,
  tenantId: instances.tenantId,
  name: instances.name,
  status: instances.status,
  kind: instances.kind,
  hostId: instances.hostId,
  port: instances.port,
  databaseName: instances.databaseName,
  pgVersion: instances.pgVersion,
  sourceInstanceId: instances.sourceInstanceId,
  expiresAt: instances.expiresAt,
  legalHold: instances.legalHold,
  createdAt: instances.createdAt,
  updatedAt: instances.updatedAt,
};

export type InstanceSummary = {
  [K in keyof typeof instanceSummaryColumns]: (typeof instances.$inferSelect)[K];
};

/** Live instances of the tenant (deleted ones are history, not inventory; a drill's clone is the platform's), oldest first. */
export async function listInstances(tx: Tx, tenantId: string): Promise<InstanceSummary[]> {
  const rows = await tx
    .select(instanceSummaryColumns)
    .from(instances)
    .where(
      and(tenantWhere(instances, tenantId), ne(instances.status, 'deleted'), isTenantInstance()),
    )
    .orderBy(asc(instances.createdAt), asc(instances.name));
  return assertTenantRows(rows, tenantId, 'instance');
}
