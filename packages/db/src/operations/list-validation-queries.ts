import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../client';
import { assertTenantRows, tenantWhere } from '../access';
import { validationQueries } from '../schema';
import { getInstance } from './get-instance';

export type ValidationQueryRecord = typeof validationQueries.$inferSelect;

/**
 * The tenant's own checks saved on one of its instances, in the order they run against a
 * restored copy (oldest first). Unknown, deleted or another tenant's instance: `not_found`.
 */
export async function listValidationQueries(
  tx: Tx,
  tenantId: string,
  instanceId: string,
): Promise<ValidationQueryRecord[]> {
  const instance = await getInstance(tx, tenantId, instanceId);
  const rows = await tx
    .select()
    .from(validationQueries)
    .where(
      and(tenantWhere(validationQueries, tenantId), eq(validationQueries.instanceId, instance.id)),
    )
    .orderBy(asc(validationQueries.createdAt), asc(validationQueries.id));
  return assertTenantRows(rows, tenantId, 'validation query');
}
