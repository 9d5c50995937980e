import { and, eq } from 'drizzle-orm';
import { AppError } from '@rewind/core';
import type { Tx } from '../client';
import { tenantWhere } from '../access';
import { restores } from '../schema';

/**
 * The clone restore that made `cloneId`: its workflow holds the clone's TTL timer. not_found when
 * no restore of the tenant made it (another tenant's clone is hidden by RLS as well).
 */
export async function findCloneRestore(
  tx: Tx,
  tenantId: string,
  cloneId: string,
): Promise<{ id: string; workflowId: string }> {
  const [row] = await tx
    .select({ id: restores.id, workflowId: restores.workflowId })
    .from(restores)
    .where(
      and(
        tenantWhere(restores, tenantId),
        eq(restores.resultInstanceId, cloneId),
        eq(restores.mode, 'clone'),
      ),
    )
    .limit(1);
  if (!row) throw new AppError('not_found', 'no restore made this clone');
  return row;
}
