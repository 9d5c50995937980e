import 'server-only';
import { instanceConnection, type InstanceRecord, type RestoreRecord } from '@rewind/db';
import type { RequesterView } from './requesters';

/** GET /api/v1/restores/{id}: the row the workflow's activities keep current. */
export function toRestoreView(
  row: RestoreRecord,
  /** the source instance's IANA zone */
  timeZone: string,
  clone: InstanceRecord | null,
  requestedBy: RequesterView | null,
  /** the latest expiry the plan allows the clone (Extend TTL stops there) */
  maxExpiresAt: Date | null,
  host: string,
  asOwner: boolean,
) {
  const live = clone && clone.status === 'running';
  return {
    id: row.id,
    instanceId: row.instanceId,
    timeZone,
    status: row.status,
    phase: row.phase,
    mode: row.mode,
    requestedBy,
    progress: row.progress,
    target: row.target,
    resolvedTargetAt: row.resolvedTargetAt?.toISOString() ?? null,
    region: row.region,
    checks: row.checks,
    // a table-level restore: what its transient clone copies into the live instance, and how far
    tableRestore: row.tableRestore ?? null,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    result: clone
      ? {
          instanceId: clone.id,
          status: clone.status,
          kind: clone.kind,
          expiresAt: clone.expiresAt?.toISOString() ?? null,
          maxExpiresAt: clone.kind === 'clone' ? (maxExpiresAt?.toISOString() ?? null) : null,
          // members get the clone's read-only role, owners and admins its owner role; the
          // password only from POST /instances/{cloneId}/password
          connection: live ? instanceConnection(clone, { asOwner, host }) : null,
        }
      : null,
  };
}
