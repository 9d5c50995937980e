import { and, eq } from 'drizzle-orm';
import type { Tx } from '../client';
import { tenantWhere } from '../access';
import { instances, type InstanceStatus } from '../schema';

/**
 * Puts an instance back to `previous`, but only if it is still in `expected` (the in-progress
 * status a request set): a lifecycle request whose workflow could not be started must not leave
 * it `stopping` forever, and must not undo what something else did meanwhile. True if it moved.
 */
export async function revertInstanceStatus(
  tx: Tx,
  tenantId: string,
  instanceId: string,
  change: { expected: InstanceStatus; previous: InstanceStatus },
): Promise<boolean> {
  const rows = await tx
    .update(instances)
    .set({ status: change.previous, updatedAt: new Date() })
    .where(
      and(
        tenantWhere(instances, tenantId),
        eq(instances.id, instanceId),
        eq(instances.status, change.expected),
      ),
    )
    .returning({ id: instances.id });
  return rows.length > 0;
}
