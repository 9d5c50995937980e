import { and, eq } from 'drizzle-orm';
import type { Tx } from '../client';
import { tenantWhere } from '../access';
import { instances } from '../schema';

/** The clone's `expires_at` as its restore workflow now has it (after extendCloneUpdate). */
export async function setCloneExpiry(
  tx: Tx,
  tenantId: string,
  cloneId: string,
  expiresAt: Date,
): Promise<void> {
  await tx
    .update(instances)
    .set({ expiresAt, updatedAt: new Date() })
    .where(
      and(tenantWhere(instances, tenantId), eq(instances.id, cloneId), eq(instances.kind, 'clone')),
    );
}
