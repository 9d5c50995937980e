import { and, eq } from 'drizzle-orm';
import { AppError } from '@rewind/core';
import type { Tx } from '../client';
import { isUuid, requireTenantRow, tenantWhere } from '../access';
import { restores } from '../schema';

export type RestoreRecord = typeof restores.$inferSelect;

/** One restore of the tenant; unknown, malformed or another tenant's id: not_found. */
export async function getRestore(tx: Tx, tenantId: string, id: string): Promise<RestoreRecord> {
  if (!isUuid(id)) throw new AppError('not_found', 'restore not found');
  const [row] = await tx
    .select()
    .from(restores)
    .where(and(tenantWhere(restores, tenantId), eq(restores.id, id)))
    .limit(1);
  return requireTenantRow(row, tenantId, 'restore');
}
