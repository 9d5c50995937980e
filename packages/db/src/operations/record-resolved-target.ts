import { and, eq } from 'drizzle-orm';
import type { Tx } from '../client';
import { tenantWhere } from '../access';
import { restores } from '../schema';

/**
 * The second a `latest` restore reached, once its copy replayed all archived WAL: the last
 * commit the copy applied. Written on the restore that made `copyId` (clone or replace copy).
 */
export async function recordResolvedTarget(
  tx: Tx,
  tenantId: string,
  copyId: string,
  at: Date,
): Promise<void> {
  await tx
    .update(restores)
    .set({ resolvedTargetAt: at })
    .where(and(tenantWhere(restores, tenantId), eq(restores.resultInstanceId, copyId)));
}
