import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../client';
import { tenantWhere } from '../access';
import { walRanges } from '../schema';

export type WalRangeRow = typeof walRanges.$inferSelect;

/** The catalog's WAL ranges of one instance (all regions), oldest first. */
export async function listWalRanges(
  tx: Tx,
  tenantId: string,
  instanceId: string,
): Promise<WalRangeRow[]> {
  return tx
    .select()
    .from(walRanges)
    .where(and(tenantWhere(walRanges, tenantId), eq(walRanges.instanceId, instanceId)))
    .orderBy(asc(walRanges.region), asc(walRanges.startSegment));
}
