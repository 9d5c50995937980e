import { and, eq } from 'drizzle-orm';
import type { Tx } from '../client';
import { tenantWhere } from '../access';
import { instances } from '../schema';

/**
 * A clone kept as a permanent instance, in the catalog: no expiry, kind primary (it counts
 * against the plan and loses its clone badge), `creating` until the keepClone workflow has
 * given it its own stanza, first backups and schedules. Its source stays recorded.
 */
export async function keepCloneRecord(tx: Tx, tenantId: string, cloneId: string): Promise<void> {
  await tx
    .update(instances)
    .set({ kind: 'primary', expiresAt: null, status: 'creating', updatedAt: new Date() })
    .where(
      and(tenantWhere(instances, tenantId), eq(instances.id, cloneId), eq(instances.kind, 'clone')),
    );
}
