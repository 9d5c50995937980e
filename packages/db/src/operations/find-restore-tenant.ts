import { eq } from 'drizzle-orm';
import { AppError } from '@rewind/core';
import type { PlatformDb } from '../platform-db';
import { isUuid } from '../access';
import { restores } from '../schema';

/**
 * Platform-admin path only: which tenant a restore belongs to, so the admin's decision can
 * then be recorded inside that tenant's own transaction (RLS applies from there on).
 */
export async function findRestoreTenant(db: PlatformDb, restoreId: string): Promise<string> {
  if (!isUuid(restoreId)) throw new AppError('not_found', 'restore not found');
  const [row] = await db
    .select({ tenantId: restores.tenantId })
    .from(restores)
    .where(eq(restores.id, restoreId))
    .limit(1);
  if (!row) throw new AppError('not_found', 'restore not found');
  return row.tenantId;
}
