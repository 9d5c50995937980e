import { eq, and } from 'drizzle-orm';
import { spansFromRestoredCatalog, type CatalogRelation } from '@rewind/core';
import type { Tx } from '../client';
import { tenantWhere } from '../access';
import { relationNames } from '../schema';

/**
 * Records what a restored copy's catalog (read at `at`, just before an event) names that no
 * sync ever saw: a relation made and dropped between two syncs. Each is one instant's span, so
 * the next wal-events call names the event from here, without a clone.
 */
export async function recordRestoredRelationNames(
  tx: Tx,
  input: { tenantId: string; instanceId: string; at: Date; relations: CatalogRelation[] },
): Promise<{ recorded: number }> {
  const known = await tx
    .select()
    .from(relationNames)
    .where(
      and(
        tenantWhere(relationNames, input.tenantId),
        eq(relationNames.instanceId, input.instanceId),
      ),
    );
  const fresh = spansFromRestoredCatalog(input.relations, known, input.at.toISOString());
  for (let i = 0; i < fresh.length; i += 1000)
    await tx.insert(relationNames).values(
      fresh.slice(i, i + 1000).map((s) => ({
        ...s,
        tenantId: input.tenantId,
        instanceId: input.instanceId,
        seenFrom: input.at,
        seenUntil: input.at,
      })),
    );
  return { recorded: fresh.length };
}
