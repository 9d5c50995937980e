import { and, eq, gte, isNull, or } from 'drizzle-orm';
import type { RelationNameSpan } from '@rewind/core';
import type { Tx } from '../client';
import { tenantWhere } from '../access';
import { relationNames } from '../schema';

/** The recorded name spans of one instance still open at or after `since` (events from then on). */
export async function listRelationNames(
  tx: Tx,
  tenantId: string,
  instanceId: string,
  since: Date,
): Promise<RelationNameSpan[]> {
  const rows = await tx
    .select()
    .from(relationNames)
    .where(
      and(
        tenantWhere(relationNames, tenantId),
        eq(relationNames.instanceId, instanceId),
        or(isNull(relationNames.seenUntil), gte(relationNames.seenUntil, since)),
      ),
    );
  return rows.map((r) => ({
    dbOid: r.dbOid,
    databaseName: r.databaseName,
    relOid: r.relOid,
    relfilenode: r.relfilenode,
    relkind: r.relkind,
    schemaName: r.schemaName,
    tableName: r.tableName,
    tablespaceOid: r.tablespaceOid,
    seenFrom: r.seenFrom.toISOString(),
    seenUntil: r.seenUntil?.toISOString() ?? null,
  }));
}
