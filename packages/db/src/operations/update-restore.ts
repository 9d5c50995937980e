import { and, eq } from 'drizzle-orm';
import type { Tx } from '../client';
import { tenantWhere } from '../access';
import { restores } from '../schema';
import type { RestoreRecord } from './get-restore';

export type RestorePatch = Partial<
  Pick<
    RestoreRecord,
    | 'status'
    | 'phase'
    | 'progress'
    | 'checks'
    | 'region'
    | 'resultInstanceId'
    | 'error'
    | 'finishedAt'
    | 'phaseStartedAt'
    | 'tableRestore'
  >
>;

/** Progress of a running restore, written by its workflow's activities at every phase. */
export async function updateRestore(
  tx: Tx,
  tenantId: string,
  id: string,
  patch: RestorePatch,
): Promise<RestoreRecord | undefined> {
  const [row] = await tx
    .update(restores)
    .set(patch)
    .where(and(tenantWhere(restores, tenantId), eq(restores.id, id)))
    .returning();
  return row;
}
