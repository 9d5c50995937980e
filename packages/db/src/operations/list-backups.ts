import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../client';
import { tenantWhere } from '../access';
import { backups } from '../schema';
import { getInstance } from './get-instance';

export type BackupRecord = typeof backups.$inferSelect;

/** The catalog's backups of one of the tenant's instances, oldest first, every region. */
export async function listBackups(
  tx: Tx,
  tenantId: string,
  instanceId: string,
): Promise<BackupRecord[]> {
  const instance = await getInstance(tx, tenantId, instanceId);
  return tx
    .select()
    .from(backups)
    .where(and(tenantWhere(backups, tenantId), eq(backups.instanceId, instance.id)))
    .orderBy(asc(backups.stoppedAt));
}
