import { and, eq } from 'drizzle-orm';
import type { Tx } from '../client';
import { tenantWhere } from '../access';
import { appendAuditEvent } from '../audit/append-audit-event';
import { restoreDrills, restores, type DrillPhaseDuration } from '../schema';

/** An archived WAL segment's name (timeline, log, segment), as a failure message names it. */
const WAL_SEGMENT = /\b[0-9A-F]{24}\b/;

export interface FinishRestoreDrillOptions {
  tenantId: string;
  drillId: string;
  /** the clone restore's outcome as its workflow returned it */
  restoreStatus: string;
  error?: string | null;
  /** how long each phase of the restore took, from its workflow */
  phases?: DrillPhaseDuration[];
  bytesRestored?: number | null;
  /** the restore's phase when it failed */
  failedPhase?: string | null;
}

/**
 * The verdict of a drill, taken from its restore row (checks, error, when the checks had
 * answered): succeeded only if the restore succeeded and every check passed.
 */
export async function finishRestoreDrill(tx: Tx, options: FinishRestoreDrillOptions) {
  const [drill] = await tx
    .select()
    .from(restoreDrills)
    .where(and(tenantWhere(restoreDrills, options.tenantId), eq(restoreDrills.id, options.drillId)))
    .limit(1);
  if (!drill)
    throw new Error(`restore drill ${options.drillId} not found for tenant ${options.tenantId}`);
  const [restore] = drill.restoreId
    ? await tx.select().from(restores).where(eq(restores.id, drill.restoreId)).limit(1)
    : [];
  const checks = restore?.checks ?? [];
  const ok =
    options.restoreStatus === 'succeeded' && checks.length > 0 && checks.every((c) => c.ok);
  const error = ok
    ? null
    : (options.error ??
      restore?.error ??
      (checks.length === 0 ? 'the restore ran no checks' : `restore ${options.restoreStatus}`));
  const checkedAt = restore?.finishedAt ?? new Date();
  const failedCheck = ok
    ? null
    : (checks.find((c) => !c.ok)?.name ?? options.failedPhase ?? restore?.phase ?? null);
  const [row] = await tx
    .update(restoreDrills)
    .set({
      status: ok ? 'succeeded' : 'failed',
      checks,
      error,
      failedCheck,
      walSegment: error ? (WAL_SEGMENT.exec(error)?.[0] ?? null) : null,
      phases: options.phases ?? [],
      bytesRestored: options.bytesRestored ?? null,
      durationSeconds: Math.max(
        0,
        Math.round((checkedAt.getTime() - drill.startedAt.getTime()) / 1000),
      ),
      finishedAt: new Date(),
    })
    .where(eq(restoreDrills.id, drill.id))
    .returning();
  await appendAuditEvent(tx, {
    tenantId: options.tenantId,
    actor: { type: 'system' },
    action: ok ? 'drill.succeeded' : 'drill.failed',
    target: { type: 'instance', id: drill.instanceId },
    data: {
      drillId: drill.id,
      restoreId: drill.restoreId,
      region: drill.region,
      target: drill.target,
      checks: checks.length,
      ...(failedCheck ? { failedCheck } : {}),
      ...(error ? { error: error.slice(0, 2000) } : {}),
    },
  });
  return row!;
}
