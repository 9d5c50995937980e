import { and, eq } from 'drizzle-orm';
import type { Tx } from '../client';
import { tenantWhere } from '../access';
import { instances, type InstanceStatus } from '../schema';

/** Moves an instance to `status`; false when the row is not there (deleted by someone else). */
export async function setInstanceStatus(
  tx: Tx,
  tenantId: string,
  instanceId: string,
  status: InstanceStatus,
): Promise<boolean> {
  const rows = await tx
    .update(instances)
    .set({ status, updatedAt: new Date() })
    .where(and(tenantWhere(instances, tenantId), eq(instances.id, instanceId)))
    .returning({ id: instances.id });
  return rows.length > 0;
}
