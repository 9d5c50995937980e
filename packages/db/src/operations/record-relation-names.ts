import { and, eq, inArray, isNull } from 'drizzle-orm';
import { catalogRelationKey, type CatalogRelation } from '@rewind/core';
import type { Tx } from '../client';
import { tenantWhere } from '../access';
import { relationNames } from '../schema';

/**
 * Writes only what changed since the last sync: a relation file (or name) not open yet opens a
 * span at `seenAt`, an open span the instance no longer has closes at `seenAt`. `relations` is
 * the whole map of the instance (every database), so a dropped database closes its spans too.
 */
export async function recordRelationNames(
  tx: Tx,
  input: { tenantId: string; instanceId: string; seenAt: Date; relations: CatalogRelation[] },
): Promise<{ opened: number; closed: number }> {
  const { tenantId, instanceId, seenAt } = input;
  const open = await tx
    .select()
    .from(relationNames)
    .where(
      and(
        tenantWhere(relationNames, tenantId),
        eq(relationNames.instanceId, instanceId),
        isNull(relationNames.seenUntil),
      ),
    );
  const openKeys = new Map(open.map((r) => [catalogRelationKey(r), r.id]));
  const now = new Set(input.relations.map(catalogRelationKey));
  const gone = [...openKeys].filter(([key]) => !now.has(key)).map(([, id]) => id);
  const fresh = input.relations.filter((r) => !openKeys.has(catalogRelationKey(r)));
  if (gone.length > 0)
    await tx
      .update(relationNames)
      .set({ seenUntil: seenAt })
      .where(and(tenantWhere(relationNames, tenantId), inArray(relationNames.id, gone)));
  // a first sync of a big schema is one statement per thousand rows, not one per row
  for (let i = 0; i < fresh.length; i += 1000)
    await tx
      .insert(relationNames)
      .values(
        fresh.slice(i, i + 1000).map((r) => ({ tenantId, instanceId, seenFrom: seenAt, ...r })),
      );
  return { opened: fresh.length, closed: gone.length };
}
