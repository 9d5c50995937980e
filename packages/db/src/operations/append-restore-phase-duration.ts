import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { tenantWhere } from '../access';
import { restores, type RestorePhaseDuration } from '../schema';

/**
 * Appends one ended phase to the restore's `phase_durations` history (the RTO-by-phase
 * dashboard reads it). Written in the transaction that moves `phase`, so a retried activity
 * that finds the phase already moved appends nothing.
 */
export async function appendRestorePhaseDuration(
  tx: Tx,
  tenantId: string,
  id: string,
  ended: RestorePhaseDuration,
): Promise<void> {
  await tx
    .update(restores)
    .set({
      phaseDurations: sql`${restores.phaseDurations} || ${JSON.stringify([ended])}::jsonb`,
    })
    .where(and(tenantWhere(restores, tenantId), eq(restores.id, id)));
}
