import { and, eq } from 'drizzle-orm';
import type { Tx } from '../client';
import { isUuid, requireTenantRow, tenantWhere } from '../access';
import { instances } from '../schema';
import { AppError } from '@rewind/core';

export type InstanceRecord = typeof instances.$inferSelect;

/**
 * One instance of the tenant, including its encrypted secrets (decrypt with `decryptSecret`
 * only where the connection is shown or used). Absent, deleted, malformed id or another
 * tenant's: all `not_found`.
 */
export async function getInstance(
  tx: Tx,
  tenantId: string,
  id: string,
  options: { includeDeleted?: boolean } = {},
): Promise<InstanceRecord> {
  if (!isUuid(id)) throw new AppError('not_found', 'instance not found');
  const [row] = await tx
    .select()
    .from(instances)
    .where(and(tenantWhere(instances, tenantId), eq(instances.id, id)))
    .limit(1);
  const found = requireTenantRow(row, tenantId, 'instance');
  if (found.status === 'deleted' && !options.includeDeleted)
    throw new AppError('not_found', 'instance not found');
  return found;
}
