import { and, eq } from 'drizzle-orm';
import type { Tx } from '../client';
import { tenantWhere } from '../access';
import { instances } from '../schema';
import { getInstance } from './get-instance';

/**
 * A legal hold keeps an instance's backups and WAL past retention (expire skips it) and
 * blocks deletion. Returns the previous value so callers audit real changes only.
 */
export async function setInstanceLegalHold(
  tx: Tx,
  tenantId: string,
  instanceId: string,
  legalHold: boolean,
): Promise<{ before: boolean; after: boolean }> {
  const row = await getInstance(tx, tenantId, instanceId);
  if (row.legalHold !== legalHold) {
    await tx
      .update(instances)
      .set({ legalHold, updatedAt: new Date() })
      .where(and(tenantWhere(instances, tenantId), eq(instances.id, instanceId)));
  }
  return { before: row.legalHold, after: legalHold };
}
