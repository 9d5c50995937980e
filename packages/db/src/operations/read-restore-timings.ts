import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../client';
import { tenantWhere } from '../access';
import { approvals, restores } from '../schema';

/** What the restore metrics need to know about a restore before its row moves on. */
export interface RestoreTimings {
  mode: 'clone' | 'replace';
  /** a drill's restore has no requester */
  kind: 'user' | 'drill';
  phase: string;
  phaseStartedAt: Date | null;
  requestedAt: Date;
  /** when a second person decided, for restores that waited for approval */
  decidedAt: Date | null;
}

export async function readRestoreTimings(
  tx: Tx,
  tenantId: string,
  id: string,
): Promise<RestoreTimings | undefined> {
  const [row] = await tx
    .select({
      mode: restores.mode,
      requestedBy: restores.requestedBy,
      phase: restores.phase,
      phaseStartedAt: restores.phaseStartedAt,
      createdAt: restores.createdAt,
    })
    .from(restores)
    .where(and(tenantWhere(restores, tenantId), eq(restores.id, id)))
    .limit(1);
  if (!row) return undefined;
  const [decision] = await tx
    .select({ at: approvals.createdAt })
    .from(approvals)
    .where(and(tenantWhere(approvals, tenantId), eq(approvals.restoreId, id)))
    .orderBy(asc(approvals.createdAt))
    .limit(1);
  return {
    mode: row.mode,
    kind: row.requestedBy === null ? 'drill' : 'user',
    phase: row.phase,
    phaseStartedAt: row.phaseStartedAt,
    requestedAt: row.createdAt,
    decidedAt: decision?.at ?? null,
  };
}
