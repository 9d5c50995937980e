import { and, eq } from 'drizzle-orm';
import { AppError } from '@rewind/core';
import type { Tx } from '../client';
import { tenantWhere } from '../access';
import { restores } from '../schema';

/**
 * The clone restore that made `cloneId`: its workflow holds the clone's TTL timer. The caller has
 * read the clone in the tenant (another tenant's is not_found there); a clone no restore made has
 * nothing that could move its TTL: conflict.
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
  if (!row)
    throw new AppError(
      'conflict',
      'no restore of this tenant made this clone, so nothing holds its TTL',
    );
  return row;
}
